"""Server-rendered pages of the archive. Views stay thin: reads live on the QuerySets,
parameters are validated by the FilterSets in ``articles.filters`` (bad ones answer 400)."""

import functools

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from articles import exports, search
from articles.caching import archive_cached, cached_page
from articles.filters import FACET_WINDOW, ArticleFilter, EventFilter, InvalidQuery, validated
from articles.models import Article, Event, MentionRole, Person

PAGE_SIZE = 25
MAX_PAGE_DIGITS = 12
HOME_LIST_SIZE = 10
PERSON_LIST_SIZE = 20


def answers_bad_query(view):
    """Answer :class:`InvalidQuery` with a 400 page (NUL characters never get this far:
    ``RejectNulBytesMiddleware`` answers them)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except InvalidQuery as problem:
            return render(
                request, "articles/bad_query.html", {"problems": problem.problems}, status=400
            )

    return wrapper


class CountedPaginator(Paginator):
    """A paginator told how many items there are, where counting them again would cost."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


def page_of(
    request: HttpRequest, items, per_page: int = PAGE_SIZE, *, count: int | None = None
) -> Page:
    """The page of ``items`` that ``?page=`` asks for (the first by default); ``count`` is
    the number of items, where the caller knows it."""
    raw = request.GET.get("page") or "1"
    if not (raw.isascii() and raw.isdecimal()) or not raw.strip("0"):
        raise InvalidQuery([f"page: “{raw[:40]}” is not a page number."])
    if count is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CountedPaginator(items, per_page, count=count)
    # Python refuses to parse integers of thousands of digits; no archive has that many pages.
    number = int(raw) if len(raw) <= MAX_PAGE_DIGITS else None
    if number is None or number > paginator.num_pages:
        raise InvalidQuery(
            [f"page: there is no page {raw[:40]}; the results fill {paginator.num_pages}."]
        )
    return paginator.page(number)


@require_safe
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """The overview: counts, latest articles, most-covered leaders, coverage by year."""
    context = archive_cached(
        "home",
        lambda: {
            "article_count": Article.objects.count(),
            "person_count": Person.objects.count(),
            "event_count": Event.objects.count(),
            "coverage": Article.objects.year_counts(),
        },
    ) | {
        "latest_articles": Article.objects.newest_first().for_listing()[:HOME_LIST_SIZE],
        "leaders": Person.objects.leaders().most_covered()[:HOME_LIST_SIZE],
    }
    return render(request, "articles/home.html", context)


@require_safe
@cached_page
@answers_bad_query
def article_list(request: HttpRequest) -> HttpResponse:
    """List, search and filters in one page, with facet counts and chips."""
    filterset = validated(ArticleFilter(request.GET))
    results = filterset.qs.for_listing()
    query = filterset.form.cleaned_data.get("q")
    if query:
        # A search pages through at most RESULT_WINDOW results, and one more to say "more
        # than": counting every match of a word found in nearly every article costs 70 ms.
        results = results[: search.RESULT_WINDOW + 1]
    # Counting the results of a few filters over 100,000 articles costs up to 50 ms: the
    # count, like the facets, is the same for every page and sort until the archive changes.
    count = archive_cached(f"count:{filterset.cache_key()}", results.count)
    page = page_of(request, results, count=count)
    page.object_list = list(page.object_list)
    snippets = filterset.snippets(page.object_list)
    for article in page.object_list:
        article.snippet = snippets.get(article.pk)
    context = {
        "filter": filterset,
        "page": page,
        "more_than": search.RESULT_WINDOW if page.paginator.count > search.RESULT_WINDOW else None,
        "suggestions": search.suggest_people(query) if query and not page.object_list else [],
        "facets": filterset.facets(),
        "facet_window": FACET_WINDOW if page.paginator.count > FACET_WINDOW else None,
        "chips": filterset.chips(),
        "sort": filterset.sort,
    }
    return render(request, "articles/article_list.html", context)


@require_safe
@answers_bad_query
def export_csv(request: HttpRequest) -> HttpResponse:
    """The ``/articles/`` result set as CSV, streamed."""
    filterset = validated(ArticleFilter.for_export(request.GET))
    return exports.csv_response(filterset.qs, request)


@require_safe
@answers_bad_query
def export_json(request: HttpRequest) -> HttpResponse:
    """The ``/articles/`` result set as a JSON array of export records, streamed."""
    filterset = validated(ArticleFilter.for_export(request.GET))
    return exports.json_response(filterset.qs, request)


def _name_links(mentions) -> dict[str, str]:
    """Every name and alias of the people mentioned, to the page of the person it names."""
    links = {}
    for mention in mentions:
        person = mention.person
        for name in [person.name, *(alias.name for alias in person.aliases.all())]:
            links.setdefault(name, person.get_absolute_url())
    return links


