"""Extraction: from a page's text to an ``Extraction``. Pure: no database access.

The stages compose in order: cleaning finds the title, head and body; the knowledge index
finds known names in the title and body (searched together, so offsets count from the start of
the title); dates, outlet, people, places, organizations, quotes and events follow.
"""

from collections import Counter

from articles.importer import quotes as quoting
from articles.importer.cleaning import clean_page
from articles.importer.entities import ORGANIZATION, PLACE, Match, index_for
from articles.importer.events import find_events
from articles.importer.metadata import (
    find_bylines,
    find_source,
    language_of,
    most_referred_country,
    publication_date,
)
from articles.importer.people import find_people
from articles.importer.records import Extraction, Knowledge, NameRecord
from articles.importer.text import Words, sentences


def name_records(matches: list[Match], category: str) -> list[NameRecord]:
    """Places or organizations with their counts, in order of first mention."""
    chosen = [match for match in matches if match.category == category]
    counts = Counter(match.items[0].name for match in chosen)
    records: dict[str, NameRecord] = {}
    for match in chosen:
        name = match.items[0].name
        records.setdefault(name, NameRecord(name, counts[name], match.start))
    return list(records.values())


def extract_page(text: str, knowledge: Knowledge) -> Extraction:
    """Everything extraction finds in the (normalised) text of one page."""
    index = index_for(knowledge)
    page = clean_page(text)
    body = page.body
    document = f"{page.title}\n\n{body}" if body else page.title
    published = publication_date(page)
    words = Words(document)
    spans = sentences(document)
    matches = index.find(words)
    outlet = find_source(page, document, index)
    home_country = outlet.country_code or most_referred_country(matches)
    people = find_people(words, matches, index.leaders, published.date, home_country)
    place_matches = [match for match in matches if match.category == PLACE]
    organization_matches = [match for match in matches if match.category == ORGANIZATION]
    quoted = quoting.find_quoted(document)
    events = find_events(
        words,
        len(page.title),
        spans,
        quoted,
        people.mentions,
        place_matches,
        organization_matches,
        published.date,
    )
    bylines = find_bylines(page)
    participants = set(events[0].participants) if events else set()
    people_records = [record for record in people.records if record.name not in bylines]
    for record in people_records:
        if record.name in participants:
            record.role = "participant"
    warnings = [published.warning] if published.warning else []
    if not body:
        warnings.append("no body text found")
    return Extraction(
        title=page.title,
        body=body,
        published=published.date,
        published_time=published.time,
        language=language_of(words),
        source=outlet.name,
        bylines=bylines,
        people=people_records,
        places=name_records(matches, PLACE),
        organizations=name_records(matches, ORGANIZATION),
        events=events,
        quotes=quoting.find_quotes(document, quoted, people.mentions, spans),
        warnings=warnings,
    )
