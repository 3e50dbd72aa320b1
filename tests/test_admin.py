"""The editors' admin: every page loads for staff, and strangers are sent to log in."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article

ARCHIVE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "articles"]


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/admin/articles/person/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_signed_in_non_staff_user_cannot_enter(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-Read3r!"))
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda model: model.__name__)
def test_every_changelist_and_add_page_loads_for_staff(staff_client, model):
    opts = model._meta
    changelist = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    add = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200


@pytest.mark.django_db
def test_article_page_loads_with_its_inlines(staff_client):
    article = Article.objects.create(
        title="A title", body="b", raw_text="raw", sha256="b" * 64, file_name="x.txt"
    )
    response = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert b"Quotes" in response.content
