"""The guard in front of every route, and the chat page's errors in the API's shape.

``SecurityHeadersMiddleware``: the security headers on every response, preflights included.

``GuardMiddleware``: a Host the server does not answer to
gets 400 (against DNS rebinding); every request that makes the server work (``/api/*`` and the
chat page's own POST endpoints, see ``assistant.limits.does_work``) is checked for its origin
(403) and its size (413) before a route sees it; uploads are refused (403).

``PageErrorMiddleware``: the chat page's own routes (Gradio's) answer malformed requests with a
plain-text 500, or fail after their answer started; here such a request gets the documented
JSON error with 422, and the exception stays in the server log.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant import phrases
from assistant.limits import PAGE_API_PREFIX, does_work
from assistant.settings import Settings

log = logging.getLogger("assistant.guard")


def frame_ancestors(settings: Settings) -> str:
    return " ".join(["'self'", *settings.allowed_origins])


class SecurityHeadersMiddleware:
    """The security headers on every response, preflights and refusals included."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", f"frame-ancestors {frame_ancestors(settings)}".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class GuardMiddleware:
    """One guard for every route: refuses a Host
    the server does not answer to (400, against DNS rebinding); for every request that makes
    the server work (/api/*, and the chat page's own POST endpoints) refuses foreign origins
    (403) and bodies larger than settings.limits.max_request_bytes (413) before the route sees them;
    refuses uploads (403), which the chat page does not need."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.allowed = set(settings.allowed_origins)
        self.limit = settings.limits.max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def refuse(status: int, error: str) -> None:
            await JSONResponse({"error": error}, status)(scope, receive, send)

        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not self.settings.host_allowed(host):
            await refuse(400, phrases.HOST_NOT_ALLOWED.format(host=host[:100]))
            return
        if not does_work(scope):
            await self.app(scope, receive, send)
            return
        origin = headers.get("origin")
        if origin and origin not in self.allowed and urlsplit(origin).netloc != host:
            await refuse(403, phrases.ORIGIN_NOT_ALLOWED.format(origin=origin[:200]))
            return
        if scope["path"].startswith(PAGE_API_PREFIX) and "/upload" in scope["path"]:
            await refuse(403, phrases.UPLOADS_OFF)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            await refuse(413, phrases.BODY_TOO_LARGE.format(limit=self.limit))
            return
        received = 0

        async def limited_receive() -> Message:
            # Raised inside the route's body parsing; FastAPI passes HTTPExceptions through,
            # and the handler below turns it into the JSON 413.
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise StarletteHTTPException(413, phrases.BODY_TOO_LARGE.format(limit=self.limit))
            return message

        await self.app(scope, limited_receive, send)


class PageErrorMiddleware:
    """A 5xx from the chat page's own routes becomes a JSON 422 with one sentence."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PAGE_API_PREFIX):
            await self.app(scope, receive, send)
            return
        failed: Message | None = None  # the start of a 5xx, held back until its body is in
        chunks: list[bytes] = []
        started = False

        async def send_or_replace(message: Message) -> None:
            nonlocal failed, started
            if message["type"] == "http.response.start":
                started = True
                if message["status"] >= 500:
                    failed = message
                    return
            if failed is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await JSONResponse({"error": _sentence(b"".join(chunks))}, 422)(
                    scope, receive, send
                )

        try:
            await self.app(scope, receive, send_or_replace)
        except Exception:
            log.exception("the chat page's route %s failed", scope["path"])
            if not started:
                await JSONResponse({"error": phrases.PAGE_REQUEST_FAILED}, 422)(
                    scope, receive, send
                )
                return
            # The answer had begun (an event stream, e.g. queue/data for an unknown session):
            # end it with an error event instead of cutting the connection.
            error = json.dumps({"error": phrases.PAGE_REQUEST_FAILED})
            end = f"event: error\ndata: {error}\n\n".encode()
            await send({"type": "http.response.body", "body": end, "more_body": False})


def _sentence(body: bytes) -> str:
    """The error sentence of a failed page request: the route's own when it gave one as JSON
    ("Please type a question…"), else the general one."""
    try:
        error = json.loads(body).get("error")
    except (ValueError, AttributeError):
        error = None
    return error if isinstance(error, str) and error.strip() else phrases.PAGE_REQUEST_FAILED


__all__ = [
    "GuardMiddleware",
    "PageErrorMiddleware",
    "SecurityHeadersMiddleware",
    "frame_ancestors",
]
