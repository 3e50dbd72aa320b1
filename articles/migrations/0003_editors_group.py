"""Create the Editors group: full rights on the archive's data, none on accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create the archive's
    # now so a fresh database gets a complete group in one migrate.
    articles = apps.get_app_config("articles")
    articles.models_module = True
    create_permissions(articles, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    articles.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=EDITORS)
    editors.permissions.set(
        Permission.objects.using(schema_editor.connection.alias).filter(
            content_type__app_label="articles",
            codename__regex=r"^(add|change|delete|view)_",
        )
    )


def delete_editors_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_knowledge_base"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
