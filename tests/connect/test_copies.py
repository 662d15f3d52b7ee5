"""Near-duplicate detection: a republished wire is a copy, another story on the topic is not."""

from testimonium.connect.copies import containment, find_copies, shingles
from testimonium.connect.records import SourceDoc

WIRE = """Harbour workers end strike after pay deal

PORTVALE (NPW) — Dock workers in Portvale returned to work on Tuesday after a nine-day strike,
when the port authority agreed to raise night-shift pay by twelve percent, the union said.

The strike had left more than forty container ships waiting at anchor outside the bay, and
several grocery chains warned of empty shelves before the weekend.

Union leader Marta Ilves told reporters that members voted by a large majority to accept the
offer at a meeting in the old customs hall late on Monday evening.

The port authority said the new rates would apply from the first of next month and that it
expected the backlog of ships to clear within about ten days.

Shipping companies had asked the government to step in, but the transport minister said the
dispute was a matter for the two sides to settle on their own.
"""

REPUBLISHED = """Portvale dockers back at work as strike ends

PORTVALE (NPW) — Dock workers in Portvale returned to work on Tuesday after a nine-day strike,
when the port authority agreed to raise night-shift pay by twelve percent, the Northern Press
Wire reported.

The strike had left more than forty container ships waiting at anchor outside the bay, and
several grocery chains warned of empty shelves before the weekend.

Union leader Marta Ilves told reporters that members voted by a large majority to accept the
offer at a meeting in the old customs hall late on Monday evening.

Shipping companies had asked the government to step in, but the transport minister said the
dispute was a matter for the two sides to settle on their own.

This story by the Northern Press Wire is republished by the Bay Courier with permission.
"""

OTHER_STORY = """Portvale strike over, but shipping firms count the cost

By a staff reporter

The nine-day stoppage at Portvale harbour is over, yet freight companies say the delays will
cost them dearly. One logistics manager estimated losses at several million for her firm alone.

Dock workers accepted a twelve percent rise in night-shift pay on Monday, according to the
union, and ships began unloading on Tuesday morning.

Economists at the regional chamber of commerce said the dispute showed how much the town
depends on a single port, and urged the council to attract other employers.
"""


def doc(id, text, published=None, outlet=None):
    return SourceDoc(id=id, outlet=outlet, text=text, published=published)


def test_republication_with_new_headline_cut_paragraph_and_credit_is_a_copy():
    docs = [doc(1, WIRE, "2021-05-04", "NPW"), doc(2, REPUBLISHED, "2021-05-05", "Bay Courier"),
            doc(3, OTHER_STORY, "2021-05-05", "Harbour Times")]
    assert find_copies(docs) == {2: 1}


def test_the_earliest_published_document_is_the_original_whatever_the_order():
    docs = [doc(7, REPUBLISHED, "2021-05-05"), doc(9, WIRE, "2021-05-04")]
    assert find_copies(docs) == {7: 9}


def test_same_date_goes_to_the_lower_id_and_undated_documents_come_last():
    assert find_copies([doc(5, REPUBLISHED, "2021-05-04"), doc(4, WIRE, "2021-05-04")]) == {5: 4}
    assert find_copies([doc(1, REPUBLISHED), doc(2, WIRE, "2021-05-04")]) == {1: 2}


def test_a_story_of_its_own_on_the_same_topic_is_not_a_copy():
    assert find_copies([doc(1, WIRE, "2021-05-04"), doc(2, OTHER_STORY, "2021-05-05")]) == {}


def test_three_copies_all_point_to_the_earliest():
    docs = [doc(1, WIRE, "2021-05-04"), doc(2, REPUBLISHED, "2021-05-05"), doc(3, WIRE, "2021-05-06")]
    assert find_copies(docs) == {2: 1, 3: 1}


def test_results_are_deterministic():
    docs = [doc(i, text, f"2021-05-0{i}") for i, text in enumerate([WIRE, REPUBLISHED, OTHER_STORY], 1)]
    assert find_copies(docs) == find_copies(list(reversed(docs)))


def test_empty_and_tiny_texts():
    assert find_copies([]) == {}
    assert find_copies([doc(1, ""), doc(2, "")]) == {}
    assert shingles("two words") == {"two words"}
    assert containment(set(), {"a"}) == 0.0


def test_shingles_ignore_case_and_punctuation():
    assert shingles("The Port, closed.", size=2) == shingles("the port closed", size=2)
