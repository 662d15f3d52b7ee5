import hashlib

import pytest
from sqlalchemy import delete, update

from testimonium.model import Document
from testimonium.store import DocumentNotFound, Store
from testimonium.store.schema import custody, documents


def make_document(body: str, **fields) -> Document:
    data = body.encode()
    return Document(
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type="text/plain",
        text=body, content=data, **fields,
    )


def test_add_keeps_original_row_and_custody(store: Store):
    doc = make_document("Court refuses extradition\n\nThe court refused the request.", title="Court refuses extradition")
    result = store.add(doc, source="/inbox/a.txt", actor="tester")

    assert result.status == "ingested"
    assert store.blobs.read(doc.sha256) == doc.content
    assert store.blobs.path(doc.sha256).stat().st_mode & 0o222 == 0  # written read-only
    record = store.get(str(result.document_id))
    assert record["title"] == "Court refuses extradition"
    assert record["text"] == doc.text
    events = store.custody_events(doc.sha256)
    assert [e["event"] for e in events] == ["ingested"]
    assert events[0]["actor"] == "tester" and events[0]["source"] == "/inbox/a.txt"
    report = store.verify()
    assert report.ok and report.head == (events[0]["seq"], events[0]["hash"])


def test_same_bytes_again_add_no_document_but_a_custody_event(store: Store):
    doc = make_document("A statement by the committee.")
    store.add(doc, source="a.txt", actor="tester")
    again = store.add(make_document("A statement by the committee."), source="copy/a.txt", actor="tester")

    assert again.status == "already present"
    assert store.count() == 1
    assert [e["event"] for e in store.custody_events(doc.sha256)] == ["ingested", "seen-again"]
    assert store.verify().ok


def test_attachments_become_linked_child_documents(store: Store):
    child = make_document("Notes from the hearing.", filename="notes.txt")
    parent = make_document("From: a@example.org\n\nSee the notes.", title="Hearing notes", attachments=[child])
    result = store.add(parent, source="mail.eml", actor="tester")

    assert [c.status for c in result.children] == ["ingested"]
    kids = store.children(result.document_id)
    assert [k["sha256"] for k in kids] == [child.sha256]
    assert store.blobs.read(child.sha256) == child.content
    assert store.verify().ok


def test_verify_names_an_altered_original(store: Store):
    doc = make_document("Original words of the witness.")
    result = store.add(doc, source="w.txt", actor="tester")
    path = store.blobs.path(doc.sha256)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x01
    path.write_bytes(bytes(data))

    report = store.verify()
    assert not report.ok
    assert any(f"document {result.document_id}" in p and "altered" in p for p in report.problems)


def test_verify_names_a_missing_original(store: Store):
    doc = make_document("Another statement.")
    store.add(doc, source="s.txt", actor="tester")
    store.blobs.path(doc.sha256).unlink()
    assert any("missing" in p for p in store.verify().problems)


@pytest.mark.parametrize("column", ["actor", "at", "event", "source", "details", "tool_version"])
def test_verify_names_an_edited_custody_row(store: Store, column: str):
    for n in range(3):
        store.add(make_document(f"Report number {n}."), source=f"{n}.txt", actor="tester")
    with store.engine.begin() as conn:
        conn.execute(update(custody).where(custody.c.seq == 2).values({column: "{}" if column == "details" else "x"}))

    problems = [p for p in store.verify().problems if p.startswith("custody row")]
    assert problems and all(p.startswith("custody row 2:") for p in problems)


def test_verify_detects_a_deleted_custody_row(store: Store):
    for n in range(3):
        store.add(make_document(f"Report number {n}."), source=f"{n}.txt", actor="tester")
    with store.engine.begin() as conn:
        conn.execute(delete(custody).where(custody.c.seq == 2))
    problems = store.verify().problems
    assert any("custody row 3" in p for p in problems)
    assert any("no 'ingested' custody event" in p for p in problems)


def test_verify_detects_an_edited_document_record(store: Store):
    result = store.add(make_document("Text.", title="Right title"), source="t.txt", actor="tester")
    with store.engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id == result.document_id).values(title="Wrong"))
    assert any(f"document {result.document_id}" in p for p in store.verify().problems)


def test_unreferenced_blob_is_a_note_not_a_failure(store: Store):
    store.blobs.put(b"left behind by a crash")
    report = store.verify()
    assert report.ok and report.notes


def test_get_by_prefix_and_errors(store: Store):
    a = make_document("first")
    store.add(a, source=None, actor="tester")
    assert store.get(a.sha256[:8])["sha256"] == a.sha256
    with pytest.raises(DocumentNotFound):
        store.get("ffffffffff" if not a.sha256.startswith("ff") else "0000000000")
    with pytest.raises(DocumentNotFound):
        store.get("no such thing")


def test_documents_newest_publication_first(store: Store):
    store.add(make_document("old", published="2010-05"), source=None, actor="t")
    store.add(make_document("undated"), source=None, actor="t")
    store.add(make_document("new", published="2018-10-05"), source=None, actor="t")
    assert [row["published"] for row in store.documents()] == ["2018-10-05", "2010-05", None]


def test_reopening_keeps_everything(store: Store, db_url: str, tmp_path):
    store.add(make_document("kept"), source=None, actor="t")
    again = Store.open(tmp_path / "home", db_url)
    assert again.count() == 1 and again.verify().ok
    again.close()


def test_corrections_change_metadata_are_logged_and_still_verify(store: Store):
    result = store.add(make_document("Text.", title="Wrong title", outlet="SWS"), source="t.txt", actor="tester")
    changed = store.correct(result.document_id, {"title": "Right title", "outlet": "SWS"}, actor="editor",
                            reason="headline misread")
    assert changed == {"title": {"from": "Wrong title", "to": "Right title"}}
    assert store.get(str(result.document_id))["title"] == "Right title"
    event = store.custody_events(store.get(str(result.document_id))["sha256"])[-1]
    assert event["event"] == "corrected" and event["actor"] == "editor" and "headline misread" in event["details"]
    assert store.verify().ok
    with store.engine.begin() as conn:  # an edit that bypasses correct() is still caught
        conn.execute(update(documents).where(documents.c.id == result.document_id).values(title="Sneaky"))
    assert not store.verify().ok


def test_corrections_refuse_text_and_need_a_reason(store: Store):
    result = store.add(make_document("Text."), source=None, actor="t")
    with pytest.raises(ValueError):
        store.correct(result.document_id, {"text": "rewritten"}, actor="e", reason="no")
    with pytest.raises(ValueError):
        store.correct(result.document_id, {"title": "x"}, actor="e", reason="  ")
    assert store.correct(result.document_id, {"title": None}, actor="e", reason="same") == {}
