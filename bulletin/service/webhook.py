"""The completion webhook: the job record POSTed as JSON, signed with HMAC-SHA256 of the body.

The receiver recomputes `hmac(secret, body, sha256)` over the raw body it got and compares
it (in constant time) with the `X-Bulletin-Signature: sha256=<hex>` header, as GitHub-style
webhooks do. Delivery is best effort: a receiver that is down is logged, and the job's state
can always be read back with `GET /v1/jobs/{id}`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

import requests

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Bulletin-Signature"
TIMEOUT_S = 10.0


def signature(secret: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def notify(url: str, secret: bytes | None, record: dict[str, Any]) -> None:
    body = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, body)
    try:
        response = requests.post(url, data=body, headers=headers, timeout=TIMEOUT_S)
        response.raise_for_status()
    except requests.RequestException as e:
        log.warning("webhook %s for job %s failed: %s", url, record.get("id"), e)
