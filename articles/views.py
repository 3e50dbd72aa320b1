"""Server-rendered pages of the archive. Views stay thin: reads live on the QuerySets."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles import search
from articles.models import Article, Event, Person

PAGE_SIZE = 25


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "article_count": Article.objects.count(),
        "person_count": Person.objects.count(),
        "event_count": Event.objects.count(),
        "latest_articles": Article.objects.newest_first().select_related("source")[:10],
    }
    return render(request, "articles/home.html", context)


@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    sort = request.GET.get("sort") or ("relevance" if query else "newest")
    context = {"query": search.clean_query(query), "sort": sort}
    if len(query) > search.MAX_QUERY_LENGTH or "\x00" in query:
        context["error"] = f"Search for at most {search.MAX_QUERY_LENGTH} characters of text."
        return render(request, "articles/article_list.html", context, status=400)
    if sort not in {"relevance", *search.SORTS}:
        context["error"] = "Sort by relevance, newest or oldest."
        return render(request, "articles/article_list.html", context, status=400)

    articles = Article.objects.select_related("source")
    if not query:
        ordered = articles.order_by(*search.SORTS.get(sort, search.SORTS["newest"]))
        page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "articles/article_list.html", {**context, "page": page})

    results = articles.search(query, sort=sort)
    count, exact = search.count_matches(articles, query)
    paginator = Paginator(results[:count], PAGE_SIZE)
    paginator.count = count  # counted above already, and cheaply
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    passages = search.snippets(page.object_list, query)
    for article in page.object_list:
        article.snippet = passages[article.pk]
    context.update(page=page, count=count, count_is_exact=exact)
    if not count:
        context["suggestions"] = search.suggest_people(query)
    return render(request, "articles/article_list.html", context)


@require_safe
def article_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    return render(request, "articles/article_detail.html", {"article": article})


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    return render(request, "articles/person_detail.html", {"person": person})


@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.with_participants(), pk=pk)
    return render(request, "articles/event_detail.html", {"event": event})
