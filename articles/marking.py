"""An article's clean text as safe HTML: people's names linked, search terms marked.

One regular-expression pass over the plain text finds the names; the text between them goes
through ``articles.search.highlight_text``, which escapes it and marks the query's words in any
inflection, as the search matched them. So the result is safe whatever the text holds.
"""

import re
from collections.abc import Mapping

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.search import ParsedQuery, highlight_text, parse_query


def _names_pattern(names: Mapping[str, str]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _mark_line(
    line: str, pattern: re.Pattern | None, names: Mapping[str, str], query: ParsedQuery
) -> str:
    if pattern is None:
        return highlight_text(line, query)
    html, end = [], 0
    for match in pattern.finditer(line):
        html.append(highlight_text(line[end : match.start()], query))
        html.append(
            format_html('<a class="person-ref" href="{}">{}</a>', names[match[0]], match[0])
        )
        end = match.end()
    html.append(highlight_text(line[end:], query))
    return "".join(html)


def mark_text(text: str, *, names: Mapping[str, str], query: str = "") -> SafeString:
    """``text``'s non-empty lines as ``<p>`` paragraphs with ``names`` (name → URL) linked
    and the words of ``query`` marked."""
    pattern = _names_pattern(names)
    parsed = parse_query(query or "")
    paragraphs = (
        f"<p>{_mark_line(line.strip(), pattern, names, parsed)}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    return mark_safe("\n".join(paragraphs))  # noqa: S308 - every piece is escaped above
