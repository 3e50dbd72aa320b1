"""``Person.article_count``: kept right by the database through imports, re-extraction,
deletions and edits, whoever makes them."""

import pytest
from django.db import connection

from articles.importer import pipeline
from articles.importer.pipeline import import_paths, reextract_articles
from articles.models import Article, MentionRole, Person, PersonMention
from tests.importing import fake_extract, leaders, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)


def counts() -> dict[str, int]:
    return dict(Person.objects.filter(article_count__gt=0).values_list("name", "article_count"))


def counted() -> dict[str, int]:
    """The same figures counted from the mentions, the slow way."""
    mentions = PersonMention.objects.exclude(role=MentionRole.AUTHOR)
    return {
        person.name: mentions.filter(person=person).count()
        for person in Person.objects.all()
        if mentions.filter(person=person).exists()
    }


@pytest.fixture
def imported(tmp_path):
    people = leaders()
    bodies = [
        "Vladimir Putin met Nursultan Nazarbayev.",
        "Vladimir Putin thanked Steppe Patriarch for the visit.",
        "Vladimir Putin spoke.",
    ]
    for number, body in enumerate(bodies):
        (tmp_path / f"{number}.txt").write_text(page_text(f"Report {number}", body=body))
    import_paths([tmp_path], workers=0)
    return people


def test_an_import_counts_the_articles_naming_each_person(imported):
    assert counts() == {"Vladimir Putin": 3, "Nursultan Nazarbayev": 1}
    assert counts() == counted()


def test_reextraction_recounts_the_people_it_links_and_unlinks(imported):
    imported["Nazarbayev"].aliases.create(name="Steppe Patriarch", language="ru")

    reextract_articles(batch_size=2, workers=0)

    assert counts() == {"Vladimir Putin": 3, "Nursultan Nazarbayev": 2}
    assert counts() == counted()


def test_deleting_an_article_uncounts_it(imported):
    Article.objects.get(title="Report 0").delete()
    assert counts() == {"Vladimir Putin": 2}


def test_a_mention_turned_into_a_byline_is_no_longer_counted(imported):
    mention = PersonMention.objects.filter(person=imported["Putin"]).first()
    mention.role = MentionRole.AUTHOR
    mention.save()
    assert counts()["Vladimir Putin"] == 2
    assert counts() == counted()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL counts per statement, SQLite per row"
)
def test_a_batch_updates_each_persons_count_once(tmp_path):
    """One UPDATE per person per batch: once per mention row, a batch updated the same
    leaders' rows hundreds of times in one transaction, each leaving a dead row version."""
    leaders()
    for number in range(20):
        (tmp_path / f"{number:02d}.txt").write_text(
            page_text(f"Report {number}", body="Vladimir Putin met Nursultan Nazarbayev.")
        )
    before = person_row_updates()
    import_paths([tmp_path], workers=0, batch_size=100)

    assert counts() == {"Vladimir Putin": 20, "Nursultan Nazarbayev": 20}
    assert person_row_updates() - before == 2


def person_row_updates() -> int:
    """Rows of ``articles_person`` this transaction has updated so far."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'articles_person'"
        )
        return cursor.fetchone()[0]
