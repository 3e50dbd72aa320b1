"""The archive's data: articles as imported, and the people, places, organizations and events
they report, with the knowledge base (aliases, offices) that extraction relies on."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from articles.querysets import ArticleQuerySet, EventQuerySet, OfficeQuerySet, PersonQuerySet


def unique_slug(model, name: str, *, exclude_pk=None) -> str:
    """A slug for ``name`` that no other row of ``model`` uses (``name-2``, ``name-3`` …)."""
    base = slugify(name, allow_unicode=True)[:90] or "item"
    taken = model.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    used = set(taken.values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in used:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


class SluggedModel(models.Model):
    """A named thing with a unique slug derived from its name when left blank."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class AliasKind(models.TextChoices):
    NAME = "name", "full name"
    SURNAME = "surname", "surname"
    ACRONYM = "acronym", "acronym"
    ADJECTIVE = "adjective", "adjective"
    OTHER = "other", "other"


class Alias(models.Model):
    """Another way the press writes a name: a transliteration, a Russian form, an acronym."""

    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, blank=True, default="en")
    kind = models.CharField(max_length=12, choices=AliasKind.choices, default=AliasKind.NAME)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Country(SluggedModel):
    code = models.CharField(max_length=2, unique=True, help_text="ISO 3166-1 alpha-2 code")

    class Meta(SluggedModel.Meta):
        verbose_name_plural = "countries"
        constraints = [models.UniqueConstraint(fields=["name"], name="country_name_unique")]


class CountryAlias(Alias):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "country aliases"
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="country_alias_unique")
        ]


class Source(SluggedModel):
    """A news outlet."""

    url = models.URLField(blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta(SluggedModel.Meta):
        constraints = [models.UniqueConstraint(fields=["name"], name="source_name_unique")]


class SourceAlias(Alias):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "source aliases"
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="source_alias_unique")
        ]


class Person(SluggedModel):
    """A leader, minister or anyone else the articles name. Journalists appear as authors."""

    name_ru = models.CharField("name in Russian", max_length=200, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    surname_ru = models.CharField("surname in Russian", max_length=100, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed = models.BooleanField(
        default=True, help_text="Unticked for people the importer created; an editor checks them."
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by the database: triggers on the mentions (migration 0006_person_article_count)
    # count every insert, delete and update, whoever makes it (importer, reextract, admin).
    article_count = models.IntegerField(
        default=0, editable=False, help_text="Articles naming the person (as author excluded)."
    )

    objects = PersonQuerySet.as_manager()

    class Meta(SluggedModel.Meta):
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["surname"])]

    def get_absolute_url(self):
        return reverse("articles:person_detail", kwargs={"slug": self.slug})

    def offices_on(self, day: datetime.date):
        """The offices this person held on ``day``."""
        return self.offices.held_on(day)


class PersonAlias(Alias):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="person_alias_unique")
        ]
        indexes = [models.Index(fields=["name"])]


class Office(models.Model):
    """An office held for a term: "President of Kazakhstan, 1990-04-24 – 2019-03-20"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(max_length=120, help_text='As the press names it: "President".')
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="offices")
    head_of_state = models.BooleanField(default=False)
    head_of_government = models.BooleanField(default=False)
    acting = models.BooleanField(default=False)
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Empty while in office.")

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "start"]
        indexes = [models.Index(fields=["country", "title", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="office_ends_after_start",
            )
        ]

    def __str__(self):
        acting = "Acting " if self.acting else ""
        end = self.end.isoformat() if self.end else "present"
        return f"{acting}{self.title} of {self.country} ({self.start.isoformat()} – {end})"


class Place(SluggedModel):
    class Kind(models.TextChoices):
        CITY = "city", "city"
        REGION = "region", "region"
        VENUE = "venue", "venue"
        OTHER = "other", "other"

    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CITY)

    def get_absolute_url(self):
        return reverse("articles:article_list") + f"?place={self.slug}"


class PlaceAlias(Alias):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "place aliases"
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="place_alias_unique")]


class Organization(SluggedModel):
    name_ru = models.CharField("name in Russian", max_length=200, blank=True)

    def get_absolute_url(self):
        return reverse("articles:article_list") + f"?organization={self.slug}"


class OrganizationAlias(Alias):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "organization aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="organization_alias_unique"
            )
        ]


class Article(models.Model):
    """One imported page: the verbatim raw text and what extraction found in it."""

    title = models.CharField(max_length=500)
    body = models.TextField(help_text="The article's text with the page's boilerplate removed.")
    raw_text = models.TextField(help_text="The file's text exactly as read, before any cleaning.")
    encoding = models.CharField(max_length=40, default="utf-8")
    sha256 = models.CharField(max_length=64, unique=True, help_text="Of the file's bytes.")
    file_name = models.CharField(max_length=500, db_index=True)
    source_path = models.CharField(
        max_length=1000,
        blank=True,
        db_index=True,
        help_text="The file's resolved absolute path when imported; blank for older articles.",
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    published_date = models.DateField(null=True, blank=True, db_index=True)
    published_time = models.TimeField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True, db_index=True)
    bylines = models.JSONField(default=list, blank=True, help_text="Journalists' names.")
    warnings = models.JSONField(
        default=list, blank=True, help_text="What extraction could not determine."
    )
    search_names = models.TextField(
        blank=True,
        help_text="Names and aliases of the linked people, places and organizations, for search.",
    )
    extraction_version = models.PositiveIntegerField(default=0)
    edited = models.BooleanField(
        default=False,
        help_text="Corrected by an editor: re-extraction leaves it alone. A changed file still "
        "replaces it on import.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    people = models.ManyToManyField(Person, through="PersonMention", related_name="articles")
    places = models.ManyToManyField(Place, through="PlaceMention", related_name="articles")
    organizations = models.ManyToManyField(
        Organization, through="OrganizationMention", related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_date", "-id"]
        # On PostgreSQL, migration 0005_indexes rebuilds this index in the order of
        # ``newest_first()`` (undated last) so that a LIMIT walks it; SQLite needs no change.
        indexes = [models.Index(fields=["-published_date", "-id"], name="article_newest")]

    def __str__(self):
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80]

    def get_absolute_url(self):
        if self.slug:
            return reverse(
                "articles:article_detail_slug", kwargs={"pk": self.pk, "slug": self.slug}
            )
        return reverse("articles:article_detail", kwargs={"pk": self.pk})


class MentionRole(models.TextChoices):
    PARTICIPANT = "participant", "participant"
    MENTIONED = "mentioned", "mentioned"
    AUTHOR = "author", "author"


class Mention(models.Model):
    """How often, and in which role, an article names something; ``position`` orders them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    role = models.CharField(max_length=12, choices=MentionRole.choices, default="mentioned")
    count = models.PositiveIntegerField(default=1)
    position = models.PositiveIntegerField(default=0, help_text="Offset of the first mention.")

    class Meta:
        abstract = True
        ordering = ["article", "position"]


