"""Start the reader from parsed CLI arguments."""

from __future__ import annotations

import argparse


def run_reader(args: argparse.Namespace) -> int:
    """Build the app and run it; returns the process exit status."""
    from tui.app.app import make_app

    app = make_app(
        list(args.paths),
        theme=getattr(args, "theme", None),
        config=getattr(args, "config", None),
        semantic=bool(getattr(args, "semantic", False)),
    )
    app.run()
    return app.return_code or 0
