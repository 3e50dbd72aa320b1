"""Reads of the archive, as QuerySet methods, so views and commands never build queries."""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import connections, models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear, TruncDay, TruncMonth

# Journalists are linked to articles as authors: they wrote the report, they are not in it.
AUTHOR = "author"


class _AmongIds(Expression):
    """``field = ANY(ids)`` with the ids as one text parameter (PostgreSQL).

    A thousand-item ``IN`` list, or an array adapted item by item by Django and psycopg, costs
    more time to build than PostgreSQL takes to run the query (25 ms a search page).
    """

    output_field = BooleanField()

    def __init__(self, field: str, ids: Iterable[int]):
        super().__init__()
        self.column = F(field)
        self.ids = "{" + ",".join(str(int(pk)) for pk in ids) + "}"

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        return f"{sql} = ANY(%s::bigint[])", [*params, self.ids]


def among_ids(field: str, ids: Iterable[int], *, using: str = "default"):
    """A filter: ``field`` (an id) is one of ``ids``, cheap to build for thousands of ids."""
    if connections[using].vendor == "postgresql":
        return _AmongIds(field, ids)
    return Q(**{f"{field}__in": list(ids)})


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

    def most_covered(self):
        """People named in at least one article, the most named first."""
        return self.filter(article_count__gt=0).order_by("-article_count", "name")

    def leaders(self):
        """People who were ever head of state or of government."""
        return self.with_leader_flag().filter(is_leader=True)

    # How /people/ can be ordered; leaders are heads of state or government.
    LIST_ORDERS = {
        "leaders": (F("is_leader").desc(), F("article_count").desc(), "name"),
        "coverage": (F("article_count").desc(), "name"),
        "name": ("name",),
    }

    def listed(self, order: str = "leaders"):
        """People with ``is_leader``, in one of :attr:`LIST_ORDERS`."""
        return self.with_leader_flag().order_by(*self.LIST_ORDERS[order])

    def met_with(self, person):
        """Who took part in events with ``person``, annotated ``meetings`` (events shared)."""
        from articles.models import Event

        # From the participants table alone: joining the events themselves cost 70 ms for a
        # leader at 14,000 events. A person takes part in an event once, so no DISTINCT.
        shared = Event.participants.through.objects.filter(person=person).values("event")
        return (
            self.filter(events__in=shared)
            .exclude(pk=person.pk)
            .annotate(meetings=Count("events"))
            .order_by("-meetings", "name")
        )


