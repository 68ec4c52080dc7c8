"""Start the reader from parsed CLI arguments."""

from __future__ import annotations

import argparse
import os


def run_reader(args: argparse.Namespace) -> int:
    """Build the app and run it; returns the process exit status."""
    from tui.app.app import make_app

    app = make_app(
        list(args.paths),
        theme=getattr(args, "theme", None),
        config=getattr(args, "config", None),
        semantic=bool(getattr(args, "semantic", False)),
    )
    # GNU screen (it sets STY) passes mouse reports through badly: with mouse tracking on, a
    # lone Escape waited for a second key. The reader needs no mouse, so screen users lose
    # nothing but click-to-select.
    app.run(mouse=not os.environ.get("STY"))
    return app.return_code or 0