@require_safe
@cached_page
def article_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    """One article; a slug that is not the title's redirects to the canonical URL."""
    show_raw = request.GET.get("raw") == "1"
    articles = Article.objects.for_detail()
    if not show_raw:
        # The raw text can be megabytes: read it only when asked for.
        articles = articles.defer("raw_text")
    article = get_object_or_404(articles, pk=pk)
    if slug and slug != article.slug:
        query = request.GET.urlencode()
        return redirect(article.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)
    mentions = article.all_people_mentions
    context = {
        "article": article,
        "people_mentions": [m for m in mentions if m.role != MentionRole.AUTHOR],
        "names": _name_links(mentions),
        "query": request.GET.get("q", "").replace("\x00", "")[:500],
        "show_raw": show_raw,
        "related": Article.objects.reporting_same_events_as(article)
        .newest_first()
        .as_links()[:HOME_LIST_SIZE],
    }
    return render(request, "articles/article_detail.html", context)


class PersonListForm(forms.Form):
    """``/people/``'s one parameter."""

    sort = forms.ChoiceField(
        choices=[("leaders", "leaders first"), ("coverage", "most covered"), ("name", "name")],
        required=False,
        error_messages={"invalid_choice": "Sort people by leaders, coverage or name."},
    )


@require_safe
@cached_page
@answers_bad_query
def person_list(request: HttpRequest) -> HttpResponse:
    """People, leaders first unless ``?sort=coverage`` or ``?sort=name``."""
    form = PersonListForm(request.GET)
    if not form.is_valid():
        raise InvalidQuery([f"sort: {message}" for message in form.errors["sort"]])
    sort = form.cleaned_data["sort"] or "leaders"
    people = Person.objects.listed(sort).select_related("country")
    return render(
        request, "articles/person_list.html", {"page": page_of(request, people), "sort": sort}
    )


@require_safe
@cached_page
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A person's offices, coverage over time, whom they met, events and quotes."""
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    # Aggregates over a leader's 14,000 articles and events: the same until the archive changes.
    context = archive_cached(
        f"person:{person.pk}",
        lambda: {
            "coverage": Article.objects.for_people([person]).year_counts(),
            "met": list(Person.objects.met_with(person)[:PERSON_LIST_SIZE]),
        },
    ) | {
        "person": person,
        "offices": person.offices.select_related("country").order_by("start"),
        "events": person.events.with_participants()
        .with_report_count()
        .newest_first()[:PERSON_LIST_SIZE],
        "quotes": person.quotes.select_related("article")
        .defer("article__body", "article__raw_text")
        .order_by(F("article__published_date").desc(nulls_last=True), "-pk")[:HOME_LIST_SIZE],
        "latest_articles": Article.objects.for_people([person])
        .newest_first()
        .as_links()[:HOME_LIST_SIZE],
    }
    return render(request, "articles/person_detail.html", context)


@require_safe
@cached_page
@answers_bad_query
def event_list(request: HttpRequest) -> HttpResponse:
    """Events, newest first, filtered by kind, person, place and date."""
    events = Event.objects.with_participants().with_report_count().newest_first()
    filterset = validated(EventFilter(request.GET, queryset=events))
    page = page_of(request, filterset.qs)
    return render(request, "articles/event_list.html", {"filter": filterset, "page": page})


@require_safe
@cached_page
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One event: participants, place, date to its precision, every report."""
    event = get_object_or_404(
        Event.objects.with_participants().prefetch_related("organizations"), pk=pk
    )
    articles = event.articles.newest_first().as_links()
    return render(request, "articles/event_detail.html", {"event": event, "articles": articles})


class ArticleDateMixin:
    """The date archive's common ground: dated articles by publication date, future allowed
    (a source's clock may run ahead), one page of results at a time."""

    date_field = "published_date"
    allow_future = True
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # Plain: previous/next links query this too, and need no related rows.
        return Article.objects.dated()

    def get_context_data(self, *, object_list, **kwargs):
        return super().get_context_data(object_list=object_list.for_listing(), **kwargs)


class ArticleArchiveIndex(ArticleDateMixin, ArchiveIndexView):
    """``/dates/``: the years with their counts, then the latest articles."""

    # A new archive has no dated article yet: say so instead of answering 404.
    allow_empty = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(year_counts=Article.objects.dated().year_counts(), **kwargs)


class ArticleYearArchive(ArticleDateMixin, YearArchiveView):
    """``/dates/<yyyy>/``: the year's months with their counts."""

    # A year lists its months, not its articles (make_object_list is off): nothing to page.
    paginate_by = None

    def get_context_data(self, **kwargs):
        counts = Article.objects.dated().month_counts(int(self.get_year()))
        return super().get_context_data(month_counts=counts, **kwargs)


class ArticleMonthArchive(ArticleDateMixin, MonthArchiveView):
    """``/dates/<yyyy>/<mm>/``: the month's days with their counts, and its articles."""

    month_format = "%m"

    def get_context_data(self, **kwargs):
        counts = Article.objects.dated().day_counts(int(self.get_year()), int(self.get_month()))
        return super().get_context_data(day_counts=counts, **kwargs)


class ArticleDayArchive(ArticleDateMixin, DayArchiveView):
    """``/dates/<yyyy>/<mm>/<dd>/``: the day's articles."""

    month_format = "%m"
