"""Query parameters of the list pages, validated and applied as FilterSets.

``ArticleFilter`` serves ``/articles/``, its exports and its feed (DESIGN.md's contract: ``q``,
``person`` (repeatable, all must match), ``place``, ``organization``, ``source``, ``kind``,
``date_after``, ``date_before``, ``sort``). Filtering itself lives on the QuerySets; the filters
only validate and dispatch. ``ArticleFilter.facets()`` counts the current result set.
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass

import django_filters
from django import forms

from articles import search
from articles.caching import archive_cached
from articles.models import Article, Event, Organization, Person, Place, Source

ISO_DATE = ["%Y-%m-%d"]
MAX_QUERY_LENGTH = 500
FACET_SIZE = 10
# Facets count at most this many of the newest results (a search: of its relevance window).
FACET_WINDOW = search.RESULT_WINDOW
SLUG_FILTERS = ("place", "organization", "source")
DATE_FILTERS = ("date_after", "date_before")


class InvalidQuery(Exception):
    """Query parameters the page cannot answer; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def validated(filterset):
    """``filterset`` if its parameters are valid, else :class:`InvalidQuery` naming each one."""
    if filterset.is_valid():
        return filterset
    problems = []
    for name, messages in filterset.errors.items():
        prefix = "" if name == "__all__" else f"{name}: "
        problems += [f"{prefix}{message}" for message in messages]
    raise InvalidQuery(problems)


class SortChoice:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = [(RELEVANCE, "relevance"), (NEWEST, "newest first"), (OLDEST, "oldest first")]


def _slug_filter(model, label: str, method: str):
    """A filter taking a slug of ``model``; an unknown slug is a validation error."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        to_field_name="slug",
        method=method,
        label=label,
        error_messages={"invalid_choice": f"No {label.lower()} has the slug “%(value)s”."},
    )


def _date_filter(label: str, method: str):
    return django_filters.DateFilter(
        method=method,
        label=label,
        input_formats=ISO_DATE,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
    )


class DateRangeForm(forms.Form):
    """Refuses a range that ends before it starts."""

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            raise forms.ValidationError("The start date is later than the end date.")
        return cleaned


class ArticleFilterForm(DateRangeForm):
    sort = forms.ChoiceField(
        choices=SortChoice.CHOICES,
        required=False,
        label="Sort by",
        error_messages={"invalid_choice": "Sort by relevance, newest or oldest."},
    )


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what to show, how many results have it, whether it is selected.

    ``value`` is the query parameter's value; years carry their date range instead.
    """

    value: str
    label: str
    count: int
    active: bool
    date_after: str = ""
    date_before: str = ""


@dataclass(frozen=True)
class Facet:
    """A facet: ``param`` is the query parameter its links set (``repeatable`` ones add)."""

    title: str
    param: str
    values: list[FacetValue]
    repeatable: bool = False


@dataclass(frozen=True)
class Chip:
    """An active filter shown as removable: ``value`` empty removes every value of ``param``."""

    label: str
    param: str
    value: str = ""


