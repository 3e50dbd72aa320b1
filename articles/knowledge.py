"""The seeded knowledge base: the region's leaders with their offices, countries, places,
organizations and news outlets, read from ``articles/fixtures/knowledge_base.json``.

Loading is an upsert keyed by natural keys (country code, canonical names, office start), so
it can run again after the file grows without touching what editors added in the admin.
"""

import datetime
import json
from pathlib import Path

from django.apps import apps as global_apps
from django.utils.text import slugify

KNOWLEDGE_BASE_PATH = Path(__file__).parent / "fixtures" / "knowledge_base.json"


def read_knowledge_base(path: Path = KNOWLEDGE_BASE_PATH) -> dict:
    """The knowledge-base file as a dict."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_knowledge_base(data: dict, apps=global_apps) -> dict[str, int]:
    """Create what ``data`` holds and the database lacks; return how many of each were added.

    ``apps`` is the registry to take models from: a migration passes its historical one.
    """

    def model(name):
        return apps.get_model("articles", name)

    added = {}
    countries = _upsert_named(
        model("Country"),
        data.get("countries", []),
        key="code",
        fields=lambda item: {"code": item["code"], "name": item["name"]},
        added=added,
    )
    country_of = countries
    _add_aliases(model("CountryAlias"), "country", countries, data.get("countries", []), "code")

    sources = _upsert_named(
        model("Source"),
        data.get("sources", []),
        key="name",
        fields=lambda item: {
            "name": item["name"],
            "url": item.get("url", ""),
            "country": country_of.get(item.get("country")),
        },
        added=added,
    )
    source_aliases = [
        {
            "name": source["name"],
            "aliases": [{"name": alias} for alias in source.get("aliases", [])],
        }
        for source in data.get("sources", [])
    ]
    _add_aliases(model("SourceAlias"), "source", sources, source_aliases, "name")

    people_data = data.get("people", [])
    people = _upsert_named(
        model("Person"),
        people_data,
        key="name",
        fields=lambda item: {
            "name": item["name"],
            "name_ru": item.get("name_ru", ""),
            "given_name": item.get("given_name", ""),
            "surname": item.get("surname", ""),
            "surname_ru": item.get("surname_ru", ""),
            "country": country_of.get(item.get("country")),
        },
        added=added,
    )
    _add_aliases(model("PersonAlias"), "person", people, people_data, "name", implied=_person_names)
    _add_offices(model("Office"), people, people_data, country_of, added)

    places = _upsert_named(
        model("Place"),
        data.get("places", []),
        key="name",
        fields=lambda item: {
            "name": item["name"],
            "country": country_of.get(item.get("country")),
            "kind": item.get("kind", "city"),
        },
        added=added,
    )
    _add_aliases(model("PlaceAlias"), "place", places, data.get("places", []), "name")

    organizations = _upsert_named(
        model("Organization"),
        data.get("organizations", []),
        key="name",
        fields=lambda item: {"name": item["name"], "name_ru": item.get("name_ru", "")},
        added=added,
    )
    _add_aliases(
        model("OrganizationAlias"),
        "organization",
        organizations,
        data.get("organizations", []),
        "name",
        implied=lambda item: (
            [{"name": item["name_ru"], "language": "ru"}] if item.get("name_ru") else []
        ),
    )
    return added


def _person_names(item: dict) -> list[dict]:
    """Aliases every person has without listing them: Russian name, surnames."""
    implied = []
    if item.get("name_ru"):
        implied.append({"name": item["name_ru"], "language": "ru", "kind": "name"})
    if item.get("surname"):
        implied.append({"name": item["surname"], "language": "en", "kind": "surname"})
    if item.get("surname_ru"):
        implied.append({"name": item["surname_ru"], "language": "ru", "kind": "surname"})
    return implied


def _upsert_named(model, items, *, key, fields, added):
    """Create missing rows of ``model``; return {natural key: row} for every item."""
    existing = {getattr(row, key): row for row in model.objects.all()}
    used_slugs = set(model.objects.values_list("slug", flat=True))
    new_rows = []
    for item in items:
        if item[key] in existing:
            continue
        row = model(**fields(item))
        row.slug = _free_slug(item["name"], used_slugs)
        existing[item[key]] = row
        new_rows.append(row)
    model.objects.bulk_create(new_rows)
    added[model._meta.verbose_name_plural] = len(new_rows)
    if new_rows:
        existing = {getattr(row, key): row for row in model.objects.all()}
    return {item[key]: existing[item[key]] for item in items}


def _free_slug(name: str, used: set[str]) -> str:
    base = slugify(name, allow_unicode=True)[:90] or "item"
    slug, suffix = base, 2
    while slug in used:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    used.add(slug)
    return slug


def _add_aliases(alias_model, owner_field, owners, items, key, implied=lambda item: []):
    rows = []
    for item in items:
        owner = owners[item[key]]
        seen = {owner.name.casefold()}
        for alias in [*item.get("aliases", []), *implied(item)]:
            name = alias["name"].strip()
            if not name or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            rows.append(
                alias_model(
                    **{owner_field: owner},
                    name=name,
                    language=alias.get("language", "en"),
                    kind=alias.get("kind", "name"),
                )
            )
    alias_model.objects.bulk_create(rows, ignore_conflicts=True)


def _add_offices(office_model, people, people_data, country_of, added):
    existing = set(office_model.objects.values_list("person_id", "title", "country_id", "start"))
    rows = []
    for item in people_data:
        person = people[item["name"]]
        for office in item.get("offices", []):
            start = datetime.date.fromisoformat(office["start"])
            country = country_of[office["country"]]
            if (person.pk, office["title"], country.pk, start) in existing:
                continue
            rows.append(
                office_model(
                    person=person,
                    title=office["title"],
                    country=country,
                    head_of_state=office.get("head_of_state", False),
                    head_of_government=office.get("head_of_government", False),
                    acting=office.get("acting", False),
                    start=start,
                    end=datetime.date.fromisoformat(office["end"]) if office.get("end") else None,
                )
            )
    office_model.objects.bulk_create(rows)
    added["offices"] = len(rows)
