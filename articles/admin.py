"""The editors' admin: people with aliases and offices, articles with their extracted data."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Count

from articles.models import (
    Article,
    Country,
    CountryAlias,
    Event,
    EventReport,
    Office,
    Organization,
    OrganizationAlias,
    OrganizationMention,
    Person,
    PersonAlias,
    PersonMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Quote,
    Source,
    SourceAlias,
)


class DateHierarchyChangeList(ChangeList):
    """A change list that treats an impossible date in its address as a bad filter.

    Django 5.2 turns ``?published_date__year=99999999999`` (or year 9999, whose next year does
    not exist) into a server error; a bad filter should instead be reported, as others are.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class DateHierarchyAdmin(admin.ModelAdmin):
    """An admin with a ``date_hierarchy``, which needs the guarded change list above."""

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList


class AliasInline(admin.TabularInline):
    extra = 1
    fields = ["name", "language", "kind"]


class CountryAliasInline(AliasInline):
    model = CountryAlias


class SourceAliasInline(AliasInline):
    model = SourceAlias


class PersonAliasInline(AliasInline):
    model = PersonAlias


class PlaceAliasInline(AliasInline):
    model = PlaceAlias


class OrganizationAliasInline(AliasInline):
    model = OrganizationAlias


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    fields = ["title", "country", "head_of_state", "head_of_government", "acting", "start", "end"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CountryAliasInline]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "country", "article_count"]
    list_filter = ["country"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SourceAliasInline]
    # Django 6's default, chosen now: a scheme-less URL typed by an editor means https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, source):
        return source.article_count


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ru", "country", "reviewed", "mention_count"]
    list_filter = ["reviewed", "country", "offices__title"]
    list_editable = ["reviewed"]
    search_fields = ["name", "name_ru", "surname", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PersonAliasInline, OfficeInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("country")
            .annotate(mention_count=Count("mentions"))
        )

    @admin.display(ordering="mention_count", description="articles")
    def mention_count(self, person):
        return person.mention_count


@admin.register(Office)
class OfficeAdmin(DateHierarchyAdmin):
    list_display = ["person", "title", "country", "start", "end", "acting"]
    list_filter = ["country", "title", "head_of_state", "head_of_government", "acting"]
    search_fields = ["person__name", "title"]
    autocomplete_fields = ["person", "country"]
    date_hierarchy = "start"


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PlaceAliasInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ru"]
    search_fields = ["name", "name_ru", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganizationAliasInline]


class PersonMentionInline(admin.TabularInline):
    model = PersonMention
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "count", "position"]


class PlaceMentionInline(admin.TabularInline):
    model = PlaceMention
    extra = 0
    autocomplete_fields = ["place"]
    fields = ["place", "role", "count", "position"]


class OrganizationMentionInline(admin.TabularInline):
    model = OrganizationMention
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "count", "position"]


class EventReportInline(admin.TabularInline):
    model = EventReport
    extra = 0
    autocomplete_fields = ["event"]
    fields = ["event", "is_main", "position"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["speaker", "text", "position"]


@admin.register(Article)
class ArticleAdmin(DateHierarchyAdmin):
    list_display = ["title", "published_date", "source", "language", "file_name"]
    list_filter = ["edited", "language", "source", "extraction_version"]
    list_select_related = ["source"]
    search_fields = ["title", "file_name", "sha256"]
    date_hierarchy = "published_date"
    autocomplete_fields = ["source"]
    readonly_fields = [
        "edited",
        "sha256",
        "file_name",
        "source_path",
        "encoding",
        "raw_text",
        "imported_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "source", "published_date", "published_time", "language"]}),
        ("Text", {"fields": ["body", "bylines", "warnings"]}),
        (
            "File",
            {
                "classes": ["collapse"],
                "fields": [
                    "edited",
                    "file_name",
                    "source_path",
                    "sha256",
                    "encoding",
                    "extraction_version",
                    "imported_at",
                    "updated_at",
                    "raw_text",
                ],
            },
        ),
    ]
    inlines = [
        PersonMentionInline,
        PlaceMentionInline,
        OrganizationMentionInline,
        EventReportInline,
        QuoteInline,
    ]

    # An editor's correction must survive ``reextract``, which skips edited articles.
    def save_model(self, request, obj, form, change):
        if form.has_changed():
            obj.edited = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not article.edited and any(formset.has_changed() for formset in formsets):
            article.edited = True
            Article.objects.filter(pk=article.pk).update(edited=True)


@admin.register(Event)
class EventAdmin(DateHierarchyAdmin):
    list_display = ["__str__", "kind", "date", "date_precision", "place", "report_count"]
    list_filter = ["kind", "date_precision"]
    list_select_related = ["place"]
    search_fields = ["participants__name", "place__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["place", "participants", "organizations"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    @admin.display(ordering="report_count", description="reports")
    def report_count(self, event):
        return event.report_count


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "article"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker", "article"]
