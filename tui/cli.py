"""The `parallax` command: open the reader, or `export` the analysis as JSON.

stdout is data, stderr is diagnostics. `export` never imports Textual, and the reader's import
is deferred so `--help` and `export` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui import __version__

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax export",
        description="Print the analysis of a story as JSON (schema parallax.comparison/1).",
    )
    parser.add_argument("--format", choices=["json"], default="json", help="output format")
    parser.add_argument(
        "--pivot", metavar="ARTICLE_ID", help="add aligned rows for this article as pivot"
    )
    parser.add_argument(
        "--semantic", action="store_true", help="add the offline embedding model (extra)"
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or story folders (default: sample)"
    )
    return parser


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description=(
            "Read several articles about one story side by side: shared and divergent "
            "sentences, figures and conflicts. `parallax export PATH...` prints JSON."
        ),
        epilog="With no PATH, opens the bundled sample story. Low-colour terminals: "
        "--theme high-contrast or --theme monochrome.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="theme name (see themes/)")
    parser.add_argument("--config", metavar="PATH", help="config file (default: XDG config dir)")
    parser.add_argument(
        "--semantic", action="store_true", help="add the offline embedding model (extra)"
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or story folders")
    return parser


def _fail(message: str) -> int:
    print(f"parallax: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def export_main(argv: Sequence[str]) -> int:
    """`parallax export`: strict; any unreadable input fails the whole report."""
    from tui.core.aligning import align_rows
    from tui.core.errors import InputError
    from tui.core.exporting import to_json
    from tui.core.loading import sample_story_path
    from tui.core.options import Options
    from tui.core.pipeline import build_comparison

    args = _export_parser().parse_args(list(argv))
    paths = args.paths or [sample_story_path()]
    try:
        comparison, _ = build_comparison(paths, Options(semantic=args.semantic), strict=True)
    except InputError as error:
        return _fail(str(error))
    alignment = None
    if args.pivot is not None:
        if args.pivot not in comparison.article_ids:
            known = ", ".join(comparison.article_ids)
            return _fail(f"--pivot {args.pivot}: no such article (have: {known})")
        alignment = align_rows(comparison, args.pivot)
    sys.stdout.write(to_json(comparison, alignment))
    return EXIT_OK


def reader_main(argv: Sequence[str]) -> int:
    """The Textual reader; it opens what it can and reports what it skipped."""
    args = _reader_parser().parse_args(list(argv))
    from tui.app.launch import run_reader

    return run_reader(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `parallax` and `python -m tui`."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments[:1] == ["export"]:
            return export_main(arguments[1:])
        return reader_main(arguments)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
