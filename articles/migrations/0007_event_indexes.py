"""Indexes for a person's page at 100,000 articles (a leader takes part in 14,000 events).

- ``event_newest`` in the order of ``newest_first()`` (undated last), so a person's latest
  events are found by walking it; PostgreSQL only, as ``article_newest`` in 0005_indexes, and
  kept out of the migration state for the same reason (a SQLite table rebuild would fail on it).
- ``(person, event)`` on the participants table (created by Django, so not declared on a
  model): a person's events, and whom they shared them with, from the index alone.
"""

from django.db import migrations, models

NEWEST = models.Index(
    models.OrderBy(models.F("date"), descending=True, nulls_last=True),
    models.OrderBy(models.F("id"), descending=True),
    name="event_newest",
)
PARTICIPANTS = "articles_event_participants"
PARTICIPANTS_INDEX = "event_participants_person_event"


def forwards(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX {PARTICIPANTS_INDEX} ON {PARTICIPANTS} (person_id, event_id)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Event"), NEWEST)


def backwards(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {PARTICIPANTS_INDEX}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Event"), NEWEST)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_person_article_count"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
