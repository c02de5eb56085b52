"""Benchmarks: they print figures; nothing here is a test assertion."""
