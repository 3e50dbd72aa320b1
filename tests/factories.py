"""Small keyword-only factories for test data; each fills in what a test leaves out."""

import datetime
import hashlib
import itertools

from articles.models import (
    Article,
    Country,
    Event,
    EventReport,
    Office,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Quote,
    Source,
)

_numbers = itertools.count(1)


def make_country(*, code: str = "", name: str = "") -> Country:
    number = next(_numbers)
    code = code or f"Q{chr(65 + number % 26)}"
    country, _ = Country.objects.get_or_create(code=code, defaults={"name": name or f"Land {code}"})
    return country


def make_person(*, name: str = "", leader: bool = False, country=None, **fields) -> Person:
    """A person; ``leader=True`` gives them a head-of-state office from 2000 on."""
    person = Person.objects.create(name=name or f"Person {next(_numbers)}", **fields)
    if leader:
        Office.objects.create(
            person=person,
            title="President",
            country=country or make_country(code="QZ", name="Testland"),
            head_of_state=True,
            start=datetime.date(2000, 1, 1),
        )
    return person


# Sources, places and organizations are looked up first: the knowledge base seeds real ones.


def make_source(*, name: str = "") -> Source:
    return Source.objects.get_or_create(name=name or f"Source {next(_numbers)}")[0]


def make_place(*, name: str = "") -> Place:
    return Place.objects.get_or_create(name=name or f"Place {next(_numbers)}")[0]


def make_organization(*, name: str = "") -> Organization:
    return Organization.objects.get_or_create(name=name or f"Organization {next(_numbers)}")[0]


def make_article(
    *,
    title: str = "",
    body: str = "",
    published: datetime.date | None = datetime.date(2014, 12, 23),
    source: Source | None = None,
    people=(),
    participants=(),
    authors=(),
    places=(),
    organizations=(),
    **fields,
) -> Article:
    """An article naming ``people`` (mentioned), ``participants`` and ``authors``."""
    number = next(_numbers)
    title = title or f"Article number {number}"
    body = body or f"{title}.\nThe body of article {number}."
    article = Article.objects.create(
        title=title,
        body=body,
        raw_text=fields.pop("raw_text", f"Menu\n{body}\nFooter"),
        sha256=hashlib.sha256(f"{number}-{title}".encode()).hexdigest(),
        file_name=f"{number:03d}.txt",
        published_date=published,
        source=source,
        **fields,
    )
    position = itertools.count()
    for role, group in (("participant", participants), ("mentioned", people), ("author", authors)):
        for person in group:
            PersonMention.objects.create(
                article=article, person=person, role=role, position=next(position)
            )
    for place in places:
        PlaceMention.objects.create(article=article, place=place, position=next(position))
    for organization in organizations:
        OrganizationMention.objects.create(
            article=article, organization=organization, position=next(position)
        )
    return article


def make_event(
    *,
    kind: str = "meeting",
    date: datetime.date | None = datetime.date(2014, 12, 22),
    precision: str = "day",
    place: Place | None = None,
    participants=(),
    organizations=(),
    articles=(),
) -> Event:
    event = Event.objects.create(kind=kind, date=date, date_precision=precision, place=place)
    event.participants.set(participants)
    event.organizations.set(organizations)
    for position, article in enumerate(articles):
        EventReport.objects.create(event=event, article=article, position=position)
    return event


def make_quote(*, article: Article, speaker: Person | None = None, text: str = "") -> Quote:
    return Quote.objects.create(article=article, speaker=speaker, text=text or "We agreed.")
