"""Benchmarks (run as scripts; results in docs/benchmarks.md)."""
