"""The ASGI app of ``proxywatch serve``: HTTP API under ``/api/v1``, server-rendered pages, offline API docs.

:func:`create_app` takes an open :class:`~proxywatch.store.base.Store` (read-only unless ingest is
allowed) and the settings. Handlers parse their parameters, call one importable function of
``proxywatch`` (the same the CLI calls) and render its result: JSON, a file export, or HTML.

Safety: every response carries a Content-Security-Policy without inline scripts or styles
(``script-src 'self'``), ``nosniff``, no framing and no referrer; request bodies are limited;
errors are ``application/problem+json`` under ``/api/`` and an escaped HTML page elsewhere, never a
traceback. DuckDB connections are not thread-safe, so handlers take the store under one lock.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from proxywatch.errors import ParameterError, ProxywatchError
from proxywatch.settings import Settings
from proxywatch.store import Store

__all__ = ["ServeConfig", "Backend", "create_app", "CSP", "API_PREFIX"]

log = logging.getLogger("proxywatch.serve")

API_PREFIX = "/api/v1"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "x-frame-options": "DENY",
            "referrer-policy": "no-referrer", "cross-origin-opener-policy": "same-origin"}


@dataclass
class ServeConfig:
    """What ``proxywatch serve`` was started with."""

    settings: Settings = field(default_factory=Settings)
    kb_files: tuple[Path, ...] = ()
    allow_ingest: bool = False
    token: str | None = None  # bearer token for POST /api/v1/articles (with allow_ingest)
    max_body_bytes: int = 2_000_000
    max_page: int = 500


class Backend:
    """The store (under a lock), and the knowledge base and extractor, loaded on first use."""

    def __init__(self, store: Store, config: ServeConfig) -> None:
        self.store = store
        self.config = config
        self._lock = threading.RLock()
        self._load_lock = threading.Lock()
        self._kb: Any = None
        self._extractor: Any = None
        self._memo: OrderedDict[Any, Any] = OrderedDict()

    def memo(self, key: Any, compute: Callable[[], Any], size: int = 64) -> Any:
        """``compute()``, remembered under ``key`` while the store is unchanged (the last ``size`` answers).

        A read-only store never changes while served; with ``--allow-ingest`` every ingest clears the
        memo (:meth:`changed`).
        """
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
            value = compute()
            self._memo[key] = value
            while len(self._memo) > size:
                self._memo.popitem(last=False)
            return value

    def changed(self) -> None:
        with self._lock:
            self._memo.clear()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self._lock:
            yield self.store

    def kb(self) -> Any:
        with self._load_lock:
            if self._kb is None:
                from proxywatch.resolve.kb import load_kb

                self._kb = load_kb(self.config.kb_files)
            return self._kb

    def extractor(self) -> Any:
        kb = self.kb()
        with self._load_lock:
            if self._extractor is None:
                from proxywatch.extract.model import load_pipeline
                from proxywatch.extract.pipeline import Extractor

                self._extractor = Extractor(load_pipeline(self.config.settings.model), kb)
            return self._extractor

    def token_ok(self, header: str | None) -> bool:
        token = self.config.token
        if not token or not header or not header.startswith("Bearer "):
            return False
        return hmac.compare_digest(header[len("Bearer "):].strip().encode(), token.encode())


class _Limits:
    """ASGI middleware: security headers on every response; request bodies over the limit get 413."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_problem(send, scope, 413, "Request body too large",
                                f"the body may be at most {self.max_body} bytes")
            return
        seen = 0
        too_big = False

        async def counted() -> dict:
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_big = True
                    raise _BodyTooLarge()
            return message

        started = False

        async def secured(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in _HEADERS.items() if k.encode() not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except _BodyTooLarge:
            if not started:
                await _send_problem(send, scope, 413, "Request body too large",
                                    f"the body may be at most {self.max_body} bytes")


class _BodyTooLarge(Exception):
    pass


async def _send_problem(send: Any, scope: dict, status: int, title: str, detail: str) -> None:
    response = problem(status, title, detail, scope.get("path", ""))
    response.headers.update(_HEADERS)
    await response(scope, _no_body, send)


async def _no_body() -> dict:
    return {"type": "http.request", "body": b"", "more_body": False}


def problem(status: int, title: str, detail: str, instance: str = "", **extra: Any) -> JSONResponse:
    """An RFC 9457 problem document."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _warm_up() -> None:
    """Load what the first overview needs (country outlines, the change-point library) before it is asked."""
    try:
        import ruptures  # noqa: F401

        from proxywatch.serve.web.geo import outlines

        outlines()
    except Exception:  # a failed warm-up only means the first page is slower
        log.exception("warm-up failed")


def _static_dir() -> Path:
    return Path(str(resources.files("proxywatch.serve.web") / "static"))


def _swagger_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def templates() -> Jinja2Templates:
    folder = Path(str(resources.files("proxywatch.serve.web") / "templates"))
    env = Jinja2Templates(directory=str(folder))
    env.env.autoescape = True  # every template, whatever its name
    env.env.filters["web_url"] = web_url
    return env


def web_url(url: str | None) -> str | None:
    """An article's URL when it is an http(s) address (a ``javascript:`` or ``data:`` URL is never a link)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def create_app(store: Store, config: ServeConfig | None = None) -> FastAPI:
    """The app over ``store``: API, pages, docs and static assets."""
    import proxywatch
    from proxywatch.serve.web import api, pages

    config = config or ServeConfig()
    backend = Backend(store, config)
    app = FastAPI(
        title="proxywatch API", version=proxywatch.__version__,
        description="Evidence-linked event records from news about armed conflict: events, analysis "
                    "(trend, change points, rate comparison, network), actors, places and claim checks. "
                    "The same functions as the `proxywatch` command line; see docs/serve.md.",
        openapi_url=f"{API_PREFIX}/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.backend = backend
    threading.Thread(target=_warm_up, name="proxywatch-warm-up", daemon=True).start()
    app.state.templates = templates()
    app.include_router(api.router(config))
    app.include_router(pages.router())
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(_static_dir() / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/v1")

    def html_error(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
        return pages.render(request, "error.html", {"status": status, "title": title, "detail": detail}, status)

    @app.exception_handler(ParameterError)
    async def _parameter(request: Request, exc: ParameterError) -> Any:
        if wants_html(request):
            return html_error(request, 422, f"Bad value for {exc.param}", str(exc))
        return problem(422, "Invalid parameter", str(exc), request.url.path, parameter=exc.param)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Any:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body", "header")]
        name = ".".join(loc) or "body"
        detail = f"{name}: {first.get('msg', 'invalid value')}"
        if wants_html(request):
            return html_error(request, 422, f"Bad value for {name}", detail)
        errors = [{"parameter": ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body")),
                   "message": e.get("msg")} for e in exc.errors()]
        return problem(422, "Invalid parameter", detail, request.url.path, parameter=name, errors=errors)

    @app.exception_handler(ProxywatchError)
    async def _proxywatch(request: Request, exc: ProxywatchError) -> Any:
        if wants_html(request):
            return html_error(request, 422, "Cannot answer that", str(exc))
        return problem(422, "Cannot answer that", str(exc), request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Any:
        title = {404: "Not found", 401: "Not authorised", 405: "Method not allowed", 413: "Request body too large"}
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if wants_html(request):
            return html_error(request, exc.status_code, title.get(exc.status_code, "Error"), detail)
        response = problem(exc.status_code, title.get(exc.status_code, "Error"), detail, request.url.path)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Any:
        log.exception("unhandled error on %s", request.url.path)
        detail = "the server could not answer; the error is in its log"
        if wants_html(request):
            return html_error(request, 500, "Internal error", detail)
        return problem(500, "Internal error", detail, request.url.path)

    return _Limits(app, config.max_body_bytes)  # type: ignore[return-value]
