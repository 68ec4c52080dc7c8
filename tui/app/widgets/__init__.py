"""Widgets of the reader; the aligned panes draw through the Line API."""
