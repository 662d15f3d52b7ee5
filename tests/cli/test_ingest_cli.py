import hashlib
import json

import pytest
from sqlalchemy import update

from testimonium.store import Store
from testimonium.store.schema import custody
from tests.cli.corpus import bad_documents, good_documents
from tests.cli.run import run_cli


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    good = good_documents(folder / "good")
    bad = bad_documents(folder / "bad")
    return folder, good, bad


def test_mixed_folder_ingests_every_good_file_and_explains_every_bad_one(inbox, db_url, tmp_path):
    folder, good, bad = inbox
    home = tmp_path / "home"

    first = run_cli(home, "ingest", str(folder), db=db_url)

    assert first.returncode == 1, first.stderr
    store = Store.open(home, db_url)
    stored = {row["sha256"] for row in store.documents()}
    for name, data in good.items():
        assert hashlib.sha256(data).hexdigest() in stored, name
    for name, data in bad.items():
        assert hashlib.sha256(data).hexdigest() not in stored, name
        assert f"bad/{name}" in first.stdout, f"{name} has no reason in:\n{first.stdout}"
    failed_lines = [line for line in first.stdout.splitlines() if "/bad/" in line]
    assert len(failed_lines) == len(bad), first.stdout
    # one e-mail attachment becomes a child document
    assert store.count() == len(good) + 1
    assert store.verify().ok

    again = run_cli(home, "ingest", str(folder), db=db_url)
    assert again.returncode == 1
    assert store.count() == len(good) + 1
    assert "already present" in again.stdout
    assert run_cli(home, "verify", db=db_url).returncode == 0
    store.close()


def test_reasons_say_what_is_wrong(inbox, tmp_path):
    folder, _, _ = inbox
    result = run_cli(tmp_path / "home", "ingest", str(folder / "bad"))
    out = " ".join(result.stdout.lower().split())
    for expected in ("empty", "unsupported", "zip", "pdf"):
        assert expected in out, f"no reason mentioning {expected!r} in:\n{result.stdout}"


def test_verify_fails_and_names_a_changed_blob_or_custody_row(inbox, tmp_path):
    folder, good, _ = inbox
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(folder / "good")).returncode == 0
    verified = run_cli(home, "verify")
    assert verified.returncode == 0 and "custody head: row" in verified.stdout

    store = Store.open(home)
    sha = hashlib.sha256(good["wire.txt"]).hexdigest()
    blob = store.blobs.path(sha)
    blob.chmod(0o644)
    blob.write_bytes(blob.read_bytes().replace(b"herder", b"Herder", 1))
    result = run_cli(home, "verify")
    assert result.returncode == 1
    assert sha[:12] in result.stdout and "altered" in result.stdout

    blob.write_bytes(good["wire.txt"])
    assert run_cli(home, "verify").returncode == 0
    with store.engine.begin() as conn:
        conn.execute(update(custody).where(custody.c.seq == 3).values(source="/somewhere/else.txt"))
    result = run_cli(home, "verify")
    assert result.returncode == 1
    assert "custody row 3" in result.stdout
    store.close()


def test_documents_and_show(inbox, tmp_path):
    folder, good, _ = inbox
    home = tmp_path / "home"
    run_cli(home, "ingest", str(folder / "good"), "--outlet", "Test Outlet", "--published", "2018-10")
    listing = run_cli(home, "documents", "--json")
    rows = json.loads(listing.stdout)
    # flags describe the files given; an e-mail's attachment keeps its own metadata
    assert {row["outlet"] for row in rows if row["parent_id"] is None} == {"Test Outlet"}
    assert {row["outlet"] for row in rows if row["parent_id"] is not None} == {None}
    wire_sha = hashlib.sha256(good["wire.txt"]).hexdigest()

    shown = run_cli(home, "show", wire_sha[:10])
    assert shown.returncode == 0, shown.stderr
    assert "Border court spares herder" in shown.stdout
    assert "ingested" in shown.stdout and "viewed" in shown.stdout

    as_json = json.loads(run_cli(home, "show", wire_sha[:10], "--json").stdout)
    assert as_json["document"]["published"] == "2018-10"
    assert [e["event"] for e in as_json["custody"]][:1] == ["ingested"]

    missing = run_cli(home, "show", "deadbeef00")
    assert missing.returncode == 1 and "no document" in missing.stderr


def test_bad_published_date_is_refused(tmp_path):
    result = run_cli(tmp_path / "home", "ingest", str(tmp_path), "--published", "Oct 2018")
    assert result.returncode == 2
    assert "ISO date" in result.stderr


def test_extract_prints_the_document_object(inbox, tmp_path):
    folder, good, _ = inbox
    result = run_cli(tmp_path / "home", "extract", str(folder / "good" / "wire.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    document = json.loads(lines[0])["document"]
    assert document["sha256"] == hashlib.sha256(good["wire.txt"]).hexdigest()
    assert document["title"] == "Border court spares herder from deportation"
    assert document["outlet"] == "SWS"
    assert document["dateline"] == "Taldykorgan"
    assert document["author"] == "Dana Amirova"
    assert document["published"] is None
    assert document["text"].startswith("Border court spares herder")
    assert not (tmp_path / "home").exists(), "extract must not create a store"
