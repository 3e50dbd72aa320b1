"""Name → id maps for one import run, so saving resolves names without a query per row.

Loaded once (a few queries); a name the maps lack is looked up again in the database before
it is created, because another import may have added it since. Rows created inside a
transaction that is rolled back are forgotten with ``rollback()``.
"""

from django.db import models

from articles.models import Organization, Person, Place, Source


class Registry:
    """Resolves the names extraction returns to rows, creating the missing ones."""

    def __init__(self):
        self._ids: dict[type[models.Model], dict[str, int]] = {}
        self._names: dict[tuple[type[models.Model], int], list[str]] = {}
        self._created: list[tuple[type[models.Model], str, int]] = []
        for model in (Person, Place, Organization, Source):
            self._load(model)

    def _load(self, model):
        ids = self._ids.setdefault(model, {})
        for pk, name in model.objects.values_list("pk", "name"):
            ids[name.casefold()] = pk
            self._names[(model, pk)] = [name]
        # Canonical names win over aliases: an alias is only used when no row has that name.
        alias_model = model.aliases.rel.related_model
        owner = model.aliases.rel.field.attname
        for pk, name in alias_model.objects.values_list(owner, "name"):
            ids.setdefault(name.casefold(), pk)
            self._names.setdefault((model, pk), []).append(name)

    def begin(self):
        """Mark the start of a transaction whose creations ``rollback()`` would forget."""
        self._created = []

    def rollback(self):
        """Forget the rows created since ``begin()``: their transaction did not commit."""
        for model, key, pk in self._created:
            self._ids[model].pop(key, None)
            self._names.pop((model, pk), None)
        self._created = []

    def names(self, model, pk: int) -> list[str]:
        """The canonical name and aliases of a row, for ``Article.search_names``."""
        return self._names.get((model, pk), [])

    def person(self, name: str, *, title: str = "") -> int:
        """The id of the person called ``name``; a new, unreviewed person when unknown."""

        def create(name):
            intro = f"“{title}”" if title else "their name alone"
            return Person.objects.create(
                name=name,
                reviewed=False,
                notes=f"Created by the importer: an article introduced them as {intro}.",
            )

        return self._resolve(Person, name, create)

    def place(self, name: str) -> int:
        return self._resolve(Place, name, lambda name: Place.objects.create(name=name))

    def organization(self, name: str) -> int:
        return self._resolve(
            Organization, name, lambda name: Organization.objects.create(name=name)
        )

    def source(self, name: str) -> int:
        return self._resolve(Source, name, lambda name: Source.objects.create(name=name))

    def _resolve(self, model, name: str, create) -> int:
        name = " ".join(name.split())[: model._meta.get_field("name").max_length]
        key = name.casefold()
        ids = self._ids[model]
        if key not in ids:
            row = model.objects.filter(name__iexact=name).order_by("pk").first() or create(name)
            ids[key] = row.pk
            self._names[(model, row.pk)] = [row.name]
            self._created.append((model, key, row.pk))
        return ids[key]
