"""The one home for test helpers shared across test folders.

A helper that two test modules need lives here, not in a `conftest.py` (which pytest owns and
no test should import) nor copied into each module. Fixtures stay in `conftest.py` files and
build on what this package offers.
"""
