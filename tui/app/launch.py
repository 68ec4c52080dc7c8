"""Start the reader from parsed CLI arguments."""

from __future__ import annotations

import argparse


def run_reader(args: argparse.Namespace) -> int:
    """Build the app and run it; returns the process exit status."""
    from tui.app.app import ParallaxApp

    app = ParallaxApp(paths=list(args.paths))
    app.run()
    return app.return_code or 0
