"""Benchmarks: a synthetic-archive generator and the archive-scale benchmark against Hugo."""
