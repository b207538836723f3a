"""The app factory: ``create_app(settings)`` assembles the FastAPI app from the server's parts.

The parts, outermost first: the middleware stack (metrics, security headers, CORS, the guard,
the rate limit, the chat page's error mapping), the error handlers (``errors``), then the routes
in the order they match: ``status`` (/healthz, /metrics), ``api`` (/api/*, with a JSON 404 for
any other /api/ path), ``assets`` (/widget.js, /docs, /vendor), the insights page, the section
view and, last, the Gradio chat page at ``/`` (``assistant.ui``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from assistant import phrases, sections_page
from assistant.db import Database
from assistant.feedback import FeedbackStore
from assistant.guard import GuardMiddleware, PageErrorMiddleware, SecurityHeadersMiddleware
from assistant.holder import AssistantHolder, build_assistant
from assistant.insights_page import embed_questions, insights_router
from assistant.limits import RateLimitMiddleware
from assistant.observability import Metrics, MetricsMiddleware, ObservedAssistant
from assistant.questionlog import OutcomeMetrics, QuestionLog, RecordedAssistant
from assistant.server.api import api_router
from assistant.server.assets import assets_router, mount_vendor
from assistant.server.errors import add_error_handlers
from assistant.server.status import status_router
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant


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
    add_error_handlers(app)
    _add_middleware(app, settings, metrics)

    app.include_router(status_router(holder, metrics, settings))
    app.include_router(api_router(holder, store, settings))
    app.include_router(assets_router(app.openapi_url or "/openapi.json"))
    app.include_router(insights_router(settings, database, lambda: embed_questions(settings)))
    mount_vendor(app)
    app.include_router(sections_page.router(holder))  # the section view; before the page at "/"
    if with_ui:
        _mount_chat_page(app, holder, store, settings)
    return app


def _add_middleware(app: FastAPI, settings: Settings, metrics: Metrics) -> None:
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


def _mount_chat_page(
    app: FastAPI, holder: AssistantHolder, store: FeedbackStore, settings: Settings
) -> None:
    import gradio as gr  # only here: the API alone loads no Gradio

    from assistant.ui import THEME_CSS, build_ui

    gr.mount_gradio_app(
        app,
        build_ui(holder, store, settings),
        path="/",
        footer_links=["api"],
        run_history=False,
        ssr_mode=False,
        theme=gr.themes.Default(),
        css=THEME_CSS,
    )
