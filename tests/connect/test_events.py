"""Grouping event reports across documents: constraints, evidence and no chaining through weak links."""

import pytest

from testimonium.connect.events import date_spans, dates_compatible, group_events
from testimonium.connect.records import EventRef

# canonical entity ids used below
ALMA, BOLAT, KARA_GROUP, LAND, CITY, ISLAND = 1, 2, 3, 10, 11, 12


def ev(id, doc, type="detention", *, outcome=None, date=None, agents=(), patients=(), places=(),
       trigger="held", modality="actual"):
    return EventRef(id=id, document_id=doc, type=type, outcome=outcome, modality=modality, date=date,
                    trigger_text=trigger, agents=frozenset(agents), patients=frozenset(patients),
                    places=frozenset(places))


@pytest.mark.parametrize("a,b,expected", [
    ("2018-10", "2018-10-05", True),
    ("2018-10-05", "2018-10-06", False),
    ("2018", "2018-03-01", True),
    ("2017", "2018-03", False),
    (None, "2018-10-05", True),
    ("--10-05", "2018-10-05", True),
    ("--10", "2018-11", False),
    ("--04", "--04-12", True),
    ("2018-SU", "2018-07-14", True),
    ("2018-SU", "2018-10-05", False),
    ("2018-WI", "2019-01-20", True),
    ("2018-W30", "2018-07", True),
    ("2018-W30", "2018-09", False),
    ("197", "1975-06", True),
    ("197", "1981", False),
])
def test_dates_compatible_at_their_precision(a, b, expected):
    assert dates_compatible(a, b) is expected
    assert dates_compatible(b, a) is expected


def test_unreadable_dates_are_unknown_not_conflicting():
    assert date_spans("sometime") is None
    assert date_spans("2018-02-30") is None
    assert dates_compatible("sometime", "2018-10-05")


def test_reports_of_one_person_merge_across_documents_and_headline_with_body():
    events = [
        ev(1, 100, "asylum", outcome="denied", patients=[ALMA], trigger="rejects asylum bid"),
        ev(2, 100, "asylum", outcome="denied", date="2019-03-02", agents=[LAND], patients=[ALMA],
           trigger="refused her asylum request"),
        ev(3, 200, "asylum", outcome="denied", date="2019-03", patients=[ALMA], trigger="asylum refusal"),
        ev(4, 300, "asylum", outcome="denied", trigger="turned down"),  # no participants, other document
    ]
    assert group_events(events) == [[1, 2, 3], [4]]


def test_headline_without_participants_joins_its_own_document():
    events = [
        ev(1, 100, "asylum", outcome="denied", trigger="asylum rejected"),
        ev(2, 100, "asylum", outcome="denied", patients=[ALMA], trigger="rejected her asylum claim"),
    ]
    assert group_events(events) == [[1, 2]]


def test_different_people_never_merge():
    events = [
        ev(1, 100, "verdict", outcome="convicted", patients=[ALMA], date="2018-08-01", places=[CITY]),
        ev(2, 200, "verdict", outcome="convicted", patients=[BOLAT], date="2018-08-01", places=[CITY]),
    ]
    assert group_events(events) == [[1], [2]]


def test_outcome_and_type_split():
    events = [
        ev(1, 100, "verdict", outcome="convicted", patients=[ALMA]),
        ev(2, 200, "verdict", outcome="acquitted", patients=[ALMA]),
        ev(3, 300, "sentence", patients=[ALMA]),
        ev(4, 400, "verdict", patients=[ALMA]),
    ]
    clusters = group_events(events)
    assert [3] in clusters
    assert [1, 2] not in clusters and not any({1, 2} <= set(c) for c in clusters)


def test_dates_split_point_events_but_not_lasting_states():
    point = [ev(1, 100, "release", patients=[ALMA], date="2018-10-05"),
             ev(2, 200, "release", patients=[ALMA], date="2018-10-06")]
    assert group_events(point) == [[1], [2]]
    # one detention described by its start and by the month a panel reported it
    lasting = [ev(1, 100, patients=[KARA_GROUP], places=[LAND], date="2017", trigger="detained"),
               ev(2, 200, patients=[KARA_GROUP], places=[LAND], date="2018-08", trigger="held")]
    assert group_events(lasting) == [[1, 2]]


def test_an_undated_report_does_not_chain_two_dated_events():
    events = [
        ev(1, 100, "release", patients=[ALMA], date="2018-10-05", trigger="freed"),
        ev(2, 200, "release", patients=[ALMA], trigger="freed"),
        ev(3, 300, "release", patients=[ALMA], date="2018-10-06", trigger="freed"),
    ]
    clusters = group_events(events)
    assert not any({1, 3} <= set(c) for c in clusters)
    assert sorted(len(c) for c in clusters) == [1, 2]


def test_a_report_contradicting_the_places_of_much_of_a_cluster_stays_out():
    group = [ev(i, 100 + i, patients=[KARA_GROUP], places=[LAND] if i % 2 else []) for i in range(1, 7)]
    elsewhere = ev(7, 900, patients=[KARA_GROUP], places=[ISLAND])
    clusters = group_events(group + [elsewhere])
    assert [1, 2, 3, 4, 5, 6] in clusters
    assert [7] in clusters


def test_places_apart_do_not_block_otherwise_strong_evidence():
    # a town and its country are "apart" without a gazetteer; one person, day and outcome agree
    events = [ev(1, 100, "verdict", outcome="convicted", patients=[ALMA], places=[CITY], date="2018-08-01",
                 trigger="found guilty"),
              ev(2, 200, "verdict", outcome="convicted", patients=[ALMA], places=[LAND], date="2018-08-01",
                 trigger="guilty verdict")]
    assert group_events(events) == [[1, 2]]


def test_person_ids_limit_the_different_people_rule_to_persons():
    # two reports of one mass detention naming different groups but the same place and month
    events = [
        ev(1, 100, patients=[KARA_GROUP], places=[LAND], date="2018-08"),
        ev(2, 200, patients=[4], places=[LAND], date="2018-08"),
    ]
    assert group_events(events) == [[1], [2]]
    assert group_events(events, person_ids={ALMA, BOLAT}) == [[1, 2]]
    # persons still split
    people = [ev(1, 100, patients=[ALMA], places=[LAND], date="2018-08"),
              ev(2, 200, patients=[BOLAT], places=[LAND], date="2018-08")]
    assert group_events(people, person_ids={ALMA, BOLAT}) == [[1], [2]]


def test_every_event_is_in_exactly_one_cluster():
    events = [ev(i, i // 3, "trial", patients=[i % 4], trigger="hearing") for i in range(1, 40)]
    clusters = group_events(events)
    ids = [i for c in clusters for i in c]
    assert sorted(ids) == list(range(1, 40))


def test_empty_input():
    assert group_events([]) == []