class ArticleQuerySet(models.QuerySet):
    def dated(self):
        """Articles whose publication date is known (the date archive shows only these)."""
        return self.filter(published_date__isnull=False)

    def newest_first(self):
        """Latest publication first, undated articles last."""
        return self.order_by(models.F("published_date").desc(nulls_last=True), "-id")

    def oldest_first(self):
        """Earliest publication first, undated articles last."""
        return self.order_by(models.F("published_date").asc(nulls_last=True), "id")

    def most_relevant_first(self):
        """By ``search_rank`` (from :meth:`search`), the newest first among equals."""
        return self.order_by(
            F("search_rank").desc(nulls_last=True),
            F("published_date").desc(nulls_last=True),
            "-id",
        )

    # The filters below take the rows themselves, not slugs: a condition on the id lets the
    # planner use the column statistics (a slug joined in makes every person look average,
    # and a person named in 14% of the archive was planned as if named in 3%).

    def for_people(self, people: Iterable):
        """Articles naming every one of these people (in any role)."""
        from articles.models import PersonMention

        articles = self
        for person in people:
            articles = articles.filter(
                Exists(PersonMention.objects.filter(article=OuterRef("pk"), person=person))
            )
        return articles

    def at_place(self, place):
        """Articles naming this place."""
        from articles.models import PlaceMention

        return self.filter(Exists(PlaceMention.objects.filter(article=OuterRef("pk"), place=place)))

    def for_organization(self, organization):
        """Articles naming this organization."""
        from articles.models import OrganizationMention

        return self.filter(
            Exists(
                OrganizationMention.objects.filter(
                    article=OuterRef("pk"), organization=organization
                )
            )
        )

    def from_source(self, source):
        """Articles published by this outlet."""
        return self.filter(source=source)

    def reporting_kind(self, kind: str):
        """Articles reporting at least one event of this kind (meeting, phone_call …)."""
        from articles.models import EventReport

        return self.filter(
            Exists(EventReport.objects.filter(article=OuterRef("pk"), event__kind=kind))
        )

    def published_between(
        self, after: datetime.date | None = None, before: datetime.date | None = None
    ):
        """Articles published on or after ``after`` and on or before ``before`` (inclusive)."""
        articles = self
        if after is not None:
            articles = articles.filter(published_date__gte=after)
        if before is not None:
            articles = articles.filter(published_date__lte=before)
        return articles

    def for_listing(self):
        """What a result row shows: the source and the people named (authors left out).

        The raw text is deferred: it can be megabytes and a list never shows it.
        """
        from articles.models import PersonMention

        return (
            self.defer("raw_text")
            .select_related("source")
            .prefetch_related(
                Prefetch(
                    "personmention_set",
                    queryset=PersonMention.objects.exclude(role=AUTHOR)
                    .select_related("person")
                    .order_by("position", "pk"),
                    to_attr="people_mentions",
                )
            )
        )

    def as_links(self):
        """What a linked title shows (title, date, source), without the texts: the body and
        the raw text are most of a row, and a list of links never shows them."""
        return self.defer("body", "raw_text").select_related("source")

    def for_detail(self):
        """An article with everything its page shows, in a fixed number of queries."""
        from articles.models import (
            Event,
            OrganizationMention,
            PersonMention,
            PlaceMention,
            Quote,
        )

        return self.select_related("source").prefetch_related(
            Prefetch(
                "personmention_set",
                queryset=PersonMention.objects.select_related("person")
                .prefetch_related("person__aliases")
                .order_by("position", "pk"),
                to_attr="all_people_mentions",
            ),
            Prefetch(
                "placemention_set",
                queryset=PlaceMention.objects.select_related("place").order_by("position"),
                to_attr="place_mentions",
            ),
            Prefetch(
                "organizationmention_set",
                queryset=OrganizationMention.objects.select_related("organization").order_by(
                    "position"
                ),
                to_attr="organization_mentions",
            ),
            Prefetch(
                "events",
                queryset=Event.objects.select_related("place")
                .prefetch_related("participants")
                .order_by(F("date").asc(nulls_last=True), "pk"),
            ),
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        )

    def for_export(self):
        """Everything an export record holds; prefetched per chunk by ``iterator()``."""
        from articles.models import Event, PersonMention, Quote

        return self.select_related("source").prefetch_related(
            Prefetch(
                "personmention_set",
                queryset=PersonMention.objects.exclude(role=AUTHOR)
                .select_related("person")
                .order_by("position", "pk"),
                to_attr="people_mentions",
            ),
            "places",
            "organizations",
            Prefetch(
                "events",
                queryset=Event.objects.select_related("place").prefetch_related("participants"),
            ),
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        )

    def reporting_same_events_as(self, article):
        """Other articles reporting any of ``article``'s events."""
        return (
            self.filter(event_reports__event__reports__article=article)
            .exclude(pk=article.pk)
            .distinct()
        )

    def newest_ids(self, size: int) -> list[int]:
        """The ids of the newest ``size`` of these articles.

        Facets count these rather than every result: a GROUP BY over 100,000 articles costs
        100 ms or more per facet, one over a thousand ids a few milliseconds. Taken once and
        passed on (:meth:`among`), the window is not looked for again by every facet.
        """
        return list(self.newest_first().values_list("pk", flat=True)[:size])

    def among(self, ids: Iterable[int]):
        """These articles whose id is one of ``ids``."""
        return self.filter(among_ids("pk", ids, using=self.db))

    # Facet counts over a window of ids (:meth:`newest_ids`), one GROUP BY each on the link
    # table itself: joined to the articles first, PostgreSQL plans far worse. A mention is
    # unique per (article, thing), so counting mentions counts articles without DISTINCT.

    def _mention_counts(self, mentions, thing: str, ids: list[int], limit: int):
        """``[{"slug", "name", "n"}]`` of ``thing`` over ``mentions`` of the articles ``ids``."""
        return list(
            mentions.filter(among_ids("article_id", ids, using=self.db))
            .values(slug=F(f"{thing}__slug"), name=F(f"{thing}__name"))
            .annotate(n=Count("pk"))
            .order_by("-n", "name")[:limit]
        )

    def person_counts(self, ids: list[int], limit: int = 10):
        """The people most named in the articles ``ids`` (authors aside)."""
        from articles.models import PersonMention

        mentions = PersonMention.objects.using(self.db).exclude(role=AUTHOR)
        return self._mention_counts(mentions, "person", ids, limit)

    def place_counts(self, ids: list[int], limit: int = 10):
        """The places most named in the articles ``ids``."""
        from articles.models import PlaceMention

        return self._mention_counts(PlaceMention.objects.using(self.db), "place", ids, limit)

    def organization_counts(self, ids: list[int], limit: int = 10):
        """The organizations most named in the articles ``ids``."""
        from articles.models import OrganizationMention

        mentions = OrganizationMention.objects.using(self.db)
        return self._mention_counts(mentions, "organization", ids, limit)

    def source_counts(self, ids: list[int], limit: int = 10):
        """``[{"slug", "name", "n"}]``: the outlets that published most of the articles ``ids``."""
        return list(
            self.among(ids)
            .filter(source__isnull=False)
            .values(slug=F("source__slug"), name=F("source__name"))
            .annotate(n=Count("pk"))
            .order_by("-n", "name")[:limit]
        )

    def kind_counts(self, ids: list[int], limit: int = 10):
        """``[{"kind", "n"}]``: event kinds reported in the articles ``ids``, counted in articles.

        In two steps, the reports then their events' kinds: joined in one query, PostgreSQL
        hashes all 130,000 events of a 100,000-article archive to find a thousand (20 ms).
        """
        from articles.models import Event, EventReport

        reports = list(
            EventReport.objects.using(self.db)
            .filter(among_ids("article_id", ids, using=self.db))
            .order_by()
            .values_list("event_id", "article_id")
        )
        kinds = dict(
            Event.objects.using(self.db)
            .filter(among_ids("pk", {event for event, _ in reports}, using=self.db))
            .values_list("pk", "kind")
        )
        # An event deleted between the two reads is left out rather than failing the page.
        reported = {(kinds[event], article) for event, article in reports if event in kinds}
        counts = Counter(kind for kind, _ in reported)
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [{"kind": kind, "n": n} for kind, n in ordered[:limit]]

    def year_counts(self):
        """``[{"year", "n"}]`` in chronological order; undated articles left out."""
        return list(
            self.filter(published_date__isnull=False)
            .annotate(year=ExtractYear("published_date"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("year")
        )

    def month_counts(self, year: int):
        """``[{"month", "n"}]`` for the articles published in ``year``; months as dates."""
        return list(
            self.filter(published_date__year=year)
            .annotate(month=TruncMonth("published_date"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )

    def day_counts(self, year: int, month: int):
        """``[{"day", "n"}]`` for the articles published in that month; days as dates."""
        return list(
            self.filter(published_date__year=year, published_date__month=month)
            .annotate(day=TruncDay("published_date"))
            .values("day")
            .annotate(n=Count("pk"))
            .order_by("day")
        )

    def search(self, query, *, sort: str = "relevance"):
        """Articles matching ``query``, annotated with ``search_rank`` (higher is better).

        ``query`` is the text or a ``search.ParsedQuery``; ``sort`` is ``relevance``,
        ``newest`` or ``oldest``. See ``search.search_articles``.
        """
        from articles import search

        return search.search_articles(self, query, sort=sort)


class EventQuerySet(models.QuerySet):
    def with_participants(self):
        """Events with their place and participants loaded."""
        return self.select_related("place").prefetch_related("participants")

    def newest_first(self):
        """By date, latest first, undated events last (PostgreSQL puts NULLs first otherwise)."""
        return self.order_by(F("date").desc(nulls_last=True), "-pk")

    def with_report_count(self):
        """Annotate ``article_count``: how many articles report the event.

        A subquery, not a GROUP BY: a page of 20 events counts the reports of those 20 rather
        than of every event before the sort (a leader's 14,000).
        """
        from articles.models import EventReport

        reports = (
            EventReport.objects.filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(article_count=Coalesce(Subquery(reports), 0))

    def for_person(self, slug: str):
        """Events the person with this slug took part in."""
        return self.filter(participants__slug=slug)

    def at_place(self, slug: str):
        """Events held at the place with this slug."""
        return self.filter(place__slug=slug)

    def of_kind(self, kind: str):
        """Events of one kind (meeting, phone_call …)."""
        return self.filter(kind=kind)

    def between(self, after: datetime.date | None = None, before: datetime.date | None = None):
        """Events dated on or after ``after`` and on or before ``before`` (inclusive)."""
        events = self
        if after is not None:
            events = events.filter(date__gte=after)
        if before is not None:
            events = events.filter(date__lte=before)
        return events
