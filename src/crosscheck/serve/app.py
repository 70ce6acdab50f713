"""The app factory: routes, templates, static files, guards and error pages."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from crosscheck import __version__
from crosscheck.errors import StoreBusyError, StoryNotFoundError
from crosscheck.serve.config import ServeConfig
from crosscheck.serve.cache import CacheMiddleware, ResponseCache
from crosscheck.serve.db import ReadPool
from crosscheck.serve.security import SecurityMiddleware
from crosscheck.serve.uploads import UploadError
from crosscheck.serve.views import NotFound
from crosscheck.store.moves import StoryMove

_HERE = Path(__file__).parent
CONFIG_ENV = "CROSSCHECK_SERVE_CONFIG"  # ServeConfig as JSON, for the server's processes
T = TypeVar("T")


def templates() -> Environment:
    # autoescape=True for every template: article text is untrusted HTML, and no template
    # marks anything article-derived |safe.
    # auto_reload off: the templates ship with the package and never change while serving,
    # and checking them cost three file stats a page.
    env = Environment(loader=PackageLoader("crosscheck", "serve/templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      auto_reload=False)
    env.globals["version"] = __version__
    return env


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    config: ServeConfig = request.app.state.config
    html = env.get_template(name).render(allow_ingest=config.allow_ingest, **values)
    return HTMLResponse(html, status_code=status)


def reading(request: Request) -> AbstractContextManager[sqlite3.Connection]:
    """A pooled read-only connection, for a route to hold while it queries.

    Taken in the route's body rather than through a FastAPI dependency: a generator
    dependency costs an exit stack per request, a tenth of a cached-miss story page."""
    pool: ReadPool = request.app.state.pool
    return pool.connection()


async def in_thread(request: Request, query: Callable[[], T]) -> T:
    """Run ``query`` (a function that reads the database) in a worker thread.

    For the queries that can walk thousands of rows (a full-text search, a count over the
    filtered stories): SQLite lets go of the GIL while it works, so such a query runs on
    another core while the event loop goes on answering, where on the loop it held up every
    other request for tens of milliseconds. At most one a core at once: more would only share
    the same cores and finish all of them later. The story and article
    pages stay on the loop: their queries are a few index look-ups, cheaper than the hand-off
    to a thread."""
    state = request.app.state
    if getattr(state, "query_limiter", None) is None:  # made in the loop that uses it
        state.query_limiter = anyio.CapacityLimiter(os.cpu_count() or 1)
    return await anyio.to_thread.run_sync(query, limiter=state.query_limiter)


def story_moved(request: Request, base: str, move: StoryMove) -> Response:
    """A permanent redirect (308) from a story id merged away to the live story at ``base``
    + its id: pages and API alike, so a client that follows redirects gets the live story's
    own document at its own URL, never one story's record under another's id.

    ``no-cache``: browsers keep permanent redirects forever otherwise, and the old id can come
    back (a later split may re-create it), so they must ask again. The API's body says what
    happened to a client that does not follow redirects."""
    headers = {"cache-control": "no-cache"}
    location = base + move.new_id
    if _wants_json(request):
        return JSONResponse({"detail": move.describe(), **move.record()}, status_code=308,
                            headers={**headers, "location": location})
    return RedirectResponse(location, status_code=308, headers=headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html.j2", status=status, status_code=status, message=message)


def _validation_message(exc: RequestValidationError) -> str:
    # "since: ..." rather than FastAPI's nested list: a 400 names the field and the problem.
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "bad request: " + "; ".join(parts)


def _add_error_handlers(app: FastAPI) -> None:
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, str(exc))

    async def bad_request(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 400, _validation_message(exc))

    async def busy(request: Request, exc: Exception) -> Response:
        return _error(request, 409, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404 and exc.detail == "Not Found":
            return _error(request, 404, f"no page at {request.url.path}: start from the "
                                        "story list at /")
        response = _error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    app.add_exception_handler(StoryNotFoundError, not_found)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(UploadError, bad_request)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StoreBusyError, busy)
    app.add_exception_handler(StarletteHTTPException, http_error)


def create_app(config: ServeConfig) -> FastAPI:
    from crosscheck.serve import api, pages

    pool = ReadPool(config.db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(title="crosscheck", version=__version__, lifespan=lifespan,
                  description="Stories, claims and conflicts of a crosscheck corpus database.",
                  # FastAPI's own docs pages load their scripts from a CDN; this tool is
                  # offline, so /api/docs is rendered here from the OpenAPI document.
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.config = config
    app.state.templates = templates()
    app.state.pool = pool
    app.state.query_limiter = None
    app.state.cache = ResponseCache(config.cache_mb * 2**20) if config.cache_mb else None
    app.include_router(pages.router)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    _add_error_handlers(app)

    def limit_for(path: str) -> int:
        if path == "/api/ingest":
            return config.max_ingest_bytes
        if path in ("/compare", "/api/compare"):
            return config.max_compare_bytes
        return 64 * 1024  # nothing else takes a body

    # Outermost last: the host check, then the body limits and security headers (so cached
    # answers get them too), then the response cache, in front of routing.
    app.add_middleware(CacheMiddleware, pool=pool, cache=app.state.cache)
    app.add_middleware(SecurityMiddleware, limit_for=limit_for)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.allowed_hosts)
    return app


def app_from_environment() -> FastAPI:
    """The app for a server process started by `crosscheck serve` (uvicorn's factory)."""
    text = os.environ.get(CONFIG_ENV)
    if not text:
        raise RuntimeError(f"${CONFIG_ENV} is not set: start the server with `crosscheck serve`")
    return create_app(ServeConfig.from_json(text))
