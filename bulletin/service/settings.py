"""Settings of the newsroom service (`service:` in bulletin.yaml): queue, API, webhook, watcher.

Checked when the config is loaded, like every stage's settings, so a bad queue URL or port
fails when `bulletin api` or `bulletin worker` starts, not when the first story arrives.
Secrets (API tokens, the webhook key) are best kept in environment variables: the settings
name the variables, and `tokens` in the file is for a closed machine only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..setting import InvalidSetting, check_fields, setting

EMBEDDED = "embedded"
QUEUE_SCHEMES = ("sqlite", "redis", "rediss", "unix")
MIN_TOKEN_CHARS = 16  # a bearer token shorter than this can be guessed


@dataclass(frozen=True)
class ServiceSettings:
    """How the work is queued and served: nothing here shapes an episode's files."""

    SECTION: ClassVar[str] = "service"

    # embedded (SQLite in the output folder), sqlite:///path/queue.db or redis://host:6379/0
    queue: str = setting(EMBEDDED, shapes=False)
    host: str = setting("127.0.0.1", shapes=False)  # `bulletin api` binds here (TLS: a proxy)
    port: int = setting(8080, shapes=False, low=1, high=65535)
    tokens: tuple[str, ...] = setting((), shapes=False)  # bearer tokens; prefer `tokens_env`
    tokens_env: str = setting("BULLETIN_API_TOKENS", shapes=False)  # comma-separated tokens
    webhook_url: str | None = setting(None, shapes=False)  # POSTed each finished job
    webhook_secret_env: str = setting("BULLETIN_WEBHOOK_SECRET", shapes=False)  # HMAC key
    # a worker silent this long is dead: the job it held runs again on another
    heartbeat_timeout_s: float = setting(60.0, shapes=False, low=0.1, high=3600)
    build_timeout_s: float = setting(3600.0, shapes=False, low=1, high=86_400)
    max_attempts: int = setting(3, shapes=False, low=1, high=20)  # deliveries, crashes included
    # finished job records older than this are deleted (a later identical post is a new job)
    keep_jobs_days: float = setting(30.0, shapes=False, low=0.001, high=3650)
    watch_settle_s: float = setting(2.0, shapes=False, low=0.05, high=3600)  # unchanged = complete
    watch_poll_s: float = setting(1.0, shapes=False, low=0.05, high=60)  # inbox scan interval

    def __post_init__(self) -> None:
        check_fields(self)
        if self.queue != EMBEDDED and urlsplit(self.queue).scheme not in QUEUE_SCHEMES:
            raise InvalidSetting(self, "queue", f"{self.queue!r} must be `embedded`, "
                                 "sqlite:///path/queue.db or redis://host:6379/0")
        if self.webhook_url is not None and urlsplit(self.webhook_url).scheme not in (
            "http", "https"
        ):
            raise InvalidSetting(self, "webhook_url",
                                 f"{self.webhook_url!r} must be an http(s) URL")
        for token in self.tokens:
            _check_token(token, "`service.tokens`")

    def api_tokens(self, environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
        """The configured tokens plus those in `tokens_env`; empty means the API cannot start."""
        extra = tuple(t.strip() for t in environ.get(self.tokens_env, "").split(",") if t.strip())
        for token in extra:
            _check_token(token, f"${self.tokens_env}")
        return self.tokens + extra

    def webhook_secret(self, environ: Mapping[str, str] = os.environ) -> bytes | None:
        value = environ.get(self.webhook_secret_env)
        return value.encode("utf-8") if value else None


def _check_token(token: str, where: str) -> None:
    if len(token) < MIN_TOKEN_CHARS or not token.isascii() or any(c.isspace() for c in token):
        raise ConfigError(
            f"{where}: a token must be at least {MIN_TOKEN_CHARS} ASCII characters without "
            "spaces (make one with `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)"
        )
