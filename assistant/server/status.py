"""What an operator polls: ``/healthz`` (200 once the index is loaded, else 503 with the status
and any load error) and ``/metrics`` (Prometheus text, ``assistant.observability``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from assistant.holder import AssistantHolder, NotReady
from assistant.observability import METRICS_CONTENT_TYPE, Metrics
from assistant.settings import Settings


def status_router(holder: AssistantHolder, metrics: Metrics, settings: Settings) -> APIRouter:
    router = APIRouter(tags=["status"])

    @router.get("/healthz", summary="200 once the index is loaded, else 503")
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

    @router.get("/metrics", summary="Prometheus metrics (text exposition format)")
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

    return router