class ArticleFilter(django_filters.FilterSet):
    """``/articles/``'s parameters; ``narrowed`` applies ``q`` after the others."""

    q = django_filters.CharFilter(
        method="filter_q", label="Search", max_length=MAX_QUERY_LENGTH, strip=True
    )
    person = django_filters.ModelMultipleChoiceFilter(
        queryset=Person.objects.all(),
        to_field_name="slug",
        method="filter_people",
        label="People",
        error_messages={"invalid_choice": "No person has the slug “%(value)s”."},
    )
    place = _slug_filter(Place, "Place", "filter_place")
    organization = _slug_filter(Organization, "Organization", "filter_organization")
    source = _slug_filter(Source, "Source", "filter_source")
    kind = django_filters.ChoiceFilter(
        choices=Event.Kind.choices,
        method="filter_kind",
        label="Event kind",
        error_messages={"invalid_choice": "“%(value)s” is not an event kind."},
    )
    date_after = _date_filter("From", "filter_date_after")
    date_before = _date_filter("Until", "filter_date_before")

    class Meta:
        model = Article
        fields = []
        form = ArticleFilterForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "" in data.getlist("person"):
            # A blank ``person=`` (an emptied form field) means no one, not an unknown slug.
            data = data.copy()
            data.setlist("person", [slug for slug in data.getlist("person") if slug])
        super().__init__(data, *args, **kwargs)

    # The calls into articles.search, kept together so the search backend is easy to follow.
    @functools.cached_property
    def search_query(self) -> search.ParsedQuery:
        """``q`` parsed once: the list, each facet and the snippets search with it."""
        return search.parse_query(self.form.cleaned_data.get("q") or "")

    def filter_q(self, queryset, name, value):
        return queryset.search(self.search_query)

    def snippets(self, articles) -> dict:
        """HTML-safe passages around the matches, for the articles on the current page only."""
        query = self.form.cleaned_data.get("q")
        return search.snippets(articles, self.search_query) if query else {}

    def filter_people(self, queryset, name, value):
        return queryset.for_people(value)

    def filter_place(self, queryset, name, value):
        return queryset.at_place(value)

    def filter_organization(self, queryset, name, value):
        return queryset.for_organization(value)

    def filter_source(self, queryset, name, value):
        return queryset.from_source(value)

    def filter_kind(self, queryset, name, value):
        return queryset.reporting_kind(value)

    def filter_date_after(self, queryset, name, value):
        return queryset.published_between(after=value)

    def filter_date_before(self, queryset, name, value):
        return queryset.published_between(before=value)

    @classmethod
    def for_export(cls, data):
        """The filters of an export or feed: newest first unless relevance is asked for.

        On PostgreSQL relevance ranks a window of the newest matches (``search.RESULT_WINDOW``),
        as the page does; an export of a search should hold every match, so by default it
        searches in date order, which has no window.
        """
        data = data.copy()
        if not data.get("sort"):
            data["sort"] = SortChoice.NEWEST
        return cls(data)

    @property
    def sort(self) -> str:
        """The order asked for, or the default: relevance when searching, else newest."""
        asked = self.form.cleaned_data.get("sort")
        searching = bool(self.form.cleaned_data.get("q"))
        if asked == SortChoice.RELEVANCE and not searching:
            return SortChoice.NEWEST
        return asked or (SortChoice.RELEVANCE if searching else SortChoice.NEWEST)

    def narrowed(self, queryset, *, skip: tuple[str, ...] = (), sort: str = SortChoice.RELEVANCE):
        """``queryset`` with every valid filter applied except those named in ``skip``.

        The search comes last: on PostgreSQL relevance ranks a window of the newest matches
        (``search.RESULT_WINDOW``), which must be taken from the filtered articles, and a sort
        by date must search every match rather than that window. Facets count the window.
        """
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and name not in skip and name != "q":
                queryset = self.filters[name].filter(queryset, value)
        if self.form.cleaned_data.get("q") and "q" not in skip:
            queryset = queryset.search(self.search_query, sort=sort)
        return queryset

    def filter_queryset(self, queryset):
        narrowed = self.narrowed(queryset, sort=self.sort)
        if self.sort == SortChoice.RELEVANCE:
            return narrowed.most_relevant_first()
        if self.sort == SortChoice.OLDEST:
            return narrowed.oldest_first()
        return narrowed.newest_first()

    def chips(self) -> list[Chip]:
        """The filters in force, each with what removing it takes."""
        data = self.form.cleaned_data
        chips = []
        if data.get("q"):
            chips.append(Chip(f"Search: {data['q']}", "q"))
        chips += [
            Chip(f"Person: {person.name}", "person", person.slug)
            for person in data.get("person") or ()
        ]
        for name in SLUG_FILTERS:
            if data.get(name):
                chips.append(Chip(f"{self.filters[name].label}: {data[name].name}", name))
        if data.get("kind"):
            chips.append(Chip(f"Event kind: {dict(Event.Kind.choices)[data['kind']]}", "kind"))
        if data.get("date_after"):
            chips.append(Chip(f"From {data['date_after'].isoformat()}", "date_after"))
        if data.get("date_before"):
            chips.append(Chip(f"Until {data['date_before'].isoformat()}", "date_before"))
        return chips

    def cache_key(self) -> str:
        """The filters in force, as a short key: equal for requests that differ only in
        their page or sort, which change neither the facets nor the count."""
        data = self.form.cleaned_data
        values = [
            # As typed: a query of control characters alone searches (for nothing) and must
            # not share the key of no query at all.
            data.get("q") or "",
            sorted(person.slug for person in data.get("person") or ()),
            *(data[name].slug if data.get(name) else "" for name in SLUG_FILTERS),
            data.get("kind") or "",
            *(data[name].isoformat() if data.get(name) else "" for name in DATE_FILTERS),
        ]
        return hashlib.sha256(repr(values).encode()).hexdigest()[:32]

    def facets(self) -> list[Facet]:
        """Counts for the current results, cached until the archive changes (paging through
        results, or anyone asking the same, counts nothing again)."""
        return archive_cached(f"facets:{self.cache_key()}", self.count_facets)

    def count_facets(self) -> list[Facet]:
        """Counts for the current results, a query or two per facet.

        A single-valued facet is counted with its own filter removed, so the other values
        stay visible and a click switches between them. People are counted *with* the people
        filter: it is repeatable and all must match, so a click narrows further. Only the
        newest ``FACET_WINDOW`` results are counted, so a facet costs the same over ten
        articles or 100,000; the window is looked for once per filter left out, and only
        for a filter in force (none, for a search alone).
        """
        data = self.form.cleaned_data
        chosen_people = {person.slug for person in data.get("person") or ()}
        windows: dict[tuple[str, ...], list[int]] = {}

        articles = self.queryset.model.objects

        def without(*names):
            in_force = tuple(name for name in names if data.get(name))
            if in_force not in windows:
                narrowed = self.narrowed(self.queryset.all(), skip=in_force)
                windows[in_force] = narrowed.newest_ids(FACET_WINDOW)
            return windows[in_force]

        def named(rows, param):
            chosen = data.get(param)
            chosen_slug = chosen.slug if chosen else None
            return [
                FacetValue(row["slug"], row["name"], row["n"], row["slug"] == chosen_slug)
                for row in rows
            ]

        kind_labels = dict(Event.Kind.choices)
        after, before = data.get("date_after"), data.get("date_before")
        return [
            Facet(
                "People",
                "person",
                [
                    FacetValue(row["slug"], row["name"], row["n"], row["slug"] in chosen_people)
                    for row in articles.person_counts(without(), FACET_SIZE)
                ],
                repeatable=True,
            ),
            Facet(
                "Places",
                "place",
                named(articles.place_counts(without("place"), FACET_SIZE), "place"),
            ),
            Facet(
                "Organizations",
                "organization",
                named(
                    articles.organization_counts(without("organization"), FACET_SIZE),
                    "organization",
                ),
            ),
            Facet(
                "Sources",
                "source",
                named(articles.source_counts(without("source"), FACET_SIZE), "source"),
            ),
            Facet(
                "Event kinds",
                "kind",
                [
                    FacetValue(
                        row["kind"],
                        kind_labels.get(row["kind"], row["kind"]),
                        row["n"],
                        row["kind"] == data.get("kind"),
                    )
                    for row in articles.kind_counts(without("kind"), FACET_SIZE)
                ],
            ),
            Facet(
                "Years",
                "year",
                [
                    _year_value(row["year"], row["n"], after, before)
                    for row in reversed(
                        articles.among(without("date_after", "date_before")).year_counts()
                    )
                ][:FACET_SIZE],
            ),
        ]


