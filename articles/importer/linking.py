"""Linking: each extracted event becomes an ``Event``; reports of the same event share one.

Two reports are of the same event when their kinds are of one family (a meeting reported as
"talks" or a "visit" is still the meeting), both are dated to the day, the dates are at most a
day apart (time zones, "late on Monday" reported on Tuesday), they do not name two different
places, and they share at least two participants — or one, at the same place, when one side's
participants are all among the other's (Putin at a summit in Moscow, Putin and Lukashenko at
it; but not Putin–Nazarbayev and Putin–Lukashenko, two meetings of one host on one day).

Each report keeps the participants it named, so when an article's reports are replaced
(update, re-extraction) an event's participants are recomputed from the reports left.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from articles.importer.bulk import insert_rows
from articles.importer.records import EventRecord
from articles.models import Event, EventReport

FAMILIES = {
    "meeting": "meeting",
    "talks": "meeting",
    "visit": "meeting",
    "phone_call": "phone_call",
    "summit": "summit",
    "session": "summit",
    "signing": "signing",
}
KINDS_OF_FAMILY: dict[str, list[str]] = {}
for _kind, _family in FAMILIES.items():
    KINDS_OF_FAMILY.setdefault(_family, []).append(_kind)

ONE_DAY = datetime.timedelta(days=1)


def family(kind: str) -> str:
    """The family of an event kind; kinds outside the families are their own family."""
    return FAMILIES.get(kind, kind)


@dataclass
class ResolvedEvent:
    """An ``EventRecord`` with its names resolved to ids, reported by ``article_id``."""

    article_id: int
    position: int
    kind: str
    date: datetime.date | None
    precision: str
    place_id: int | None
    participant_ids: set[int]
    organization_ids: set[int]


@dataclass
class _Candidate:
    kind: str
    date: datetime.date | None
    day_precise: bool
    place_id: int | None
    participant_ids: set[int]
    organization_ids: set[int] = field(default_factory=set)
    event: Event | None = None  # unsaved for events created by this batch
    pk: int | None = None

    def matches(self, record: ResolvedEvent) -> int:
        """How strongly ``record`` reports this event: 0 for not at all."""
        if not (self.day_precise and record.date and record.precision == "day"):
            return 0
        if family(self.kind) != family(record.kind) or abs(self.date - record.date) > ONE_DAY:
            return 0
        if self.place_id and record.place_id and self.place_id != record.place_id:
            return 0
        common = len(self.participant_ids & record.participant_ids)
        if common >= 2:
            return common
        nested = (
            record.participant_ids <= self.participant_ids
            or self.participant_ids <= record.participant_ids
        )
        if common == 1 and nested and record.place_id and record.place_id == self.place_id:
            return 1
        return 0


def resolve(article_id: int, records: list[EventRecord], registry) -> list[ResolvedEvent]:
    """Resolve the names of one article's event records through ``registry``."""
    return [
        ResolvedEvent(
            article_id=article_id,
            position=position,
            kind=record.kind if record.kind in Event.Kind.values else Event.Kind.OTHER,
            date=record.date,
            precision=record.precision,
            place_id=registry.place(record.place) if record.place else None,
            participant_ids={registry.person(name) for name in record.participants},
            organization_ids={registry.organization(name) for name in record.organizations},
        )
        for position, record in enumerate(records)
    ]


