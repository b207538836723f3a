"""Serving the app with uvicorn: ``assistant serve`` and ``python app.py`` call ``run``."""

from __future__ import annotations

from typing import Any

from assistant.observability import configure_answer_log
from assistant.redaction import redact_output
from assistant.server.app import create_app
from assistant.settings import Settings


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
