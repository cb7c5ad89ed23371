"""One GET for voice downloads (Piper models, Kokoro voices), with one-line errors.

Both voice stores are model repositories a newsroom may mirror: an error names the URL, the
probable cause and the environment variable that points at the mirror.
"""

from __future__ import annotations

from typing import Any

TIMEOUT_S = (5.0, 60.0)  # connect, read


def get(session: Any, url: str, *, mirror_env: str, stream: bool = False) -> Any:
    """`session.get(url)` checked for success (a requests.Response); raises SynthesisError."""
    import requests

    from ..errors import SynthesisError

    try:
        response = session.get(url, timeout=TIMEOUT_S, stream=stream)
        response.raise_for_status()
    except requests.HTTPError as e:
        raise SynthesisError(
            f"cannot download {url}: HTTP {e.response.status_code}: check the voice name "
            f"or ${mirror_env}"
        ) from None
    except requests.RequestException as e:
        raise SynthesisError(
            f"cannot download {url} ({type(e).__name__}): check the network or ${mirror_env}"
        ) from None
    return response
