"""Facts the benchmark needs from the imported data, printed as JSON.

The most-covered people (for the person and two-people pages), the busiest month (for the
month archive) and the date from which about 10,000 articles were published (for the export).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.db.models.functions import TruncMonth  # noqa: E402

from articles.models import Article, Person  # noqa: E402

EXPORT_ROWS = 10_000


def main() -> None:
    top_people = list(
        Person.objects.annotate(coverage=Count("mentions"))
        .order_by("-coverage")
        .values_list("slug", flat=True)[:2]
    )
    busiest = (
        Article.objects.dated()
        .annotate(month=TruncMonth("published_date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    dated = Article.objects.dated().order_by("-published_date")
    total = dated.count()
    cut = dated.values_list("published_date", flat=True)[min(EXPORT_ROWS, total) - 1]
    print(
        json.dumps(
            {
                "top_people": top_people,
                "busiest_month": busiest["month"].strftime("%Y/%m"),
                "export_since": cut.isoformat(),
            }
        )
    )


if __name__ == "__main__":
    main()
