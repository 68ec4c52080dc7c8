"""The wheel carries the sample story and the themes, and a plain install finds them anywhere.

The wheel is built offline (`--no-build-isolation`, hatchling comes with the test extra) and
installed with `--target`, so the test needs no network and no new virtual environment.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PIP = (sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [*PIP, "wheel", ".", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("parallax_reader-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [*PIP, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def tracked(folder: str, pattern: str) -> list[str]:
    """Files git tracks under `folder` (what a clean clone has); the work tree without git."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [p.relative_to(REPO).as_posix() for p in (REPO / folder).rglob("*")]
    return sorted(p for p in listed if Path(p).match(pattern))


def test_wheel_carries_sample_and_themes(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    sample = [n for n in names if n.startswith("tui/_bundled/sample_data/kursk/")]
    assert len([n for n in sample if n.endswith(".txt")]) == 5
    assert "tui/_bundled/sample_data/kursk/story.yaml" in names
    themes = tracked("themes", "*.yaml")
    assert themes, "themes/*.yaml are tracked"
    for theme in themes:
        assert f"tui/_bundled/{theme}" in names
    assert not any(n.startswith("tests/") for n in names)


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH puts the installed copy ahead of the editable checkout on sys.path.
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_installed_copy_exports_the_sample_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    done = run_installed(installed, tmp_path, "-m", "tui", "export")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["articles"]) == 5
    for article in data["articles"]:
        assert Path(article["path"]).is_relative_to(installed / "tui" / "_bundled")


def test_installed_copy_finds_its_themes(installed: Path, tmp_path: Path) -> None:
    probe = (
        "from tui.core.loading import bundled_path; "
        "print(sorted(p.name for p in bundled_path('themes').glob('*.yaml')))"
    )
    done = run_installed(installed, tmp_path, "-c", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(sorted(Path(t).name for t in tracked("themes", "*.yaml")))


def readme_commands() -> list[str]:
    """The shell lines of the README's bash blocks, in order."""
    lines, inside = [], False
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = line.strip() == "```bash"
            continue
        if inside and line.strip() and not line.startswith("#"):
            lines.append(line.strip())
    return lines


def test_ci_runs_exactly_the_readme_test_command() -> None:
    install_and_open, install_and_test = readme_commands()[:2]
    assert install_and_open.endswith("parallax")
    assert "pytest" in install_and_test
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    # The gate hands the command, as written in the README, to `bash -c`.
    assert f'"{install_and_test}"' in ci
    assert '"' not in install_and_test
    assert shlex.split(install_and_test)
