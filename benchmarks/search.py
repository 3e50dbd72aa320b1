"""Search benchmark: server time of ``/articles/?q=…`` on a PostgreSQL archive of 100,000 articles.

Usage::

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/archive_bench \\
        .venv/bin/python benchmarks/search.py [--articles 100000] [--runs 40]

Migrates the database, and when it holds fewer articles than asked, bulk-loads synthetic ones
(English and Russian reports of leaders' meetings with linked names, deterministic for a seed)
straight into the table: the importer's extraction is not what is measured here. Then it
requests each query through Django's test Client — the whole view: search, count, one page,
snippets, template, no network — and prints p50/p95 in milliseconds of the request and of
the part spent waiting for the database.
"""

import argparse
import datetime
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

QUERIES = [
    {"q": "Nazarbayev Sochi"},
    {"q": "cooperation"},
    {"q": '"Eurasian Economic Union"'},
    {"q": "telephone conversation Lukashenko"},
    {"q": "Tokayev Beijing trade"},
    # Date orders skip ranking but must find the first page among every match.
    {"q": "cooperation", "sort": "newest"},
    {"q": "cooperation", "sort": "oldest"},
    {"q": "telephone conversation Lukashenko", "sort": "oldest"},
]

# (English name, Russian name, Russian genitive/instrumental form used in prose)
LEADERS = [
    ("Vladimir Putin", "Владимир Путин", "Путиным"),
    ("Nursultan Nazarbayev", "Нурсултан Назарбаев", "Назарбаевым"),
    ("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "Токаевым"),
    ("Alexander Lukashenko", "Александр Лукашенко", "Лукашенко"),
    ("Shavkat Mirziyoyev", "Шавкат Мирзиёев", "Мирзиёевым"),
    ("Ilham Aliyev", "Ильхам Алиев", "Алиевым"),
    ("Nikol Pashinyan", "Никол Пашинян", "Пашиняном"),
    ("Xi Jinping", "Си Цзиньпин", "Си Цзиньпином"),
    ("Emomali Rahmon", "Эмомали Рахмон", "Рахмоном"),
    ("Sadyr Japarov", "Садыр Жапаров", "Жапаровым"),
    ("Recep Tayyip Erdogan", "Реджеп Тайип Эрдоган", "Эрдоганом"),
    ("Dmitry Medvedev", "Дмитрий Медведев", "Медведевым"),
    ("Islam Karimov", "Ислам Каримов", "Каримовым"),
    ("Almazbek Atambayev", "Алмазбек Атамбаев", "Атамбаевым"),
    ("Gurbanguly Berdimuhamedov", "Гурбангулы Бердымухамедов", "Бердымухамедовым"),
]
PLACES = [
    ("Moscow", "Москва", "Москве"),
    ("Astana", "Астана", "Астане"),
    ("Sochi", "Сочи", "Сочи"),
    ("Beijing", "Пекин", "Пекине"),
    ("Minsk", "Минск", "Минске"),
    ("Tashkent", "Ташкент", "Ташкенте"),
    ("Baku", "Баку", "Баку"),
    ("Yerevan", "Ереван", "Ереване"),
    ("Dushanbe", "Душанбе", "Душанбе"),
    ("Bishkek", "Бишкек", "Бишкеке"),
    ("Almaty", "Алматы", "Алматы"),
    ("Ashgabat", "Ашхабад", "Ашхабаде"),
]
ENGLISH = [
    "The parties discussed cooperation in trade, energy and transport.",
    "{a} and {b} noted the growth of mutual trade and investment.",
    "Special attention was paid to cooperation within the Eurasian Economic Union.",
    "The leaders held a telephone conversation on regional security.",
    "They exchanged views on the situation in Afghanistan and the region.",
    "An intergovernmental commission on economic cooperation will meet next month.",
    "The presidents signed a joint statement and several agreements.",
    "{a} invited {b} to pay an official visit.",
    "The sides agreed to deepen humanitarian and cultural ties.",
    "Trade turnover between the two countries grew by {n} percent last year.",
    "The talks in {p} lasted more than three hours.",
    "Questions of the Collective Security Treaty Organization were also raised.",
]
RUSSIAN = [
    "Стороны обсудили сотрудничество в сфере торговли, энергетики и транспорта.",
    "Лидеры отметили рост взаимного товарооборота и инвестиций.",
    "Особое внимание уделено сотрудничеству в рамках Евразийского экономического союза.",
    "Состоялся телефонный разговор, в ходе которого обсуждались вопросы безопасности.",
    "Президенты подписали совместное заявление и ряд соглашений.",
    "Товарооборот между странами вырос на {n} процентов.",
    "Переговоры в {p} продолжались более трёх часов.",
    "Стороны договорились углублять гуманитарные и культурные связи.",
]
SYLLABLES = [
    "ka",
    "ra",
    "ni",
    "to",
    "mu",
    "se",
    "la",
    "vo",
    "de",
    "ri",
    "an",
    "el",
    "or",
    "us",
    "im",
    "ta",
    "po",
    "ne",
    "ly",
    "st",
]


def synthetic_article(number: int, rng: random.Random) -> dict:
    """One plausible report: a title, a 200–400-word body, linked names, a date."""
    first, second = rng.sample(LEADERS, 2)
    place = rng.choice(PLACES)
    published = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randrange(11_000))
    filler = " ".join(rng.choice(SYLLABLES) + rng.choice(SYLLABLES) for _ in range(40))
    if rng.random() < 0.3:
        title = f"{first[1]} провёл переговоры с {second[2]} в {place[2]}"
        sentences = rng.choices(RUSSIAN, k=rng.randint(12, 20))
    else:
        kind = rng.choice(["meets", "holds talks with", "has a telephone conversation with"])
        title = f"{first[0].split()[-1]} {kind} {second[0].split()[-1]} in {place[0]}"
        sentences = rng.choices(ENGLISH, k=rng.randint(12, 20))
    body = " ".join(
        sentence.format(
            a=first[0], b=second[0], p=place[0] if sentence in ENGLISH else place[2], n=number % 40
        )
        for sentence in sentences
    )
    names = " ".join([first[0], first[1], second[0], second[1], place[0], place[1]])
    return {
        "title": title,
        "body": f"{body} {filler}",
        "search_names": names,
        "published_date": published,
    }


