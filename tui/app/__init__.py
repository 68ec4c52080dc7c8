"""The Textual layer: renders a `Comparison` and reacts to keys. Nothing here analyses text."""
