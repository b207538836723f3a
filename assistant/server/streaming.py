"""``/api/ask/stream``'s server-sent events, from the Assistant's stream of events.

The first event is taken before the response starts (``first_event``), so a question the
Assistant refuses to read is a plain 422, not a stream. Then each ``Delta`` becomes a ``delta``
event (``{"text": piece}``) and the ``Final`` answer one ``answer`` event (the answer JSON); a
failure after the stream began ends it with an ``error`` event (``{"error": sentence}``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator

from sse_starlette import ServerSentEvent
from starlette.concurrency import iterate_in_threadpool

from assistant import phrases
from assistant.errors import AssistantError
from assistant.schema import Delta, Final, StreamEvent

log = logging.getLogger(__name__)


def first_event(events: Iterator[StreamEvent]) -> StreamEvent | None:
    """The stream's first event, or None for an empty stream (raises what the Assistant raises)."""
    return next(events, None)


async def sse(
    first: StreamEvent | None, events: Iterator[StreamEvent]
) -> AsyncIterator[ServerSentEvent]:
    def chain() -> Iterator[StreamEvent]:
        if first is not None:
            yield first
            yield from events

    try:
        async for event in iterate_in_threadpool(chain()):
            if isinstance(event, Delta):
                text = json.dumps({"text": event.text}, ensure_ascii=False)
                yield ServerSentEvent(text, event="delta")
            elif isinstance(event, Final):
                data = json.dumps(event.answer.to_dict(), ensure_ascii=False)
                yield ServerSentEvent(data, event="answer")
    except AssistantError as exc:
        yield ServerSentEvent(json.dumps({"error": str(exc)}), event="error")
    except Exception:
        log.exception("The answer stream failed")
        yield ServerSentEvent(json.dumps({"error": phrases.INTERNAL_ERROR}), event="error")
