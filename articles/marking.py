"""An article's clean text as safe HTML: people's names linked, search terms marked.

One regular-expression pass over the plain text; everything between matches is escaped, so the
result is safe whatever the text holds.

The terms are the words of the query, matched as prefixes (a cheap stand-in for stemming); when
``articles.search.highlight_text`` lands, the search highlighting moves there.
"""

import re
from collections.abc import Mapping

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Query syntax that is not a word to look for: quotes, exclusions, OR.
QUERY_WORD = re.compile(r"(?<![\w-])-?\w[\w'’]*")
MIN_TERM_LENGTH = 2


def query_terms(query: str) -> list[str]:
    """The words of a search query worth marking (not ``-excluded`` ones, not ``or``)."""
    terms = []
    for word in QUERY_WORD.findall(query or ""):
        if word.startswith("-") or word.lower() == "or" or len(word) < MIN_TERM_LENGTH:
            continue
        terms.append(word)
    return terms


def _pattern(names: Mapping[str, str], terms: list[str]) -> re.Pattern | None:
    parts = []
    if names:
        alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        parts.append(rf"(?P<name>(?<!\w)(?:{alternatives})(?!\w))")
    if terms:
        alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
        parts.append(rf"(?P<term>(?i:(?<!\w)(?:{alternatives})\w*))")
    return re.compile("|".join(parts)) if parts else None


def _mark_line(line: str, pattern: re.Pattern | None, names: Mapping[str, str]) -> str:
    if pattern is None:
        return escape(line)
    html, end = [], 0
    for match in pattern.finditer(line):
        html.append(escape(line[end : match.start()]))
        if match.lastgroup == "name":
            html.append(
                format_html('<a class="person-ref" href="{}">{}</a>', names[match[0]], match[0])
            )
        else:
            html.append(format_html("<mark>{}</mark>", match[0]))
        end = match.end()
    html.append(escape(line[end:]))
    return "".join(html)


def mark_text(text: str, *, names: Mapping[str, str], query: str = "") -> SafeString:
    """``text``'s non-empty lines as ``<p>`` paragraphs with ``names`` (name → URL) linked
    and the words of ``query`` marked."""
    pattern = _pattern(names, query_terms(query))
    paragraphs = (
        f"<p>{_mark_line(line.strip(), pattern, names)}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    return mark_safe("\n".join(paragraphs))  # noqa: S308 - every piece is escaped above
