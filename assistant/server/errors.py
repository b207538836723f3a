"""How a failed request is answered: always JSON ``{"error": one sentence}``, never a traceback.

Invalid bodies are 400 (not JSON) or 422 (naming the first bad field), a question the Assistant
refuses to read is 422, an Assistant still loading is 503 with Retry-After, and anything
unexpected is logged and answered with a 500 that says nothing of the cause.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import phrases
from assistant.errors import InvalidQuestion
from assistant.holder import NotReady

log = logging.getLogger(__name__)


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


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InvalidQuestion, _invalid_question)
    app.add_exception_handler(NotReady, _not_ready)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
