"""Does an online engine's host answer? Decided in two seconds, remembered for minutes.

Without a network, gTTS would spend its whole retry budget learning what one connect tells:
so before synthesis the host is probed (name lookup, TCP connect, and the first answer of
its protocol: a TLS handshake for https, any byte for http), all within `timeout_s`. A
resolver that hangs, a refused port and a black-holed address that never answers all end
in the same deadline. The answer is remembered for `ttl_s` by a `Reachability` object that
its owner (one `bulletin build` batch, one queue worker) passes to every build: no
module-level state, and the owner's clock decides when an answer is stale.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

PROBE_TIMEOUT_S = 2.0
REMEMBER_S = 300.0  # a worker's "next minutes"; a CLI batch rarely lasts longer

Resolver = Callable[..., list]


@dataclass(frozen=True)
class Endpoint:
    """Where a request to `url` really goes: the host itself, or the proxy the environment
    names for it (then the proxy is what must answer)."""

    scheme: str  # the protocol spoken to host:port: "https" or "http"
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> Endpoint:
        import urllib.request  # with ssl, ~10 ms: only a probe of an online engine pays for them

        parts = urlsplit(url)
        host = parts.hostname or ""
        proxy = urllib.request.getproxies().get(parts.scheme)
        if proxy and not urllib.request.proxy_bypass(host):
            proxied = urlsplit(proxy if "//" in proxy else f"http://{proxy}")
            return cls("http", proxied.hostname or "", proxied.port or 8080)
        return cls(parts.scheme, host, parts.port or (443 if parts.scheme == "https" else 80))

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class _Answer:
    reason: str | None  # None: the host answered
    at: float


class Reachability:
    """Thread-safe memo of probe answers per endpoint, each kept for `ttl_s` of `clock`."""

    def __init__(self, *, clock: Callable[[], float], ttl_s: float = REMEMBER_S,
                 timeout_s: float = PROBE_TIMEOUT_S, resolve: Resolver | None = None):
        self._clock = clock
        self._ttl_s = ttl_s
        self._timeout_s = timeout_s
        self._resolve = resolve
        self._answers: dict[Endpoint, _Answer] = {}
        self._lock = threading.Lock()

    def unreachable(self, url: str) -> str | None:
        """Why `url`'s host cannot be reached now, or None when it answers."""
        endpoint = Endpoint.of(url)
        with self._lock:
            known = self._answers.get(endpoint)
            if known is not None and self._clock() - known.at < self._ttl_s:
                return known.reason
        reason = probe(endpoint, timeout_s=self._timeout_s, resolve=self._resolve)
        self._remember(endpoint, reason)
        return reason

    def mark_unreachable(self, url: str, reason: str) -> None:
        """An engine lost its host mid-build: later builds of the batch skip it at once."""
        self._remember(Endpoint.of(url), reason)

    def _remember(self, endpoint: Endpoint, reason: str | None) -> None:
        with self._lock:
            self._answers[endpoint] = _Answer(reason, self._clock())


def probe(endpoint: Endpoint, *, timeout_s: float = PROBE_TIMEOUT_S,
          resolve: Resolver | None = None) -> str | None:
    """One probe of `endpoint`, returning within `timeout_s` whatever the network does.

    The name lookup cannot be given a timeout (getaddrinfo has none), so the probe runs in a
    daemon thread and is abandoned at the deadline; its sockets time out on their own.
    `resolve` stands in for `socket.getaddrinfo` (looked up at call time).
    """
    found: list[str | None] = []
    worker = threading.Thread(target=lambda: found.append(_attempt(endpoint, timeout_s, resolve)),
                              name=f"probe {endpoint}", daemon=True)
    worker.start()
    worker.join(timeout_s)
    return found[0] if found else f"{endpoint} did not answer within {timeout_s:g} s"


def _attempt(endpoint: Endpoint, timeout_s: float, resolve: Resolver | None) -> str | None:
    import ssl

    try:
        lookup = resolve or socket.getaddrinfo
        addresses = lookup(endpoint.host, endpoint.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        return f"{endpoint.host}: name lookup failed ({getattr(e, 'strerror', None) or e})"
    failure = f"{endpoint.host}: no address"
    for family, kind, proto, _, address in addresses:
        try:
            with socket.socket(family, kind, proto) as sock:
                sock.settimeout(timeout_s)
                sock.connect(address)
                _greet(sock, endpoint)
            return None
        except TimeoutError:
            return f"{endpoint} did not answer within {timeout_s:g} s"
        except ssl.SSLError as e:
            return f"{endpoint}: TLS handshake failed ({e.reason or e})"
        except OSError as e:  # refused, no route, network unreachable: try the next address
            failure = f"{endpoint}: {e.strerror or e}"
    return failure


def _greet(sock: socket.socket, endpoint: Endpoint) -> None:
    """Wait for the protocol's first answer: a SYN-ACK alone can come from a middlebox."""
    if endpoint.scheme == "https":
        import ssl

        context = ssl.create_default_context()
        context.check_hostname = False  # reachability, not authenticity: the request verifies
        context.verify_mode = ssl.CERT_NONE
        context.wrap_socket(sock, server_hostname=endpoint.host).close()
        return
    sock.sendall(f"HEAD / HTTP/1.0\r\nHost: {endpoint.host}\r\n\r\n".encode())
    if not sock.recv(1):
        raise ConnectionResetError(0, "closed the connection without answering")
