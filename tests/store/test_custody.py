from hypothesis import given
from hypothesis import strategies as st

from testimonium.store.custody import GENESIS, canonical_details, row_hash, verify_chain

EDITABLE = ["at", "event", "sha256", "actor", "source", "tool", "tool_version", "details"]


def build_chain(actors: list[str]) -> list[dict]:
    rows, prev = [], GENESIS
    for seq, actor in enumerate(actors, start=1):
        row = {
            "seq": seq, "at": f"2026-01-01T00:00:{seq:02d}.000000Z", "event": "ingested",
            "sha256": f"{seq:064x}", "actor": actor, "source": None, "tool": "testimonium",
            "tool_version": "0.1.0", "details": canonical_details({"n": seq}), "prev_hash": prev,
        }
        row["hash"] = row_hash(prev, row)
        prev = row["hash"]
        rows.append(row)
    return rows


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=12))
def test_an_untouched_chain_verifies(actors):
    assert verify_chain(build_chain(actors)) == (len(actors), [])


@given(
    st.lists(st.text(min_size=1, max_size=8), min_size=2, max_size=12),
    st.data(),
)
def test_any_single_edit_is_named(actors, data):
    rows = build_chain(actors)
    victim = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from(EDITABLE))
    replacement = data.draw(st.text(max_size=10).filter(lambda v: v != rows[victim][column]))
    rows[victim][column] = replacement
    _, problems = verify_chain(rows)
    assert problems and problems[0].startswith(f"custody row {victim + 1}:")


@given(st.lists(st.text(min_size=1, max_size=8), min_size=3, max_size=12), st.data())
def test_a_removed_row_is_detected(actors, data):
    rows = build_chain(actors)
    del rows[data.draw(st.integers(0, len(rows) - 2))]
    assert verify_chain(rows)[1]
