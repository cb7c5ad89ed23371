"""Fixtures for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .netguard import NetGuard


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetGuard]:
    """Fail any test that connects (or looks up a name) outside the loopback network.

    The refused call raises `OSError` first, so code under test behaves as it would offline;
    the failure here names the address even when that code swallowed the error.
    """
    guard = NetGuard()
    guard.install(monkeypatch)
    yield guard
    if guard.violations:
        pytest.fail(
            f"this test tried to reach {', '.join(dict.fromkeys(guard.violations))}: tests may "
            "use only 127.0.0.1/::1; fake the remote end (a stub at the HTTP boundary or a "
            "loopback port)", pytrace=False,
        )


@pytest.fixture(autouse=True)
def google_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    """`available_engines()` (doctor, `voices list`) probes Google: here it is never reached."""
    from bulletin.synth import EngineInfo
    from bulletin.synth.engines import gtts

    def probe(tld: str = "co.in") -> EngineInfo:
        return EngineInfo("gtts", usable=False, offline=False, voices=(gtts.LANG,),
                          detail=f"translate.google.{tld} is not reached from the tests")

    monkeypatch.setattr(gtts, "probe", probe)
