"""The knowledge base as extraction sees it: a ``Knowledge`` snapshot read from the database."""

from django.db.models import Prefetch

from articles.importer.records import Knowledge, KnownName, KnownPerson, OfficeTerm
from articles.models import Country, Office, Organization, Person, Place, Source


def load_knowledge() -> Knowledge:
    """Snapshot people (aliases, offices), places, organizations, sources and countries.

    A handful of queries whatever the size of the knowledge base: one per table, through
    prefetches.
    """
    offices = Prefetch("offices", queryset=Office.objects.select_related("country"))
    people = Person.objects.select_related("country").prefetch_related("aliases", offices)
    return Knowledge(
        people=tuple(
            KnownPerson(
                name=person.name,
                given_name=person.given_name,
                surname=person.surname,
                surname_ru=person.surname_ru,
                country_code=person.country.code if person.country else "",
                aliases=_aliases(person),
                offices=tuple(
                    OfficeTerm(
                        title=office.title,
                        country_code=office.country.code,
                        head_of_state=office.head_of_state,
                        head_of_government=office.head_of_government,
                        start=office.start,
                        end=office.end,
                    )
                    for office in person.offices.all()
                ),
            )
            for person in people
        ),
        places=_known_names(Place.objects.select_related("country")),
        organizations=_known_names(Organization.objects.all()),
        sources=_known_names(Source.objects.select_related("country")),
        countries=tuple(
            KnownName(name=country.name, aliases=_aliases(country), code=country.code)
            for country in Country.objects.prefetch_related("aliases")
        ),
    )


def _known_names(queryset) -> tuple[KnownName, ...]:
    return tuple(
        KnownName(
            name=row.name,
            aliases=_aliases(row),
            country_code=row.country.code if getattr(row, "country", None) else "",
        )
        for row in queryset.prefetch_related("aliases")
    )


def _aliases(row) -> tuple[tuple[str, str], ...]:
    return tuple((alias.name, alias.kind) for alias in row.aliases.all())
