"""Reads of the archive, as QuerySet methods, so views and commands never build queries."""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q


class OfficeQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date):
        """Offices whose term includes ``day`` (the last day of a term counts)."""
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


class PersonQuerySet(models.QuerySet):
    def holding_office(
        self,
        day: datetime.date,
        *,
        country_code: str,
        title: str | None = None,
        head_of_state: bool | None = None,
        head_of_government: bool | None = None,
    ):
        """People who held the described office in ``country_code`` on ``day``.

        When a term ends on the day the next begins, the newcomer comes first.
        """
        from articles.models import Office

        offices = Office.objects.held_on(day).filter(country__code=country_code.upper())
        if title is not None:
            offices = offices.filter(title__iexact=title)
        if head_of_state is not None:
            offices = offices.filter(head_of_state=head_of_state)
        if head_of_government is not None:
            offices = offices.filter(head_of_government=head_of_government)
        latest_start = offices.filter(person=OuterRef("pk")).order_by("-start").values("start")[:1]
        return (
            self.filter(Exists(offices.filter(person=OuterRef("pk"))))
            .annotate(office_start=models.Subquery(latest_start))
            .order_by("-office_start", "name")
        )

    def with_leader_flag(self):
        """Annotate ``is_leader``: ever head of state or of government."""
        from articles.models import Office

        return self.annotate(
            is_leader=Exists(
                Office.objects.filter(person=OuterRef("pk")).filter(
                    Q(head_of_state=True) | Q(head_of_government=True)
                )
            )
        )

    def leaders(self):
        return self.with_leader_flag().filter(is_leader=True)


class ArticleQuerySet(models.QuerySet):
    def dated(self):
        """Articles whose publication date is known (the date archive shows only these)."""
        return self.filter(published_date__isnull=False)

    def newest_first(self):
        return self.order_by(models.F("published_date").desc(nulls_last=True), "-id")

    def search(self, query: str, *, sort: str = "relevance"):
        """Articles matching ``query``, annotated with ``search_rank`` (higher is better).

        ``sort`` is ``relevance``, ``newest`` or ``oldest``; see ``search.search_articles``.
        """
        from articles import search

        return search.search_articles(self, query, sort=sort)


class EventQuerySet(models.QuerySet):
    def with_participants(self):
        return self.select_related("place").prefetch_related("participants")
