"""Linking: reports of the same event by several articles become one Event."""

import pytest

from articles.importer import pipeline
from articles.importer.pipeline import import_paths
from articles.models import Event, EventReport
from tests.importing import fake_extract, leaders, page_text

pytestmark = pytest.mark.django_db

PUTIN, NAZARBAYEV, LUKASHENKO = "Vladimir Putin", "Nursultan Nazarbayev", "Alexander Lukashenko"


@pytest.fixture(autouse=True)
def setup(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)
    leaders()


def import_events(tmp_path, *events_per_article: tuple[str, ...], first: int = 0):
    for n, events in enumerate(events_per_article, start=first):
        (tmp_path / f"{n:03}.txt").write_text(page_text(f"Article {n}", events=events))
    result = import_paths([tmp_path], workers=0)
    assert result.failed == 0


def test_reports_of_one_meeting_become_one_event(tmp_path):
    import_events(
        tmp_path,
        (f"meeting 2014-12-22 Moscow {PUTIN}, {NAZARBAYEV}",),
        (f"talks 2014-12-23 - {NAZARBAYEV}, {PUTIN}, {LUKASHENKO}",),
        (
            f"phone_call 2014-12-01 - {PUTIN}, {LUKASHENKO}",
            f"visit 2014-12-22 - {PUTIN}, {NAZARBAYEV}",
        ),
    )

    meeting = Event.objects.get(kind="meeting")
    assert [(r.article.file_name, r.is_main) for r in meeting.reports.order_by("article_id")] == [
        ("000.txt", True),
        ("001.txt", True),
        ("002.txt", False),
    ]
    assert set(meeting.participants.values_list("name", flat=True)) == {
        PUTIN,
        NAZARBAYEV,
        LUKASHENKO,
    }
    assert meeting.place.name == "Moscow"
    assert Event.objects.count() == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            f"meeting 2014-12-22 - {PUTIN}, {NAZARBAYEV}",
            f"phone_call 2014-12-22 - {PUTIN}, {NAZARBAYEV}",
        ),
        (
            f"meeting 2014-12-22 - {PUTIN}, {NAZARBAYEV}",
            f"meeting 2014-12-24 - {PUTIN}, {NAZARBAYEV}",
        ),
        (
            f"meeting 2014-12-22 - {PUTIN}, {NAZARBAYEV}",
            f"meeting 2014-12-22 - {PUTIN}, {LUKASHENKO}",
        ),
        (f"summit 2014-12-22 Moscow {PUTIN}", f"session 2014-12-22 Astana {PUTIN}"),
        (f"meeting - - {PUTIN}, {NAZARBAYEV}", f"meeting - - {PUTIN}, {NAZARBAYEV}"),
    ],
    ids=["other-kind", "two-days-apart", "one-in-common", "other-place", "undated"],
)
def test_different_events_stay_apart(tmp_path, first, second):
    import_events(tmp_path, (first,), (second,))

    assert Event.objects.count() == 2


def test_one_common_participant_at_the_same_place_is_the_same_event(tmp_path):
    import_events(
        tmp_path,
        (f"summit 2014-12-23 Moscow {PUTIN}",),
        (f"session 2014-12-23 Moscow {PUTIN}, {LUKASHENKO}",),
    )

    assert Event.objects.get().reports.count() == 2


def test_an_event_reported_in_a_later_run_joins_the_stored_one(tmp_path):
    import_events(tmp_path, (f"meeting 2014-12-22 Moscow {PUTIN}, {NAZARBAYEV}",))
    later = tmp_path / "later"
    later.mkdir()

    import_events(later, (f"talks 2014-12-21 - {PUTIN}, {NAZARBAYEV}",), first=1)

    assert Event.objects.get().reports.count() == 2


def test_an_updated_article_leaves_no_orphan_event(tmp_path):
    import_events(tmp_path, (f"meeting 2014-12-22 Moscow {PUTIN}, {NAZARBAYEV}",))
    (tmp_path / "000.txt").write_text(
        page_text("Article 0", events=(f"phone_call 2015-01-05 - {PUTIN}, {LUKASHENKO}",))
    )

    import_paths([tmp_path], workers=0)

    assert list(Event.objects.values_list("kind", flat=True)) == ["phone_call"]
    assert EventReport.objects.count() == 1


def test_two_meetings_of_one_host_in_one_city_on_one_day_stay_apart(tmp_path):
    import_events(
        tmp_path,
        (f"meeting 2014-12-22 Moscow {PUTIN}, {NAZARBAYEV}",),
        (f"meeting 2014-12-22 Moscow {PUTIN}, {LUKASHENKO}",),
    )

    assert sorted(
        sorted(event.participants.values_list("name", flat=True)) for event in Event.objects.all()
    ) == [[LUKASHENKO, PUTIN], [NAZARBAYEV, PUTIN]]


def test_reports_of_the_same_people_in_different_places_stay_apart(tmp_path):
    import_events(
        tmp_path,
        (f"meeting 2014-12-22 Moscow {PUTIN}, {NAZARBAYEV}",),
        (f"meeting 2014-12-22 Astana {PUTIN}, {NAZARBAYEV}",),
    )

    assert sorted(Event.objects.values_list("place__name", flat=True)) == ["Astana", "Moscow"]


def test_an_updated_article_takes_the_participants_only_it_named_away(tmp_path):
    import_events(
        tmp_path,
        (f"meeting 2014-12-22 Moscow {PUTIN}, {NAZARBAYEV}",),
        (f"meeting 2014-12-22 - {PUTIN}, {NAZARBAYEV}, {LUKASHENKO}",),
    )
    assert Event.objects.get().participants.count() == 3
    (tmp_path / "001.txt").write_text(
        page_text("Article 1", events=(f"phone_call 2015-01-05 - {PUTIN}, {LUKASHENKO}",))
    )

    import_paths([tmp_path], workers=0)

    meeting = Event.objects.get(kind="meeting")
    assert set(meeting.participants.values_list("name", flat=True)) == {PUTIN, NAZARBAYEV}
    assert meeting.reports.get().participants == sorted(
        meeting.participants.values_list("pk", flat=True)
    )
