"""The files the server serves as they are: the widget script, the API reference page (Swagger
UI) and its vendored assets. All local: the pages load nothing from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from assistant import phrases

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def assets_router(openapi_url: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/widget.js")
    def widget() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "widget.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @router.get("/docs")
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{phrases.APP_TITLE} - API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png",
        )

    return router


def mount_vendor(app: FastAPI) -> None:
    app.mount("/vendor", StaticFiles(directory=STATIC_DIR / "vendor"), name="vendor")
