"""Benchmarks: `make bench` runs every one and prints what it measured. Never part of `make test`."""
