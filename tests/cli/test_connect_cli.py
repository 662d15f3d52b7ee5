"""`testimonium entity`, `corroborate`, `entities merge|split` and `connect`, run as a user would,
over a store whose extraction results are written by hand (tests/connect/builders.py)."""

from __future__ import annotations

import re

from testimonium.store import Store
from tests.cli.run import run_cli
from tests.connect.builders import add_copy, add_lawyer, add_namesake, add_wire


def make_store(home, db_url: str) -> None:
    store = Store.open(home, db_url)
    add_wire(store), add_copy(store), add_lawyer(store), add_namesake(store)
    store.close()


def test_entity_and_corroborate_show_one_person_and_one_event_with_independent_sources(tmp_path, db_url):
    home = tmp_path / "home"
    make_store(home, db_url)
    connected = run_cli(home, "connect", db=db_url)
    assert connected.returncode == 0, connected.stderr
    assert "connected: 12 new entities, 7 canonical entities, 2 events" in connected.stdout

    shown = run_cli(home, "entity", "Sauitbay", db=db_url)  # a spelling no document uses fails clearly
    assert shown.returncode == 1 and "no entity called 'Sauitbay'" in shown.stderr

    shown = run_cli(home, "entity", "sairagul sauytbay", db=db_url)
    assert shown.returncode == 0, shown.stderr
    assert re.search(r"Sayragul Sauytbay \(person, canonical entity \d+\): 5 mentions in 3 documents", shown.stdout)
    assert "also written as: Sairagul Sauytbay; Sauytbay" in shown.stdout
    assert "Yerbol" not in shown.stdout.partition("also matching:")[0]
    assert "2018-10-05" in shown.stdout  # the asylum refusal on her timeline

    told = run_cli(home, "corroborate", "--entity", "Sauytbay", db=db_url)
    assert told.returncode == 0, told.stderr
    asylum = [line for line in told.stdout.splitlines() if "asylum denied" in line]
    assert len(asylum) == 1
    assert "2018-10-05" in asylum[0] and "3 sources, 2 independent" in asylum[0]
    assert "is a copy of document" in told.stdout


def test_merge_and_split_from_the_command_line(tmp_path, db_url):
    home = tmp_path / "home"
    make_store(home, db_url)
    assert run_cli(home, "connect", db=db_url).returncode == 0
    her = re.search(r"canonical entity (\d+)", run_cli(home, "entity", "Sauytbay", db=db_url).stdout).group(1)
    him = re.search(r"canonical entity (\d+)", run_cli(home, "entity", "Yerbol Sauytbayev", db=db_url).stdout).group(1)

    refused = run_cli(home, "entities", "merge", her, her, "--reason", "test", db=db_url)
    assert refused.returncode == 1 and "cannot be merged with itself" in refused.stderr
    merged = run_cli(home, "entities", "merge", her, him, "--reason", "one person, per the case file", db=db_url)
    assert merged.returncode == 0, merged.stderr
    shown = run_cli(home, "entity", "Yerbol Sauytbayev", db=db_url).stdout
    assert "Sayragul Sauytbay" in shown and "4 documents" in shown

    member = re.search(r"^\s*(\d+)\W+\d+ Trader acquitted", shown, re.M).group(1)
    now = re.search(r"canonical entity (\d+)", shown).group(1)
    split = run_cli(home, "entities", "split", now, member, "--reason", "he is a grain trader", db=db_url)
    assert split.returncode == 0, split.stderr
    hers, _, others = run_cli(home, "entity", "Sauytbay", db=db_url).stdout.partition("also matching:")
    assert "Yerbol" not in hers and "Yerbol Sauytbayev (person" in others
    verified = run_cli(home, "verify", db=db_url)
    assert verified.returncode == 0, verified.stdout
