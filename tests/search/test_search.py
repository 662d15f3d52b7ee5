"""The search contract, run on every backend the `store` fixture provides (SQLite, PostgreSQL)."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import delete, func, select, update

from testimonium.search import EntityFacet, SearchIndex, SearchQuery
from testimonium.search import index as search_index
from testimonium.store import Store
from testimonium.store.database import begin_write
from testimonium.store.schema import documents
from tests.store.test_store import make_document


def add(store: Store, body: str, *, title: str | None = None, outlet: str | None = None,
        published: str | None = None) -> int:
    document = make_document(body, title=title, outlet=outlet, published=published)
    return store.add(document, source=None, actor="t").document_id


def extract(store: Store, document_id: int, *, entities: tuple[tuple[str, str], ...] = (),
            claims: tuple[str, ...] = (), events: tuple[str, ...] = ()) -> None:
    """Save an extraction with these (type, name) entities, claim contents and event types."""
    result = {
        "entities": [
            {"id": f"E{n}", "type": type_, "name": name, "mentions": [{"start": 0, "end": len(name), "text": name}]}
            for n, (type_, name) in enumerate(entities)
        ],
        "dates": [],
        "quantities": [],
        "claims": [
            {"id": f"C{n}", "speaker": None, "speaker_text": "a witness", "cue": "said", "told_to": None,
             "reported_by": [], "content": content, "start": 0, "end": len(content), "kind": "indirect",
             "stance": "assert", "date": None}
            for n, content in enumerate(claims)
        ],
        "events": [
            {"id": f"V{n}", "type": type_, "outcome": None, "modality": "actual", "agent": [], "patient": [],
             "place": [], "date": None, "trigger": None, "claim": None}
            for n, type_ in enumerate(events)
        ],
    }
    store.save_extraction(document_id, result, extractor="test", actor="t")


def search(store: Store, text: str = "", **facets):
    return SearchIndex(store).search(SearchQuery(text=text, **facets))


def found(store: Store, text: str = "", **facets) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in search(store, text, **facets).hits]


def marked(snippet: str) -> list[str]:
    """The words inside <mark> tags, lower-cased."""
    return " ".join(re.findall(r"<mark>(.*?)</mark>", snippet)).lower().split()


def test_a_word_finds_its_documents_with_the_word_marked(store: Store):
    wanted = add(store, "The court refused the extradition request on Tuesday.", title="Court ruling", outlet="TCA")
    add(store, "Families gathered outside the ministry.", title="Families gather")

    results = search(store, "Extradition", kinds=("document",))

    assert results.total == 1 and len(results.hits) == 1
    hit = results.hits[0]
    assert (hit.kind, hit.id, hit.document_id, hit.title) == ("document", wanted, wanted, "Court ruling")
    assert marked(hit.snippet) == ["extradition"]
    assert hit.score > 0
    assert search(store, "absent").total == 0


def test_names_match_whatever_their_diacritics(store: Store):
    accented = add(store, "Sayragul Sauytbaý testified in Almaty.")
    plain = add(store, "A statement by Sayragul Sauytbay was read out.")

    for query in ("Sauytbay", "sauytbaý", "SAUYTBAY"):
        assert sorted(found(store, query, kinds=("document",))) == [("document", accented), ("document", plain)]
    snippets = {hit.id: hit.snippet for hit in search(store, "sauytbay").hits}
    assert "<mark>Sauytbaý</mark>" in snippets[accented]
    assert "<mark>Sauytbay</mark>" in snippets[plain]


def test_a_phrase_needs_its_words_together_and_in_order(store: Store):
    together = add(store, "He was sent to a study centre in Zharkent.")
    apart = add(store, "The centre published a study of the camps.")

    assert found(store, '"study centre"') == [("document", together)]
    assert sorted(found(store, "study centre")) == [("document", together), ("document", apart)]
    assert marked(search(store, '"study centre"').hits[0].snippet) == ["study", "centre"]


def test_prefix_or_and_exclusion(store: Store):
    detained = add(store, "Her brother was detained at the border.")
    detainees = add(store, "Detainees were moved without trial.")
    asylum = add(store, "The asylum request was refused.")

    assert sorted(found(store, "detain*")) == [("document", detained), ("document", detainees)]
    assert found(store, '"was detain"*') == [("document", detained)]
    assert sorted(found(store, "asylum OR detainees")) == [("document", detainees), ("document", asylum)]
    assert found(store, "detain* -border") == [("document", detainees)]
    assert search(store, "-border").total == 0


def test_snippets_escape_the_source_text(store: Store):
    document_id = add(store, 'Posted <script>alert("x")</script> & <b>bold</b> claims about the camp.')

    hit = search(store, "camp").hits[0]
    assert hit.id == document_id and marked(hit.snippet) == ["camp"]
    assert "&lt;script&gt;" in hit.snippet and "&amp;" in hit.snippet
    assert "<" not in re.sub(r"</?mark>", "", hit.snippet)
    assert "<script" not in search(store, "alert").hits[0].snippet


@pytest.mark.parametrize("text", [
    '"', "*", "NEAR(", "OR", "-", "'; DROP TABLE documents; --", "AND OR NOT", '"unclosed phrase',
    "title:camp", "camp^2 (x", "\\", "%_", "a" * 5000, "¹²³ ⁂ ‽", "NEAR(camp border, 2)", "-camp -border",
    "camp OR", "OR camp", "** camp*", "\x00\x02\x03", "<mark>camp</mark>",
])
def test_hostile_queries_are_answered_without_error(store: Store, text: str):
    add(store, "The camp near the border was expanded.")

    results = search(store, text)

    assert isinstance(results.total, int) and results.total >= 0
    assert store.count() == 1
    for hit in results.hits:
        assert "<" not in re.sub(r"</?mark>", "", hit.snippet)


def test_claims_and_entity_names_are_searched_and_follow_reextraction(store: Store):
    first = add(store, "Kazakhstan denied asylum to Aigerim Nurova, her lawyer said.", title="Asylum denied")
    second = add(store, "Aigerim Nurova spoke to reporters in Almaty.", title="Interview")
    extract(store, first, entities=(("person", "Aigerim Nurova"), ("place", "Kazakhstan")),
            claims=("Kazakhstan denied asylum to Aigerim Nurova",))
    extract(store, second, entities=(("person", "Aigerim Nurova"),))

    results = search(store, "Nurova")
    kinds = [hit.kind for hit in results.hits]
    assert sorted(kinds) == ["claim", "document", "document", "entity"] and results.total == 4
    entity = next(hit for hit in results.hits if hit.kind == "entity")
    assert (entity.title, entity.document_id) == ("Aigerim Nurova", first)  # one hit per name: its first row
    assert marked(entity.snippet) == ["nurova"]
    claim = next(hit for hit in results.hits if hit.kind == "claim")
    assert (claim.document_id, claim.title) == (first, "Asylum denied")

    extract(store, first, entities=(("person", "A. Nurova"),), claims=("The ministry refused her request",))
    assert found(store, "denied", kinds=("claim",)) == []
    assert [hit.document_id for hit in search(store, "ministry", kinds=("claim",)).hits] == [first]
    assert found(store, "Kazakhstan", kinds=("entity",)) == []
    names = sorted(hit.title for hit in search(store, "Nurova", kinds=("entity",)).hits)
    assert names == ["A. Nurova", "Aigerim Nurova"]
    assert search(store, "Aigerim", kinds=("entity",)).hits[0].document_id == second


def test_rows_deleted_or_changed_behind_the_store_leave_the_index(store: Store):
    kept = add(store, "The tribunal heard the witness.", title="Hearing")
    removed = add(store, "The tribunal adjourned.", title="Adjourned")
    extract(store, removed, entities=(("organisation", "Tribunal of Almaty"),), claims=("the tribunal adjourned",))

    with begin_write(store.engine) as conn:
        conn.execute(delete(documents).where(documents.c.id == removed))
        conn.execute(update(documents).where(documents.c.id == kept).values(title="Retitled"))

    assert found(store, "tribunal") == [("document", kept)]
    assert found(store, "retitled") == [("document", kept)]
    assert found(store, "hearing") == []


def facet_corpus(store: Store) -> dict[str, int]:
    ids = {
        "a": add(store, "Report on the camp in Urumqi.", outlet="TCA", published="2018-05-01"),
        "b": add(store, "Camp survivors testify in Almaty.", outlet="TCA", published="2019-03-02"),
        "c": add(store, "A camp guard speaks.", outlet="SWS", published="2019-07-09"),
        "d": add(store, "No camp is mentioned here? It is.", outlet="SWS"),
        "e": add(store, "Unrelated weather report.", outlet="SWS", published="2019-01-01"),
    }
    extract(store, ids["a"], entities=(("place", "Urumqi"),), events=("detention",),
            claims=("the camp holds thousands",))
    extract(store, ids["b"], entities=(("person", "Sayragul Sauytbay"), ("place", "Almaty")),
            events=("testimony", "detention"), claims=("the camp was a prison",))
    extract(store, ids["c"], entities=(("person", "Sayragul Sauytbay"),), events=("testimony",))
    extract(store, ids["e"], entities=(("person", "Sayragul Sauytbay"),), events=("detention",))
    return ids


def test_facets_count_the_matching_documents(store: Store):
    facet_corpus(store)

    results = search(store, "camp", kinds=("document",))

    assert results.total == 4 and results.facets_complete
    facets = results.facets
    assert facets["outlet"] == [("SWS", 2), ("TCA", 2)]
    assert facets["year"] == [("2019", 2), ("2018", 1)]
    assert facets["event_type"] == [("detention", 2), ("testimony", 2)]
    assert facets["entity_type"] == [("person", 2), ("place", 2)]
    entities = [(value.name, value.type, n) for value, n in facets["entity"]]
    assert entities == [("Sayragul Sauytbay", "person", 2), ("Almaty", "place", 1), ("Urumqi", "place", 1)]
    assert all(isinstance(value, EntityFacet) for value, _ in facets["entity"])


def test_each_facet_narrows_documents_and_the_claims_in_them(store: Store):
    ids = facet_corpus(store)
    person = search(store, "camp").facets["entity"][0][0]

    def documents_found(**facets) -> list[int]:
        return sorted(hit.id for hit in search(store, "camp", kinds=("document",), **facets).hits)

    assert documents_found(outlet="TCA") == sorted([ids["a"], ids["b"]])
    assert documents_found(year=2019) == sorted([ids["b"], ids["c"]])
    assert documents_found(year="2018") == [ids["a"]]
    assert documents_found(year="20x8") == []
    assert documents_found(event_type="testimony") == sorted([ids["b"], ids["c"]])
    assert documents_found(entity_type="place") == sorted([ids["a"], ids["b"]])
    assert documents_found(entity_id=person.id) == sorted([ids["b"], ids["c"]])
    assert documents_found(outlet="SWS", event_type="testimony") == [ids["c"]]
    assert documents_found(outlet="nowhere") == []

    narrowed = search(store, "camp", outlet="TCA", year=2019)
    assert [(hit.kind, hit.document_id) for hit in narrowed.hits if hit.kind != "document"] == [("claim", ids["b"])]
    assert narrowed.total == 2
    assert narrowed.facets["outlet"] == [("TCA", 1)]

    sauytbay = search(store, "Sauytbay", kinds=("entity",), outlet="SWS").hits
    assert [(hit.title, hit.document_id) for hit in sauytbay] == [("Sayragul Sauytbay", ids["c"])]
    assert search(store, "Urumqi", kinds=("entity",), outlet="SWS").hits == []


def test_relevance_first_then_newest(store: Store):
    for filler in ("Weather report.", "Sports report.", "Market report."):
        add(store, filler)
    older = add(store, "Asylum report alpha.", published="2019-01-01")
    newer = add(store, "Asylum report bravo.", published="2020-01-01")
    undated = add(store, "Asylum report gamma.")
    in_title = add(store, "What the ministry said about it.", title="Asylum", published="2001-01-01")

    assert found(store, "asylum", kinds=("document",)) == [
        ("document", in_title), ("document", newer), ("document", older), ("document", undated),
    ]


def test_pages_cover_every_hit_once(store: Store):
    for n in range(25):
        add(store, f"Witness statement number {n} about the camp.", published=f"2019-01-{n + 1:02d}")

    pages = [search(store, "camp", limit=10, offset=offset) for offset in (0, 10, 20)]

    assert [len(page.hits) for page in pages] == [10, 10, 5]
    assert all(page.total == 25 for page in pages)
    ids = [hit.id for page in pages for hit in page.hits]
    assert len(set(ids)) == 25
    assert ids == [hit.id for hit in search(store, "camp", limit=25).hits]


def test_no_words_lists_documents_newest_first(store: Store):
    ids = facet_corpus(store)

    for text in ("", "  ", "?!", '""'):
        results = search(store, text)
        assert [hit.id for hit in results.hits] == [ids["c"], ids["b"], ids["e"], ids["a"], ids["d"]]
        assert results.total == 5 and results.hits[0].snippet == "A camp guard speaks."
    assert [hit.id for hit in search(store, "", outlet="TCA").hits] == [ids["b"], ids["a"]]
    assert search(store, "", outlet="TCA").facets["year"] == [("2018", 1), ("2019", 1)]
    assert search(store, "", kinds=("claim",)).hits == []


def test_queries_out_of_bounds_are_refused():
    for arguments in ({"limit": 0}, {"limit": 1000}, {"offset": -1}, {"kinds": ("everything",)}, {"kinds": ()}):
        with pytest.raises(ValueError):
            SearchQuery(text="camp", **arguments)


def test_the_migration_indexes_what_is_already_stored(store: Store):
    document_id = add(store, "An appeal was lodged in Geneva.")
    extract(store, document_id, entities=(("place", "Geneva"),), claims=("an appeal was lodged",))
    config = Config()
    config.set_main_option("script_location", str(files("testimonium.store") / "migrations"))
    with begin_write(store.engine) as conn:
        config.attributes["connection"] = conn
        # Back to before the search index: first the connect tables that came after it.
        command.downgrade(config, "0003_accounts")
        command.downgrade(config, "0003_search@-1")

    reopened = Store.open(store.home, store.url)
    try:
        assert sorted(hit.kind for hit in search(reopened, "Geneva OR lodged").hits) == ["claim", "document", "entity"]
        with reopened.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 1
    finally:
        reopened.close()


def test_large_match_sets_are_ranked_and_counted_up_to_a_limit(store: Store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search_index, "RANK_LIMIT", 3)
    monkeypatch.setattr(search_index, "FACET_SAMPLE", 2)
    ids = [add(store, f"Appeal number {n} was heard.", outlet="TCA") for n in range(5)]

    results = search(store, "appeal", kinds=("document",))

    assert (results.total, results.total_exact, results.facets_complete) == (3, False, False)
    assert sorted(hit.id for hit in results.hits) == sorted(ids[-3:])  # the most recently stored
    assert results.facets["outlet"] == [("TCA", 2)]
    small = search(store, "appeal", kinds=("document",), limit=2)
    assert small.total_exact is False and len(small.hits) == 2


def test_a_phrase_in_the_newest_matches_is_found_past_documents_with_its_words_apart(
        store: Store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search_index, "RANK_LIMIT", 2)
    older = add(store, "He was sent to a study centre in Zharkent.")
    newer = add(store, "Another study centre opened in Kashgar.", outlet="TCA")
    for n in range(120):  # newer still, the words apart: more than one batch of candidates to pass over
        add(store, f"The centre of study number {n} moved.", outlet="TCA")

    results = search(store, '"study centre"', kinds=("document",))

    assert sorted(hit.id for hit in results.hits) == sorted([older, newer])
    assert (results.total, results.total_exact) == (2, False)
    assert [hit.id for hit in search(store, '"study centre"', kinds=("document",), outlet="TCA").hits] == [newer]
    assert found(store, '"centre of study"', kinds=("document",), limit=1) != []


def test_an_excluded_phrase_leaves_documents_with_its_words_apart(store: Store):
    together = add(store, "The camp was called a study centre.")
    apart = add(store, "The camp study moved to another centre.")
    plain = add(store, "The camp was closed.")

    assert sorted(found(store, 'camp -"study centre"', kinds=("document",))) == [
        ("document", apart), ("document", plain)]
    assert found(store, 'camp -study', kinds=("document",)) == [("document", plain)]
    assert together not in [hit.id for hit in search(store, 'camp -"study centre"').hits]