class PersonMention(Mention):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")

    class Meta(Mention.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="person_mention_unique")
        ]
        # (person, article): a person's articles from the index alone (filters, facets).
        indexes = [
            models.Index(fields=["person", "role"]),
            models.Index(fields=["person", "article"], name="person_mention_articles"),
        ]


class PlaceMention(Mention):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="mentions")

    class Meta(Mention.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "place"], name="place_mention_unique")
        ]
        indexes = [models.Index(fields=["place", "article"], name="place_mention_articles")]


class OrganizationMention(Mention):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="mentions"
    )

    class Meta(Mention.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["article", "organization"], name="organization_mention_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "article"], name="organization_mention_articles")
        ]


class Event(models.Model):
    """Something that happened — a meeting, a call, a summit — possibly reported many times."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "meeting"
        TALKS = "talks", "talks"
        PHONE_CALL = "phone_call", "phone call"
        SUMMIT = "summit", "summit"
        VISIT = "visit", "visit"
        SIGNING = "signing", "signing"
        SESSION = "session", "session"
        OTHER = "other", "other"

    class Precision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"

    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    participants = models.ManyToManyField(Person, blank=True, related_name="events")
    organizations = models.ManyToManyField(Organization, blank=True, related_name="events")
    articles = models.ManyToManyField(
        Article, through="EventReport", blank=True, related_name="events"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        # PostgreSQL also has ``event_newest`` in the order of ``newest_first()``, created by
        # migration 0007_event_indexes outside the model state (SQLite cannot build it).

    def __str__(self):
        when = self.date.isoformat() if self.date else "undated"
        where = f" in {self.place}" if self.place_id else ""
        return f"{self.get_kind_display().capitalize()}{where}, {when}"

    def get_absolute_url(self):
        return reverse("articles:event_detail", kwargs={"pk": self.pk})


class EventReport(models.Model):
    """An article reporting an event; ``is_main`` marks the event the article is about."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reports")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_reports")
    is_main = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    participants = models.JSONField(
        null=True,
        blank=True,
        default=None,
        help_text="People (ids) this article named at the event; null if stored before 0005.",
    )

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "article"], name="event_report_unique")
        ]


class Quote(models.Model):
    """Quoted speech in an article, with its speaker when known."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["article", "position"]

    def __str__(self):
        return self.text[:80]


class ArticleSearchIndex(models.Model):
    """SQLite only: the FTS5 index of articles that migration 0004_search creates and triggers fill.

    Unmanaged and never written: it exists so that ``articles.search`` can join the index to
    the articles and rank every match with ``bm25`` in one pass over it.
    """

    article = models.OneToOneField(
        Article,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )

    class Meta:
        managed = False
        db_table = "articles_article_fts"
        default_permissions = ()  # nobody edits an index


class ArchiveVersion(models.Model):
    """One row whose ``version`` database triggers (migration 0008_archive_version) raise on
    every change to the articles, their links, events and the named things: figures about
    the whole archive are cached under it (``articles.caching``), so any write, by any
    process, makes every app server recompute them on its next request."""

    version = models.BigIntegerField(default=0)

    class Meta:
        default_permissions = ()  # nobody edits it
