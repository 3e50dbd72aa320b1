"""Seed the knowledge base (leaders, offices, countries, places, organizations, outlets)."""

from django.db import migrations

from articles.knowledge import load_knowledge_base, read_knowledge_base


def seed(apps, schema_editor):
    load_knowledge_base(read_knowledge_base(), apps=apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
