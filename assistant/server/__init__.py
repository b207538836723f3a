"""The HTTP server: one FastAPI app serving the JSON API, the widget script and the chat page.

``create_app(settings)`` returns the app; the Assistant (index + embedding model) is built once
per process in a background thread when the app starts (``assistant.holder``), so ``GET /healthz``
answers 503 until the index is loaded and 200 after. API requests that arrive while it loads wait
for it (up to ``settings.startup_wait_seconds``). Nothing is built at import.

Routes: ``/healthz``, ``/metrics`` (Prometheus), ``/api/ask``, ``/api/ask/stream`` (server-sent
events), ``/api/sections``, ``/api/feedback``, ``/widget.js``, ``/docs`` (Swagger UI, served
locally) and the Gradio chat page at ``/``. One guard covers every route: a Host the server does
not answer to gets 400 (``settings.allowed_hosts``); which other sites may call the API or frame
the page is ``settings.allowed_origins``; each client's rate of requests that make the server
work (``/api/*`` and the chat page's own POST endpoints) is limited (``assistant.limits``, 429
with Retry-After); uploads are refused.
Every answer is counted and logged as one JSON line (``assistant.observability``).

The package, by job: ``app`` (the factory and middleware stack), ``api`` (the /api/* routes),
``schemas`` (their bodies), ``streaming`` (server-sent events), ``errors`` (error responses),
``status`` (/healthz, /metrics), ``assets`` (widget, /docs) and ``serve`` (uvicorn).
"""

from __future__ import annotations

from assistant.holder import AssistantHolder, NotReady, build_assistant
from assistant.server.app import create_app
from assistant.server.serve import run, uvicorn_config

__all__ = [
    "AssistantHolder",
    "NotReady",
    "build_assistant",
    "create_app",
    "run",
    "uvicorn_config",
]