def load(count: int, seed: int) -> None:
    from articles.models import Article

    have = Article.objects.count()
    if have >= count:
        return
    rng = random.Random(seed)
    print(f"loading {count - have} synthetic articles …", flush=True)
    batch = []
    for number in range(have, count):
        fields = synthetic_article(number, rng)
        batch.append(
            Article(
                **fields,
                raw_text=fields["body"],
                sha256=f"{seed:08x}{number:056x}",
                file_name=f"bench/{number:06d}.txt",
                language="ru" if fields["title"][0] > "z" else "en",
            )
        )
        if len(batch) == 2_000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


class DatabaseTimer:
    """Sums the time spent in the database during a request (an ``execute_wrapper``)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure(runs: int) -> None:
    from django.db import connection
    from django.test import Client

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    client = Client()
    print(f"{'query':48} {'p50 ms':>7} {'p95 ms':>7} {'db p50':>7} {'db p95':>7}  results")
    for params in QUERIES:
        timings, database = [], []
        for run in range(runs + 3):
            timer = DatabaseTimer()
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                response = client.get("/articles/", params)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            if run >= 3:  # the first requests warm caches
                timings.append(elapsed * 1000)
                database.append(timer.seconds * 1000)
        count = re.search(r'class="count">([^<]*)', response.text).group(1).strip()
        label = params["q"] + (f" sort={params['sort']}" if "sort" in params else "")
        print(
            f"{label:48} {statistics.median(timings):7.1f} {p95(timings):7.1f}"
            f" {statistics.median(database):7.1f} {p95(database):7.1f}  {count}"
        )


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the target is PostgreSQL's.")
    call_command("migrate", verbosity=0)
    load(args.articles, args.seed)
    measure(args.runs)


if __name__ == "__main__":
    main()
