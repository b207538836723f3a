"""A per-client rate limit for the HTTP API: one token bucket per client address, in process.

Each client may send ``settings.rate_limit_burst`` requests at once; its bucket refills at
``settings.rate_limit_per_minute``. A request that finds the bucket empty is answered ``429``
with ``Retry-After`` (whole seconds until a token is back) and a JSON ``error`` sentence, before
the route runs. The buckets live in this process only: behind a load balancer each replica limits
on its own (see docs/operations.md).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant import phrases
from assistant.settings import Settings

#: Most client buckets kept; past it, full (idle) buckets are forgotten first.
MAX_CLIENTS = 10_000


class TokenBucket:
    """Buckets of `burst` tokens refilled at `rate` tokens per second, one per key."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one token for `key`: 0.0 if allowed, else the seconds until one is back."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > MAX_CLIENTS:
                    self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [
            k
            for k, (t, last) in self._buckets.items()
            if t + (now - last) * self.rate >= self.burst
        ]
        for k in full:
            del self._buckets[k]
        while len(self._buckets) > MAX_CLIENTS:  # all busy: forget the oldest
            del self._buckets[next(iter(self._buckets))]

    def __len__(self) -> int:
        return len(self._buckets)


def client_key(scope: Scope, trust_forwarded_for: bool) -> str:
    if trust_forwarded_for:
        forwarded = Headers(scope=scope).get("x-forwarded-for", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first[:64]
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


#: The chat page's own endpoints (Gradio's queue, run and call routes).
PAGE_API_PREFIX = "/gradio_api/"
#: Methods that only read (pages, scripts, the answer stream the page listens to).
READING = frozenset(["GET", "HEAD", "OPTIONS"])


def does_work(scope: Scope) -> bool:
    """Requests that make the server work or write: every /api/* call but a preflight, and
    every non-reading call to any other route (the chat page's own POST endpoints)."""
    method = scope.get("method", "GET")
    if scope["path"].startswith("/api/"):
        return method != "OPTIONS"
    return method not in READING


class RateLimitMiddleware:
    """Applies the token bucket to the requests that make the server work (see does_work)."""

    def __init__(
        self,
        app: ASGIApp,
        settings: Settings,
        on_limited: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.trust_forwarded_for = settings.trust_forwarded_for
        self.on_limited = on_limited
        self.bucket = (
            TokenBucket(settings.rate_limit_per_minute / 60.0, settings.rate_limit_burst)
            if settings.rate_limit_per_minute > 0
            else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.bucket is None or scope["type"] != "http" or not does_work(scope):
            await self.app(scope, receive, send)
            return
        wait = self.bucket.take(client_key(scope, self.trust_forwarded_for))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        if self.on_limited is not None:
            self.on_limited()
        seconds = max(1, math.ceil(wait))
        response = JSONResponse(
            {"error": phrases.RATE_LIMITED.format(seconds=seconds)},
            429,
            headers={"Retry-After": str(seconds)},
        )
        await response(scope, receive, send)


__all__ = [
    "MAX_CLIENTS",
    "PAGE_API_PREFIX",
    "RateLimitMiddleware",
    "TokenBucket",
    "client_key",
    "does_work",
]
