"""The HTTP server: one FastAPI app serving the JSON API, the widget script and the chat page.

``create_app(settings)`` returns the app; the Assistant (index + embedding model) is built once
per process in a background thread when the app starts, so ``GET /healthz`` answers 503 until the
index is loaded and 200 after. API requests that arrive while it loads wait for it (up to
``settings.startup_wait_seconds``). Nothing is built at import.

Routes: ``/healthz``, ``/metrics`` (Prometheus), ``/api/ask``, ``/api/ask/stream`` (server-sent
events), ``/api/sections``, ``/api/feedback``, ``/widget.js``, ``/docs`` (Swagger UI, served
locally) and the Gradio chat page at ``/``. One guard covers every route: a Host the server does
not answer to gets 400 (``settings.allowed_hosts``); which other sites may call the API or frame
the page is ``settings.allowed_origins``; each client's rate of requests that make the server
work (``/api/*`` and the chat page's own POST endpoints) is limited (``assistant.limits``, 429
with Retry-After); uploads are refused.
Every answer is counted and logged as one JSON line (``assistant.observability``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StrictStr
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from assistant import phrases
from assistant.db import Database
from assistant.errors import AssistantError, InvalidQuestion
from assistant.feedback import Feedback, FeedbackStore
from assistant.guard import GuardMiddleware, PageErrorMiddleware, SecurityHeadersMiddleware
from assistant.holder import AssistantHolder, NotReady, build_assistant
from assistant.insights_page import embed_questions, insights_router
from assistant.limits import RateLimitMiddleware
from assistant.observability import (
    METRICS_CONTENT_TYPE,
    Metrics,
    MetricsMiddleware,
    ObservedAssistant,
    configure_answer_log,
)
from assistant.questionlog import OutcomeMetrics, QuestionLog, RecordedAssistant
from assistant.redaction import redact_output
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant

log = logging.getLogger(__name__)
console = logging.getLogger("uvicorn.error")  # shown next to uvicorn's own start-up lines

STATIC_DIR = Path(__file__).resolve().parent / "static"
API_PREFIX = "/api/"


# --- request and response bodies (also the /docs schema) -----------------------------------------
class HistoryMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["user", "assistant"] = Field(description="Who said it.")
    content: StrictStr = Field(description="What was said, as plain text.")


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "Which certifications are useful for an MLOps engineer?"},
                {
                    "question": "Which of them is for Azure?",
                    "history": [
                        {"role": "user", "content": "Which cloud certifications are useful?"},
                        {"role": "assistant", "content": "..."},
                    ],
                },
            ]
        },
    )
    question: StrictStr = Field(description="The question, plain text.")
    history: list[HistoryMessage] | None = Field(
        None, description="Earlier turns of the conversation, oldest first (optional)."
    )


class Citation(BaseModel):
    n: int = Field(description="The number [n] used in the answer text.")
    section: str = Field(description="The guide's heading path, joined with ' > '.")
    section_id: str
    quote: str = Field(description="The guide's words, verbatim.")
    score: float


class AnswerOut(BaseModel):
    """The same JSON as `assistant ask --json`."""

    model_config = ConfigDict(extra="allow")
    question: str
    answer: str = Field(description="The answer text; [n] refers to citations[n-1].")
    refused: bool = Field(description="True when the guide does not cover the question.")
    citations: list[Citation]
    guide_version: str
    latency_ms: float
    backend: str
    nearest_sections: list[str] | None = Field(None, description="Only when refused.")
    notices: list[str] | None = None


class SectionOut(BaseModel):
    id: str
    heading: str = Field(description="The heading path joined with ' > '.")
    path: list[str]
    title: str


class SectionsOut(BaseModel):
    guide_version: str
    sections: list[SectionOut]


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "rating": "up",
                    "question": "Which certifications are useful?",
                    "answer": "AWS Certified Machine Learning - Specialty [1] ...",
                    "citations": [],
                    "comment": "Exactly what I needed.",
                }
            ]
        },
    )
    rating: Literal["up", "down"]
    question: StrictStr = Field(max_length=20000)
    answer: StrictStr = Field(max_length=100000)
    citations: list[dict[str, Any]] = Field(
        default_factory=list, description="The citations of the rated answer, as returned."
    )
    comment: StrictStr | None = Field(None, description="Optional free text.")
    guide_version: StrictStr | None = Field(
        None, description="The guide version of the answer; the server's when omitted."
    )


class FeedbackOut(BaseModel):
    id: int
    stored: bool = True


class ErrorOut(BaseModel):
    error: str = Field(description="One sentence saying what is wrong and what to do.")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not valid JSON."},
    403: {"model": ErrorOut, "description": "The request's Origin is not allowed."},
    413: {"model": ErrorOut, "description": "The body is too large."},
    422: {"model": ErrorOut, "description": "The question, history or a field is not valid."},
    503: {"model": ErrorOut, "description": "The index is still loading, or failed to load."},
}


# --- origins, security headers and body limit ----------------------------------------------------
def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [p for p in loc if p != "body"]
    if not parts:
        return "the request body"
    name = str(parts[0])
    for p in parts[1:]:
        name += f"[{p}]" if isinstance(p, int) else f".{p}"
    return name


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    for err in errors:
        if err.get("type") == "json_invalid":
            reason = str(err.get("ctx", {}).get("error", "cannot parse it"))
            return JSONResponse({"error": phrases.BAD_JSON.format(reason=reason)}, 400)
        if tuple(err.get("loc", ())) == ("body",) and err.get("type") != "missing":
            return JSONResponse({"error": phrases.NOT_AN_OBJECT}, 422)
    fields = [
        {"field": _field_name(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
        for e in errors
    ]
    first = fields[0] if fields else {"field": "the request body", "message": "is not valid"}
    message = phrases.BAD_FIELD.format(field=first["field"], message=first["message"].rstrip("."))
    return JSONResponse({"error": message, "errors": fields}, 422)


async def _invalid_question(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, 422)


async def _not_ready(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, 503, headers={"Retry-After": "5"})


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = str(exc.detail)
    if exc.status_code == 400 and detail.startswith("There was an error parsing the body"):
        # FastAPI's words for a body that is not UTF-8 text or nests too deep to parse.
        detail = phrases.BODY_UNREADABLE
    return JSONResponse({"error": detail}, exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("Unexpected error on %s", request.url.path, exc_info=exc)
    return JSONResponse({"error": phrases.INTERNAL_ERROR}, 500)


# --- the app ------------------------------------------------------------------------------------
def create_app(
    settings: Settings | None = None,
    assistant: Assistant | None = None,
    *,
    factory: Callable[[Settings], Assistant] = build_assistant,
    with_ui: bool = True,
) -> FastAPI:
    """The whole server. Pass `assistant` to serve an already built one (tests, notebooks);
    otherwise one is built from `settings` by `factory` when the app starts."""
    if settings is None:
        settings = assistant.settings if assistant is not None else Settings()
    metrics = Metrics()
    # One database for feedback and the question log (SQLite in data_dir, or DATABASE_URL).
    database = Database.from_settings(settings)
    questions = (
        QuestionLog(database, settings.question_log_retention_days)
        if settings.question_log
        else None
    )
    outcomes = OutcomeMetrics(metrics.registry)
    holder = AssistantHolder(
        settings,
        assistant,
        factory,
        wrap=lambda a: RecordedAssistant(
            ObservedAssistant(a, metrics, log=settings.answer_log), outcomes, questions
        ),
    )
    store = FeedbackStore(database, on_add=metrics.record_feedback)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        holder.start()
        yield

    app = FastAPI(
        title=phrases.APP_TITLE,
        summary="Answers questions about the MLOps Engineer career guide, citing it verbatim.",
        version="1",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.holder = holder
    app.state.feedback = store
    app.state.settings = settings
    app.state.metrics = metrics

    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InvalidQuestion, _invalid_question)
    app.add_exception_handler(NotReady, _not_ready)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)

    # Outermost last: metrics see every response; every response gets the security headers;
    # CORS answers preflights and grants only the allowlisted origins; the guard refuses foreign
    # hosts and origins, big bodies and uploads; then the rate limit; innermost, the chat page's
    # 5xx become JSON 422s.
    app.add_middleware(PageErrorMiddleware)
    app.add_middleware(RateLimitMiddleware, settings=settings, on_limited=metrics.rate_limited.inc)
    app.add_middleware(GuardMiddleware, settings=settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.allowed_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    @app.get("/healthz", tags=["status"], summary="200 once the index is loaded, else 503")
    def healthz() -> JSONResponse:
        status = holder.status
        if status != "ok":
            body: dict[str, Any] = {"status": status}
            if status == "error":
                try:
                    holder.get()
                except NotReady as exc:
                    body["error"] = str(exc)
            return JSONResponse(body, 503)
        a = holder.get()
        return JSONResponse(
            {"status": "ok", "guide_version": a.guide_version, "sections": len(a.sections())}
        )

    @app.get("/metrics", tags=["status"], summary="Prometheus metrics (text exposition format)")
    def prometheus_metrics() -> Response:
        ready = holder.status == "ok"
        metrics.ready.set(1 if ready else 0)
        if ready:
            metrics.set_index(
                holder.get().guide_version,
                settings.backend,
                "server" if settings.chroma_url else "embedded",
            )
        return Response(metrics.render(), media_type=METRICS_CONTENT_TYPE)

    @app.post(
        "/api/ask",
        tags=["api"],
        summary="Answer a question, with citations",
        response_model=AnswerOut,
        responses=ERRORS,
    )
    async def ask(body: AskRequest) -> JSONResponse:
        history = _history(body)
        a = await run_in_threadpool(holder.wait)
        answer = await run_in_threadpool(a.ask, body.question, history)
        return JSONResponse(answer.to_dict())

    @app.post(
        "/api/ask/stream",
        tags=["api"],
        summary="Answer a question as server-sent events",
        description='Events: `delta` (JSON `{"text": piece}`) while the answer is written, '
        "then one `answer` event whose data is the full answer JSON with its `citations` (the "
        'same as /api/ask). An `error` event (`{"error": sentence}`) ends a failed stream.',
        responses={
            200: {"content": {"text/event-stream": {}}, "description": "The event stream."},
            **ERRORS,
        },
    )
    async def ask_stream(body: AskRequest) -> EventSourceResponse:
        history = _history(body)
        a = await run_in_threadpool(holder.wait)
        events = a.stream(body.question, history)
        # Take the first event before answering 200, so a bad question is a 422, not a stream.
        first = await run_in_threadpool(_next, events)
        return EventSourceResponse(_sse(first, events), ping=15)

    @app.get(
        "/api/sections",
        tags=["api"],
        summary="The guide's table of contents",
        response_model=SectionsOut,
        responses=ERRORS,
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

    @app.post(
        "/api/feedback",
        tags=["api"],
        summary="Store a thumbs up/down on an answer",
        status_code=201,
        response_model=FeedbackOut,
        responses=ERRORS,
    )
    async def feedback(body: FeedbackRequest) -> dict[str, Any]:
        comment = (body.comment or "").strip() or None
        if comment and len(comment) > settings.max_comment_chars:
            raise StarletteHTTPException(
                422,
                phrases.BAD_FIELD.format(
                    field="comment",
                    message=f"is {len(comment)} characters long, at most "
                    f"{settings.max_comment_chars} are accepted",
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
                raise StarletteHTTPException(
                    422, phrases.BAD_FIELD.format(field=name, message=message)
                )
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

    api_methods = {
        r.path: sorted(r.methods or ())
        for r in app.routes
        if isinstance(r, APIRoute) and r.path.startswith(API_PREFIX)
    }

    @app.api_route(
        "/api/{rest:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"],
        include_in_schema=False,
    )
    def api_not_found(request: Request) -> JSONResponse:
        # Without this, /api/* paths that match no route would fall through to the chat page.
        allowed = api_methods.get(request.url.path)
        if allowed:
            error = f"Use {' or '.join(allowed)} for {request.url.path}."
            return JSONResponse({"error": error}, 405, headers={"Allow": ", ".join(allowed)})
        return JSONResponse({"error": f"There is no API endpoint {request.url.path}."}, 404)

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "widget.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{phrases.APP_TITLE} - API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png",
        )

    app.include_router(insights_router(settings, database, lambda: embed_questions(settings)))
    app.mount("/vendor", StaticFiles(directory=STATIC_DIR / "vendor"), name="vendor")
    from assistant import sections_page  # the section view a citation links to (before "/")

    app.include_router(sections_page.router(holder))

    if with_ui:
        import gradio as gr

        from assistant.ui import THEME_CSS, build_ui

        blocks = build_ui(holder, store, settings)
        gr.mount_gradio_app(
            app,
            blocks,
            path="/",
            footer_links=["api"],
            run_history=False,
            ssr_mode=False,
            theme=gr.themes.Default(),
            css=THEME_CSS,
        )
    return app


def _history(body: AskRequest) -> list[dict[str, Any]] | None:
    """The history as dicts; first refuses text that cannot be encoded (lone surrogates such as
    a JSON "\\ud800"), which would otherwise fail only when the answer is written out."""
    texts = [body.question] + [m.content for m in body.history or ()]
    if any(not _encodable(t) for t in texts):
        raise InvalidQuestion(phrases.BAD_CHARACTERS)
    if body.history is None:
        return None
    return [m.model_dump() for m in body.history]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_END = object()


def _next(events: Iterator[tuple[str, Any]]) -> Any:
    return next(events, _END)


async def _sse(first: Any, events: Iterator[tuple[str, Any]]) -> AsyncIterator[ServerSentEvent]:
    def chain() -> Iterator[tuple[str, Any]]:
        if first is not _END:
            yield first
            yield from events

    try:
        async for kind, value in iterate_in_threadpool(chain()):
            if kind == "delta":
                yield ServerSentEvent(
                    json.dumps({"text": value}, ensure_ascii=False), event="delta"
                )
            elif kind == "answer":
                data = json.dumps(value.to_dict(), ensure_ascii=False)
                yield ServerSentEvent(data, event="answer")
    except AssistantError as exc:
        yield ServerSentEvent(json.dumps({"error": str(exc)}), event="error")
    except Exception:
        log.exception("The answer stream failed")
        yield ServerSentEvent(json.dumps({"error": phrases.INTERNAL_ERROR}), event="error")


def uvicorn_config(app: Any, settings: Settings, **options: Any) -> Any:
    """uvicorn's Config for the app: X-Forwarded-For is believed only when
    settings.trust_forwarded_for is on, and then only from settings.forwarded_allow_ips (by
    default uvicorn believes it from loopback, which let any local client reset its rate limit);
    at most settings.max_connections connections at once; a request must arrive whole within
    settings.request_deadline_s (assistant/deadline.py)."""
    import uvicorn

    options.setdefault("host", settings.host)
    options.setdefault("port", settings.port)
    from assistant.deadline import protocol_with_deadline

    return uvicorn.Config(
        app,
        http=protocol_with_deadline(settings.request_deadline_s),
        proxy_headers=settings.trust_forwarded_for,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        limit_concurrency=settings.max_connections,
        **options,
    )


def run(settings: Settings | None = None, host: str | None = None, port: int | None = None) -> None:
    """Serve the app with uvicorn (what `assistant serve` and `python app.py` call)."""
    import uvicorn

    redact_output()  # what libraries print (tracebacks with the request's inputs) is redacted
    settings = settings or Settings()
    served = {"host": host or settings.host, "port": port or settings.port}
    settings = settings.model_copy(update=served)  # the Host check knows the bound host
    if settings.answer_log:
        configure_answer_log()
    config = uvicorn_config(
        create_app(settings), settings, log_level="info", timeout_graceful_shutdown=5
    )
    uvicorn.Server(config).run()


__all__ = [
    "AssistantHolder",
    "NotReady",
    "build_assistant",
    "create_app",
    "run",
    "uvicorn_config",
]
