"""The socket guard every test runs under: loopback passes, anything else is refused."""

from __future__ import annotations

import socket

import pytest

from .netguard import NetGuard, OutsideNetwork, is_local


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost",
                                  "::ffff:127.0.0.1", "0.0.0.0", None, b"127.0.0.1"])
def test_loopback_is_local(host):
    assert is_local(host)


@pytest.mark.parametrize("host", ["8.8.8.8", "translate.google.co.in", "10.0.0.1", "::2",
                                  "2001:4860:4860::8888", "example.com", 1234])
def test_other_hosts_are_not(host):
    assert not is_local(host)


def test_remote_connect_and_lookup_are_refused_and_recorded(monkeypatch):
    guard = NetGuard()
    guard.install(monkeypatch)
    with pytest.raises(OutsideNetwork):
        socket.create_connection(("translate.google.co.in", 443), timeout=1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with sock, pytest.raises(OSError):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: refused before a packet leaves
    assert guard.violations == ["'translate.google.co.in':443", "'192.0.2.1':80"]


def test_loopback_connects_pass(monkeypatch):
    guard = NetGuard()
    guard.install(monkeypatch)
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
        with socket.create_connection(("localhost", port), timeout=2):
            pass
    assert guard.violations == []


def test_the_autouse_guard_is_active(no_network):
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    no_network.violations.clear()  # the deliberate attempt must not fail this test
