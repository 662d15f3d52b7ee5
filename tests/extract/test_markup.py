"""Markdown marks are blanked before the parse: offsets stay exact, and bold or heading marks
no longer hide names or take the place of a clause's subject."""

import hashlib

from hypothesis import given, strategies as st

from testimonium.extract.markup import blank_markdown
from testimonium.model import Document


def markdown_document(text: str) -> Document:
    data = text.encode()
    return Document(sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type="text/markdown", text=text)


def test_marks_become_spaces_and_emphasis_is_remembered():
    text = "## Cases\n\n- **Amina Yusuf**, 23, a student, went missing.\n> \"We want names,\" she said.\n"
    blanked, emphasised = blank_markdown(text)
    assert len(blanked) == len(text)
    assert "**" not in blanked and "##" not in blanked and "\n>" not in blanked
    assert [text[s:e] for s, e in emphasised] == ["Amina Yusuf"]


def test_arithmetic_and_snake_case_are_not_emphasis():
    text = "Rates rose 2 * 3 * 4 times; see file_name_v2 and an **unclosed mark."
    assert blank_markdown(text) == (text, [])


@given(st.text(alphabet="ab *_#>\n", max_size=200))
def test_any_text_keeps_its_length_and_letters(text):
    blanked, _ = blank_markdown(text)
    assert len(blanked) == len(text)
    assert [c for c in blanked if c.isalpha()] == [c for c in text if c.isalpha()]


def test_bold_people_are_the_subject_of_what_happened_to_them(extractor):
    text = ("# Statement\n\nThe Coastal Rights Watch believes that **an estimated 2,000 people** "
            "were held during 2024.\n")
    result = extractor.extract(markdown_document(text), published="2025-03-01")
    held = [e for e in result.events if e["type"] == "detention"]
    (people,) = [u for e in held for u in e["unnamed"] if u["text"].endswith("2,000 people")]
    assert text[people["start"]:people["end"]] == people["text"]  # offsets into the text as written
