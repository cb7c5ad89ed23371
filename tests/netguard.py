"""No test may reach past this machine: every connect and name lookup is checked.

`NetGuard.install` wraps `socket.getaddrinfo` and `socket.socket.connect`/`connect_ex`.
Loopback addresses, `localhost` and Unix sockets pass; anything else is refused with an
`OSError` (so the code under test takes its offline path, like a machine without a network)
and recorded, and the autouse fixture in `conftest.py` fails the test naming the address.
A test that needs a remote host must fake it (a stub at the HTTP boundary, a loopback port).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field

import pytest

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", ""})


class OutsideNetwork(ConnectionRefusedError):
    """Raised instead of connecting: the address is not this machine."""


def is_local(host: object) -> bool:
    """Loopback (127.0.0.0/8, ::1), `localhost`, the wildcard (which connects locally)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%", 1)[0].lower()
    if name in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


@dataclass
class NetGuard:
    """Records every refused address; `violations` is what the test tried to reach."""

    violations: list[str] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex

        def getaddrinfo(host, port, *args, **kwargs):
            self._check(host, port)
            return real_getaddrinfo(host, port, *args, **kwargs)

        def connect(sock, address):
            self._check_address(sock, address)
            return real_connect(sock, address)

        def connect_ex(sock, address):
            self._check_address(sock, address)
            return real_connect_ex(sock, address)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)

    def _check_address(self, sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            self._check(address[0], address[1])

    def _check(self, host: object, port: object) -> None:
        if not is_local(host):
            where = f"{host!r}:{port}"
            self.violations.append(where)
            raise OutsideNetwork(f"tests may not reach {where}: only 127.0.0.1 and ::1")
