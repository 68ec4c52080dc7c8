"""The core and the CLI's export path never load Textual or Rich (house style, rule 1), and an
export loads nothing its inputs do not need (start-up time is part of the product)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.core

CORE_MODULES = sorted(f"tui.core.{m.name}" for m in pkgutil.iter_modules(tui.core.__path__))
PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
ui = sorted(
    m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("tui.app")
)
print(",".join(ui))
"""


def loaded_ui_modules(*modules: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_core_modules_are_found() -> None:
    assert {"tui.core.pipeline", "tui.core.exporting", "tui.core.loading"} <= set(CORE_MODULES)


def test_importing_the_core_loads_no_textual_or_rich() -> None:
    assert loaded_ui_modules(*CORE_MODULES) == ""


def test_importing_the_cli_loads_no_textual_or_rich() -> None:
    assert loaded_ui_modules("tui", "tui.cli") == ""


def test_export_run_loads_no_textual_or_rich() -> None:
    probe = (
        "import sys, io\n"
        "from tui.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        "status = main(['export'])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('tui.app')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "0 []", done.stderr


def test_export_without_metadata_loads_neither_yaml_nor_numpy_ma(tmp_path: Path) -> None:
    # PyYAML is imported only when a story.yaml or front matter needs it (~15 ms of start-up);
    # numpy.ma (~17 ms) is what np.unique would pull in, which aligning avoids.
    (tmp_path / "a.txt").write_text("The river rose two metres on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Water rose by two metres on Monday.\n", encoding="utf-8")
    probe = (
        "import sys, io\n"
        "from tui.cli import main\n"
        "sys.stdout = io.StringIO()\n"
        f"status = main(['export', {str(tmp_path)!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(status, 'yaml' in sys.modules, 'numpy' in sys.modules, 'numpy.ma' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "0 False True False", done.stderr