def _year_value(year: int, count: int, after, before) -> FacetValue:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return FacetValue(
        str(year),
        str(year),
        count,
        after == first and before == last,
        date_after=first.isoformat(),
        date_before=last.isoformat(),
    )


class EventFilter(django_filters.FilterSet):
    """``/events/``'s parameters: kind, person, place, date range."""

    kind = django_filters.ChoiceFilter(
        choices=Event.Kind.choices,
        method="filter_kind",
        label="Kind",
        error_messages={"invalid_choice": "“%(value)s” is not an event kind."},
    )
    person = _slug_filter(Person, "Person", "filter_person")
    place = _slug_filter(Place, "Place", "filter_place")
    date_after = _date_filter("From", "filter_date_after")
    date_before = _date_filter("Until", "filter_date_before")

    class Meta:
        model = Event
        fields = []
        form = DateRangeForm

    def filter_kind(self, queryset, name, value):
        return queryset.of_kind(value)

    def person_choices(self):
        """The people worth offering in the form: those who took part in an event."""
        return Person.objects.filter(events__isnull=False).distinct().only("name", "slug")

    def place_choices(self):
        """The places worth offering in the form: those where an event was held."""
        return Place.objects.filter(events__isnull=False).distinct().only("name", "slug")

    def filter_person(self, queryset, name, value):
        return queryset.for_person(value.slug)

    def filter_place(self, queryset, name, value):
        return queryset.at_place(value.slug)

    def filter_date_after(self, queryset, name, value):
        return queryset.between(after=value)

    def filter_date_before(self, queryset, name, value):
        return queryset.between(before=value)
