"""The JSON API under ``/api/``: ask (whole or streamed), the table of contents, and feedback.

Every route waits for the Assistant while it loads (``AssistantHolder.wait``) and runs the
blocking work in a worker thread. Text that cannot be encoded as UTF-8 (a lone surrogate such as
a JSON ``"\\ud800"``) is refused with a 422 before it reaches the Assistant or the store.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import phrases
from assistant.errors import InvalidQuestion
from assistant.feedback import Feedback, FeedbackStore
from assistant.holder import AssistantHolder
from assistant.schema import AnswerJSON
from assistant.server.schemas import (
    ERRORS,
    AskRequest,
    FeedbackOut,
    FeedbackRequest,
    SectionsOut,
)
from assistant.server.streaming import first_event, sse
from assistant.settings import Settings

API_PREFIX = "/api/"

STREAM_DESCRIPTION = (
    'Events: `delta` (JSON `{"text": piece}`) while the answer is written, '
    "then one `answer` event whose data is the full answer JSON with its `citations` (the "
    'same as /api/ask). An `error` event (`{"error": sentence}`) ends a failed stream.'
)


def api_router(holder: AssistantHolder, store: FeedbackStore, settings: Settings) -> APIRouter:
    router = APIRouter(tags=["api"], responses=ERRORS)
    _add_ask(router, holder)
    _add_sections(router, holder)
    _add_feedback(router, holder, store, settings.limits.max_comment_chars)
    _add_not_found(router)
    return router


def _add_ask(router: APIRouter, holder: AssistantHolder) -> None:
    """POST /api/ask (the whole answer) and /api/ask/stream (server-sent events)."""

    @router.post("/api/ask", summary="Answer a question, with citations", response_model=AnswerJSON)
    async def ask(body: AskRequest) -> JSONResponse:
        history = _history(body)
        a = await run_in_threadpool(holder.wait)
        answer = await run_in_threadpool(a.ask, body.question, history)
        return JSONResponse(answer.to_dict())

    @router.post(
        "/api/ask/stream",
        summary="Answer a question as server-sent events",
        description=STREAM_DESCRIPTION,
        responses={200: {"content": {"text/event-stream": {}}, "description": "The event stream."}},
    )
    async def ask_stream(body: AskRequest) -> EventSourceResponse:
        history = _history(body)
        a = await run_in_threadpool(holder.wait)
        events = a.stream(body.question, history)
        # Take the first event before answering 200, so a bad question is a 422, not a stream.
        first = await run_in_threadpool(first_event, events)
        return EventSourceResponse(sse(first, events), ping=15)


def _add_sections(router: APIRouter, holder: AssistantHolder) -> None:
    """GET /api/sections: the guide's table of contents."""

    @router.get(
        "/api/sections", summary="The guide's table of contents", response_model=SectionsOut
    )
    async def sections() -> dict[str, Any]:
        a = await run_in_threadpool(holder.wait)
        return {
            "guide_version": a.guide_version,
            "sections": [
                {"id": s.id, "heading": s.heading, "path": list(s.path), "title": s.title}
                for s in a.sections()
            ],
        }


def _add_feedback(
    router: APIRouter, holder: AssistantHolder, store: FeedbackStore, max_comment_chars: int
) -> None:
    """POST /api/feedback: a thumbs up/down on an answer, stored."""

    @router.post(
        "/api/feedback",
        summary="Store a thumbs up/down on an answer",
        status_code=201,
        response_model=FeedbackOut,
    )
    async def feedback(body: FeedbackRequest) -> dict[str, Any]:
        comment = _checked_comment(body, max_comment_chars)
        version = body.guide_version
        if version is None:
            version = (await run_in_threadpool(holder.wait)).guide_version
        item = Feedback(
            rating=body.rating,
            question=body.question,
            answer=body.answer,
            citations=body.citations,
            comment=comment,
            guide_version=version,
            channel="api",
        )
        return {"id": await run_in_threadpool(store.add, item), "stored": True}


def _add_not_found(router: APIRouter) -> None:
    """Answer /api/* paths that match no route with a JSON 404 (or a 405 naming the methods),
    instead of letting them fall through to the chat page. Added after the API's routes."""
    api_methods = {
        r.path: sorted(r.methods or ())
        for r in router.routes
        if isinstance(r, APIRoute) and r.path.startswith(API_PREFIX)
    }

    @router.api_route(
        "/api/{rest:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"],
        include_in_schema=False,
    )
    def api_not_found(request: Request) -> JSONResponse:
        allowed = api_methods.get(request.url.path)
        if allowed:
            error = f"Use {' or '.join(allowed)} for {request.url.path}."
            return JSONResponse({"error": error}, 405, headers={"Allow": ", ".join(allowed)})
        return JSONResponse({"error": f"There is no API endpoint {request.url.path}."}, 404)


def _history(body: AskRequest) -> list[dict[str, Any]] | None:
    """The history as dicts; first refuses text that cannot be encoded (lone surrogates such as
    a JSON "\\ud800"), which would otherwise fail only when the answer is written out."""
    texts = [body.question] + [m.content for m in body.history or ()]
    if any(not _encodable(t) for t in texts):
        raise InvalidQuestion(phrases.BAD_CHARACTERS)
    if body.history is None:
        return None
    return [m.model_dump() for m in body.history]


def _checked_comment(body: FeedbackRequest, max_chars: int) -> str | None:
    """The feedback's comment, stripped (None when empty); a 422 for a comment over `max_chars`
    or any field that is not valid text."""
    comment = (body.comment or "").strip() or None
    if comment and len(comment) > max_chars:
        raise StarletteHTTPException(
            422,
            phrases.BAD_FIELD.format(
                field="comment",
                message=f"is {len(comment)} characters long, at most {max_chars} are accepted",
            ),
        )
    for name, text in (
        ("question", body.question),
        ("answer", body.answer),
        ("comment", comment or ""),
        ("guide_version", body.guide_version or ""),
        ("citations", json.dumps(body.citations, ensure_ascii=False)),
    ):
        if not _encodable(text):
            message = "contains characters that are not valid text (lone surrogates)"
            raise StarletteHTTPException(422, phrases.BAD_FIELD.format(field=name, message=message))
    return comment


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
