"""A deadline for receiving a request: a connection whose request (headers and body) has not all
arrived within ``settings.request_deadline_s`` of the connection opening, or of the previous
response on it, is closed. uvicorn has no such timeout (a client trickling its headers held a
connection open indefinitely) and ASGI middleware runs only once the headers are in, so the
deadline lives in the HTTP protocol: uvicorn's own httptools protocol, given to uvicorn through
its ``http`` option. Once a request is in, the deadline is off: a streamed answer takes as long
as it takes.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("assistant.deadline")


class DeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for receiving each request."""

    deadline_s: float = 30.0

    def connection_made(self, transport: Any) -> None:
        self._timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._timer = self.loop.call_later(self.deadline_s, self._expire)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self._timer = None
        if not self.transport.is_closing():
            log.info(
                "closed a connection whose request took over %.0f s to arrive", self.deadline_s
            )
            self.transport.close()

    def on_message_complete(self) -> None:
        self._disarm()  # the request is in: the answer may take its time
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection must arrive in time too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def protocol_with_deadline(seconds: float) -> type[DeadlineProtocol]:
    """The protocol class for uvicorn's ``http`` option, with this deadline."""
    return type("DeadlineProtocol", (DeadlineProtocol,), {"deadline_s": seconds})


__all__ = ["DeadlineProtocol", "protocol_with_deadline"]
