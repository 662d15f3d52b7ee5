"""The numpy MiniLM encoder: published reference values, vector properties, batching, truncation."""

from __future__ import annotations

import numpy as np
import pytest

from testimonium.connect.embeddings import Embedder, EmbeddingModelMissing


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def test_empty_text_matches_published_reference(embedder: Embedder) -> None:
    # The first values of all-MiniLM-L6-v2 for "" as computed by sentence-transformers (PyTorch),
    # published with an independent ONNX port's test suite. "" still runs [CLS] [SEP] through
    # every layer, so this checks the whole forward pass against the reference implementation.
    reference = [-0.11883835, 0.04829856, -0.00254805, -0.01101118, 0.05195070, 0.01029179]
    vector = embedder.encode([""])[0]
    np.testing.assert_allclose(vector[:6], reference, atol=1e-5)


def test_pinned_values_of_a_sentence(embedder: Embedder) -> None:
    # Values from this encoder once it matched the published reference to 2e-7 on four sentences
    # (see the report of issue 5); they pin the forward pass on a sentence with real words.
    vector = embedder.encode(["The river flooded three villages after the dam gave way."])[0]
    np.testing.assert_allclose(vector[:6], [-0.006476, 0.047857, -0.067861, -0.005598, 0.004267, -0.029624], atol=1e-5)


def test_vectors_are_unit_float32_rows(embedder: Embedder) -> None:
    vectors = embedder.encode(["Two farmers were arrested at the market.", "Rain is expected on Sunday."])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(embedder: Embedder) -> None:
    assert embedder.encode([]).shape == (0, 384)


def test_paraphrases_are_closer_than_unrelated_sentences(embedder: Embedder) -> None:
    a, b, c = embedder.encode([
        "The lawyer said the verdict would be appealed.",
        "Her attorney announced an appeal against the ruling.",
        "The bakery sells fresh bread every morning.",
    ])
    assert float(a @ a) == pytest.approx(1.0, abs=1e-5)
    assert float(a @ b) > 0.5
    assert float(a @ c) < 0.2


def test_batching_and_padding_do_not_change_vectors(embedder: Embedder) -> None:
    texts = [
        "Short one.",
        "A much longer sentence about a court hearing that lasted all afternoon in the capital.",
        "Medium length sentence about a border crossing.",
    ]
    together = embedder.encode(texts, batch_size=3)
    alone = np.stack([embedder.encode([text])[0] for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    # Rows come back in input order whatever the batch size and length sorting.
    np.testing.assert_allclose(embedder.encode(texts, batch_size=1), together, atol=1e-5)


def test_text_beyond_the_word_piece_limit_is_truncated(embedder: Embedder) -> None:
    long_text = " ".join(["the committee met again to discuss the case"] * 60)
    extended = long_text + " and then something entirely different about volcanoes happened"
    first, second = embedder.encode([long_text, extended])
    np.testing.assert_allclose(first, second, atol=1e-5)


def test_missing_model_package_is_a_clear_error() -> None:
    with pytest.raises(EmbeddingModelMissing, match="no_such_model_package"):
        Embedder.load("no_such_model_package")
