"""Server-rendered pages of the archive. Views stay thin: reads live on the QuerySets."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

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
    articles = Article.objects.newest_first().select_related("source")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page})


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
