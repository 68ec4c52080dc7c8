"""`python -m tui` runs the same entry point as the `parallax` command."""

from tui.cli import main

raise SystemExit(main())
