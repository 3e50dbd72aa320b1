"""Template helpers: query-string links for facets and chips, marked article text, bar charts.

``add_qsarg`` / ``remove_qsarg`` follow simonwillisonblog's tags of the same names; every link
they build drops ``page``, since a changed filter starts again at the first page. Where the
parameter's name is fixed, Django's own ``{% querystring %}`` does the job.
"""

from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.urls import reverse

from articles.marking import mark_text

register = template.Library()

CHART_WIDTH = 640
CHART_HEIGHT = 160
TOP_SPACE = 18  # room for the counts above the bars
BOTTOM_SPACE = 24  # room for the labels below, large enough for the phone-sized font
MAX_BAR_WIDTH = 48


def _encoded(query: QueryDict) -> str:
    query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def add_qsarg(context, name: str, value) -> str:
    """The current query with ``name=value`` added (kept once) and ``page`` dropped."""
    query = context["request"].GET.copy()
    values = query.getlist(name)
    if str(value) not in values:
        query.setlist(name, [*values, str(value)])
    return _encoded(query)


@register.simple_tag(takes_context=True)
def set_qsarg(context, name: str, value) -> str:
    """The current query with ``name`` set to ``value`` alone and ``page`` dropped."""
    query = context["request"].GET.copy()
    query.setlist(name, [str(value)])
    return _encoded(query)


@register.simple_tag(takes_context=True)
def remove_qsarg(context, name: str, value="") -> str:
    """The current query without ``name=value`` (every ``name`` when no value) nor ``page``."""
    query = context["request"].GET.copy()
    if value:
        query.setlist(name, [kept for kept in query.getlist(name) if kept != str(value)])
    else:
        query.pop(name, None)
    return _encoded(query)


@register.simple_tag
def marked_text(text: str, names: dict, query: str = ""):
    """``text`` as HTML paragraphs, people's names linked and the search terms marked."""
    return mark_text(text, names=names, query=query)


def _bar_url(label, link_prefix: str, person: str) -> str:
    if person:
        query = urlencode(
            {"person": person, "date_after": f"{label}-01-01", "date_before": f"{label}-12-31"}
        )
        return f"{reverse('articles:article_list')}?{query}"
    return f"{link_prefix}{label}/" if link_prefix else ""


@register.inclusion_tag("articles/_bar_chart.html")
def bar_chart(rows, key: str, title: str, link_prefix: str = "", person: str = ""):
    """An inline SVG bar chart of ``rows`` (dicts with ``key`` and ``n``), no script needed.

    Bars are links: to ``link_prefix`` + label + ``/`` (a date archive page), or, with a
    ``person`` slug and years as labels, to that person's articles of the year.
    """
    rows = list(rows)
    peak = max((row["n"] for row in rows), default=0) or 1
    slot = CHART_WIDTH / max(len(rows), 1)
    width = min(slot * 0.8, MAX_BAR_WIDTH)
    plot = CHART_HEIGHT - TOP_SPACE - BOTTOM_SPACE
    bars = []
    for index, row in enumerate(rows):
        height = max(round(plot * row["n"] / peak, 1), 1)
        bars.append(
            {
                "label": row[key],
                "count": row["n"],
                "url": _bar_url(row[key], link_prefix, person),
                "x": round(index * slot + (slot - width) / 2, 1),
                "width": round(width, 1),
                "y": round(TOP_SPACE + plot - height, 1),
                "height": height,
                "middle": round(index * slot + slot / 2, 1),
                "count_y": round(TOP_SPACE + plot - height - 4, 1),
            }
        )
    return {
        "bars": bars,
        "title": title,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "label_y": CHART_HEIGHT - 3,
        "show_every": max(len(rows) // 8, 1),
    }


@register.filter
def without(items, excluded):
    """``items`` less ``excluded``: "the others" in a list of participants."""
    return [item for item in items if item != excluded]
