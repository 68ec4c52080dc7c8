"""Evaluation scripts and hand annotations: `python -m tests.eval.<module>`."""
