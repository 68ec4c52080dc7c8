"""Screens of the reader: the comparison and the generated help."""
