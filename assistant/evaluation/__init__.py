"""Evaluation: question sets in, per-question scores and metrics out."""
