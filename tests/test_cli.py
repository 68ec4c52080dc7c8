"""The `parallax` command line: entry points, exit statuses, one-line errors, clean pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli

PARALLAX = Path(sys.executable).with_name("parallax")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_help_and_version() -> None:
    assert run("--help").returncode == 0
    assert b"parallax export" in run("--help").stdout
    assert run("export", "--help").returncode == 0
    assert run("--version").stdout.decode().startswith("parallax ")


def test_console_script_and_module_print_the_same_export() -> None:
    if not PARALLAX.exists():
        pytest.skip("the parallax script is not installed next to this interpreter")
    script = subprocess.run([str(PARALLAX), "export"], capture_output=True, timeout=60)
    assert script.returncode == 0
    assert script.stdout == run("export").stdout


def test_export_is_utf8_whatever_the_locale_says() -> None:
    plain = run("export")
    ascii_locale = run("export", env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert ascii_locale.returncode == 0, ascii_locale.stderr
    assert ascii_locale.stdout == plain.stdout


def test_reader_with_nothing_to_open_fails_before_the_screen(tmp_path: Path) -> None:
    done = run(str(tmp_path / "nowhere.txt"), str(tmp_path / "gone"))
    assert done.returncode == 2
    assert done.stderr.decode() == f"parallax: {tmp_path / 'nowhere.txt'}: no such file or folder\n"


def test_bad_argument_is_a_usage_error() -> None:
    done = run("export", "--format", "pdf")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"invalid choice" in done.stderr


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    # Text without digits keeps the analysis quick; 400 KB of JSON overflows any pipe buffer.
    article = tmp_path / "long.txt"
    article.write_text("Officials said the talks went well and would go on.\n" * 8000)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", str(article)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(1) == b"{"
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert error == b""


def test_unexpected_error_is_one_line_with_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("stage fell over\nsecond line")

    monkeypatch.setattr("tui.core.pipeline.build_comparison", broken)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    assert cli.main(["export"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: RuntimeError: stage fell over\\nsecond line" in err
    assert f"{cli.DEBUG_VARIABLE}=1" in err


def test_debug_variable_brings_the_traceback_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("stage fell over")

    monkeypatch.setattr("tui.core.pipeline.build_comparison", broken)
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    with pytest.raises(RuntimeError, match="stage fell over"):
        cli.main(["export"])


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("tui.core.pipeline.build_comparison", interrupted)
    assert cli.main(["export"]) == 130


@pytest.mark.parametrize(("given", "expected"), [(None, "1"), ("3", "3")])
def test_export_runs_openblas_on_one_thread_unless_told(
    given: str | None, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One thread: start-up without the pool's spinning threads, identical output (see cli).
    if given is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", given)
    probe = (
        "import io, os, sys\n"
        "from tui.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "status = main(['export'])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(status, os.environ.get('OPENBLAS_NUM_THREADS'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["0", expected], done.stderr


@pytest.mark.parametrize("command", [["export", "--semantic"], ["--semantic"]])
def test_semantic_without_the_extra_is_one_line_and_exit_2(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.core import semantic

    monkeypatch.setattr(semantic, "unavailable_reason", lambda: "semantic mode needs onnxruntime")
    assert cli.main(command) == 2
    err = capsys.readouterr().err
    assert err == "parallax: --semantic: semantic mode needs onnxruntime\n"
