"""Parallax: several news articles about one story, side by side. Imports nothing on purpose."""

__version__ = "0.1.0"
