"""Editors: staff who manage the archive's data in the admin, and nothing about accounts."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.editors import EDITORS_GROUP, make_editor
from articles.models import Person

PASSWORD = "Steppe-Archive-2014"


def change_form_data(response) -> dict:
    """What the admin change page would post back if submitted unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


@pytest.fixture
def editor_client(client, db):
    user, _ = make_editor("dana", password=PASSWORD)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_editors_may_manage_every_archive_model_and_no_accounts():
    granted = {
        (p.content_type.app_label, p.codename)
        for p in Group.objects.get(name=EDITORS_GROUP).permissions.all()
    }
    expected = {
        ("articles", f"{action}_{model._meta.model_name}")
        for model in apps.get_app_config("articles").get_models()
        for action in ["add", "change", "delete", "view"]
    }
    assert granted == expected


@pytest.mark.django_db
def test_an_editor_can_open_and_change_a_person(editor_client):
    person = Person.objects.create(name="Askar Mamin")
    url = reverse("admin:articles_person_change", args=[person.pk])
    page = editor_client.get(url)
    assert page.status_code == 200

    data = change_form_data(page)
    data["name_ru"] = "Аскар Мамин"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.name_ru == "Аскар Мамин"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/"]
)
def test_an_editor_cannot_open_accounts(editor_client, path):
    assert editor_client.get(path).status_code == 403


@pytest.mark.django_db
def test_create_editor_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    out = io.StringIO()
    call_command("create_editor", "erlan", "--email", "erlan@example.org", stdout=out)
    user = Group.objects.get(name=EDITORS_GROUP).user_set.get(username="erlan")
    assert user.is_staff
    assert not user.is_superuser
    assert user.check_password(PASSWORD)
    assert "Created editor erlan" in out.getvalue()


@pytest.mark.django_db
def test_create_editor_asks_for_the_password_on_a_terminal(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSWORD)
    call_command("create_editor", "gulnara", stdout=io.StringIO())
    assert Group.objects.get(name=EDITORS_GROUP).user_set.get().check_password(PASSWORD)


@pytest.mark.django_db
def test_create_editor_without_a_password_or_a_terminal_creates_nobody(
    monkeypatch, django_user_model
):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    with pytest.raises(CommandError, match="set EDITOR_PASSWORD"):
        call_command("create_editor", "nurlan")
    assert not django_user_model.objects.exists()


@pytest.mark.django_db
def test_create_editor_refuses_a_weak_password(monkeypatch, django_user_model):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345678")
    with pytest.raises(CommandError, match="too common"):
        call_command("create_editor", "timur")
    assert not django_user_model.objects.exists()


@pytest.mark.django_db
def test_an_existing_user_becomes_an_editor_keeping_the_password(monkeypatch, django_user_model):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    django_user_model.objects.create_user("saule", password="Her-own-passw0rd")
    call_command("create_editor", "saule", stdout=io.StringIO())
    user = django_user_model.objects.get(username="saule")
    assert user.is_staff
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    assert user.check_password("Her-own-passw0rd")
