"""Benchmarks of the pipeline: `python -m benchmarks` writes benchmarks/RESULTS.md (see __main__.py)."""
