"""The performance benchmark: a synthetic university generator and the measurements.

See docs/benchmark.md for how to run it and the figures measured.
"""