def link_events(records: list[ResolvedEvent]) -> None:
    """Create or join the events that ``records`` report, in a few queries for the batch.

    Candidates come from one indexed query (kind family and a three-day date window per
    record); events created earlier in the same batch are candidates too.
    """
    candidates = _existing_candidates(records)
    by_day: dict[tuple[str, datetime.date], list[_Candidate]] = {}
    for candidate in candidates:
        by_day.setdefault((family(candidate.kind), candidate.date), []).append(candidate)
    # One report per event and article, with every participant the article named for it.
    reports: dict[tuple[int, int], tuple[_Candidate, ResolvedEvent, set[int]]] = {}
    participants, organizations = [], []
    for record in records:
        best = _best_match(by_day, record)
        if best is None:
            best = _Candidate(
                kind=record.kind,
                date=record.date,
                day_precise=record.precision == "day",
                place_id=record.place_id,
                participant_ids=set(),
                event=Event(
                    kind=record.kind,
                    date=record.date,
                    date_precision=record.precision
                    if record.precision in Event.Precision.values
                    else Event.Precision.DAY,
                    place_id=record.place_id,
                ),
            )
            candidates.append(best)
            if best.day_precise and best.date:
                by_day.setdefault((family(best.kind), best.date), []).append(best)
        participants.extend((best, pk) for pk in record.participant_ids - best.participant_ids)
        best.participant_ids |= record.participant_ids
        organizations.extend((best, pk) for pk in record.organization_ids - best.organization_ids)
        best.organization_ids |= record.organization_ids
        report = reports.setdefault((id(best), record.article_id), (best, record, set()))
        report[2].update(record.participant_ids)

    Event.objects.bulk_create([c.event for c in candidates if c.pk is None])
    for candidate in candidates:
        if candidate.pk is None:
            candidate.pk = candidate.event.pk
    Event.participants.through.objects.bulk_create(
        [Event.participants.through(event_id=c.pk, person_id=pk) for c, pk in participants],
        ignore_conflicts=True,
    )
    Event.organizations.through.objects.bulk_create(
        [Event.organizations.through(event_id=c.pk, organization_id=pk) for c, pk in organizations],
        ignore_conflicts=True,
    )
    as_json = EventReport._meta.get_field("participants").get_db_prep_save
    insert_rows(
        EventReport,
        ["event", "article", "is_main", "position", "participants"],
        [
            (c.pk, r.article_id, r.position == 0, r.position, as_json(sorted(ids), connection))
            for c, r, ids in reports.values()
        ],
    )


def recompute_participants(event_ids) -> None:
    """Make the participants of ``event_ids`` what their remaining reports say.

    Called after some reports were deleted, so that an article that no longer reports an
    event takes the people only it named along. Events with a report stored before reports
    kept their participants (``None``) are left as they are: nobody knows what it said.
    """
    named: dict[int, set[int]] = {}
    unknown: set[int] = set()
    rows = EventReport.objects.filter(event_id__in=event_ids).values_list(
        "event_id", "participants"
    )
    for event_id, person_ids in rows:
        if person_ids is None:
            unknown.add(event_id)
        else:
            named.setdefault(event_id, set()).update(person_ids)
    known = set(named) - unknown
    if not known:
        return
    through = Event.participants.through
    through.objects.filter(event_id__in=known).delete()
    through.objects.bulk_create(
        [through(event_id=event_id, person_id=pk) for event_id in known for pk in named[event_id]]
    )


def _best_match(by_day: dict, record: ResolvedEvent) -> _Candidate | None:
    """The candidate sharing most participants, then the closest in date, then the oldest."""
    if record.date is None:
        return None
    best, best_key = None, None
    kind_family = family(record.kind)
    days = (record.date - ONE_DAY, record.date, record.date + ONE_DAY)
    for candidate in (c for day in days for c in by_day.get((kind_family, day), [])):
        score = candidate.matches(record)
        if not score:
            continue
        key = (score, -abs(candidate.date - record.date))
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


def _existing_candidates(records: list[ResolvedEvent]) -> list[_Candidate]:
    days_by_family: dict[str, set[datetime.date]] = {}
    for record in records:
        if record.date is not None and record.precision == "day":
            days = days_by_family.setdefault(family(record.kind), set())
            days.update((record.date - ONE_DAY, record.date, record.date + ONE_DAY))
    if not days_by_family:
        return []
    # One IN list of days per family: both databases answer it from the date index, where
    # an OR of many date ranges makes SQLite scan the table.
    query = Q()
    for kind_family, days in days_by_family.items():
        query |= Q(kind__in=KINDS_OF_FAMILY.get(kind_family, [kind_family]), date__in=days)
    rows = Event.objects.filter(query, date_precision="day").order_by("pk")
    candidates = {
        pk: _Candidate(kind, day, True, place_id, participant_ids=set(), pk=pk)
        for pk, kind, day, place_id in rows.values_list("pk", "kind", "date", "place_id")
    }
    if not candidates:
        return []
    through = Event.participants.through.objects.filter(event_id__in=candidates)
    for event_id, person_id in through.values_list("event_id", "person_id"):
        candidates[event_id].participant_ids.add(person_id)
    through = Event.organizations.through.objects.filter(event_id__in=candidates)
    for event_id, organization_id in through.values_list("event_id", "organization_id"):
        candidates[event_id].organization_ids.add(organization_id)
    return list(candidates.values())
