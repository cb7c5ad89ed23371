"""Fixtures shared by the tests and the benchmarks: synthetic voicings (`audio`) and scripts
of real Hindi sentences (`speech`).

Not part of the installed package (a newsroom has no use for fake speech). It lives at the
repository's top level, beside `tests/` and `scripts/`, because both use it and scripts must
not import from the tests: pytest finds it from the repository root, and each script puts
the checkout on `sys.path` (`scripts/_checkout.py`).
"""
