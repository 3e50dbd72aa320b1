"""Indexes for the list pages at 100,000 articles.

- ``article_newest`` in the order of ``newest_first()`` (undated last), so that a page of
  the newest articles walks the index instead of sorting the table. SQLite refuses
  ``NULLS LAST`` in an index, and needs none: it sorts NULLs first ascending, so last
  descending, and the old ``(published_date DESC, id DESC)`` index already serves it. The
  migration state keeps that portable definition: a later migration that rebuilds the table
  on SQLite recreates the indexes of the state, and would fail on ``NULLS LAST``.
- ``(thing, article)`` on each mention table: the articles naming a person, place or
  organization read from the index alone (filters, facets).
"""

from django.db import migrations, models

OLD_NEWEST = models.Index(fields=["-published_date", "-id"], name="article_newest")
NEWEST = models.Index(
    models.OrderBy(models.F("published_date"), descending=True, nulls_last=True),
    models.OrderBy(models.F("id"), descending=True),
    name="article_newest",
)


def _swap_newest(apps, schema_editor, old, new):
    if schema_editor.connection.vendor != "postgresql":
        return
    article = apps.get_model("articles", "Article")
    schema_editor.remove_index(article, old)
    schema_editor.add_index(article, new)


def forwards(apps, schema_editor):
    _swap_newest(apps, schema_editor, OLD_NEWEST, NEWEST)


def backwards(apps, schema_editor):
    _swap_newest(apps, schema_editor, NEWEST, OLD_NEWEST)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_search"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="organizationmention",
            index=models.Index(
                fields=["organization", "article"], name="organization_mention_articles"
            ),
        ),
        migrations.AddIndex(
            model_name="personmention",
            index=models.Index(fields=["person", "article"], name="person_mention_articles"),
        ),
        migrations.AddIndex(
            model_name="placemention",
            index=models.Index(fields=["place", "article"], name="place_mention_articles"),
        ),
    ]
