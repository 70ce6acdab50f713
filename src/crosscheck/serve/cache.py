"""Finished responses of the reading routes, kept while the database is unchanged.

The server never writes outside ingest, so a page depends only on its URL and the database's
content. Each cacheable GET reads the database's change token first (``ReadPool.token``,
microseconds); a token other than the one the cache was filled under empties the cache, so
nothing rendered from an older database is ever answered. The token is read *before* the page
is rendered: a commit landing during the render makes the stored copy newer than its token,
never older, and the next request sees the new token anyway.

Every cached response also carries an ``ETag`` (a hash of its body) with ``Cache-Control:
no-cache``: a browser asks again each time with ``If-None-Match`` and gets a bodiless 304
while the page is unchanged.
"""
from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosscheck.serve.db import ReadPool

# The reading routes: a page or a record rendered from the database and the URL alone.
_EXACT = frozenset({"/", "/api/stories", "/api/search", "/api/conflicts"})
_PREFIXES = ("/stories/", "/articles/", "/api/stories/", "/api/articles/")
_ENTRY_OVERHEAD = 512  # bytes counted per entry beyond its body: key, headers, bookkeeping


def cacheable(path: str) -> bool:
    return path in _EXACT or path.startswith(_PREFIXES)


@dataclass(frozen=True, slots=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]  # with the ETag and Cache-Control
    body: bytes
    etag: bytes

    @property
    def size(self) -> int:
        return len(self.body) + _ENTRY_OVERHEAD


class ResponseCache:
    """A least-recently-used map from URL to response, bounded in bytes, for one token."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._token: Hashable = None
        self.hits = self.misses = 0

    def get(self, key: str, token: Hashable) -> Entry | None:
        if token != self._token:
            self._entries.clear()
            self._bytes, self._token = 0, token
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: str, token: Hashable, entry: Entry) -> None:
        # A page bigger than an eighth of the budget would push out many others for one URL.
        if token != self._token or entry.size > self.max_bytes // 8:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.size
        self._entries[key] = entry
        self._bytes += entry.size
        while self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.size

    def __len__(self) -> int:
        return len(self._entries)


class CacheMiddleware:
    """Answers a cacheable GET from the cache, or renders it and keeps a 200 answer.

    Pure ASGI, not Starlette's BaseHTTPMiddleware: a hit is answered before routing,
    dependencies or templates, in a few microseconds of Python."""

    def __init__(self, app: ASGIApp, pool: ReadPool, cache: ResponseCache | None,
                 is_cacheable: Callable[[str], bool] = cacheable) -> None:
        self.app = app
        self.pool = pool
        self.cache = cache
        self.is_cacheable = is_cacheable
        # Renders in progress, by URL and token: a second request for a page being rendered
        # waits for that render instead of doing the same work again (fifty clients asking
        # for the front page just after the database changed render it once).
        self._pending: dict[tuple[str, Hashable], asyncio.Future[Entry | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not self.is_cacheable(scope["path"])):
            await self.app(scope, receive, send)
            return
        key = f"{scope['path']}?{scope['query_string'].decode('latin-1')}"
        token = self.pool.token()  # before rendering: see the module's docstring
        entry = self.cache.get(key, token) if self.cache is not None else None
        if entry is None:
            entry = await self._shared_render(scope, receive, key, token)
        if entry.status == 200 and _matches(scope, entry.etag):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", entry.etag), (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": entry.status,
                    "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})

    async def _shared_render(self, scope: Scope, receive: Receive, key: str,
                             token: Hashable) -> Entry:
        pending = self._pending.get((key, token))
        if pending is not None:
            entry = await asyncio.shield(pending)
            if entry is not None:
                return entry
            return await self._render(scope, receive)  # that render failed: try again here
        future: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        self._pending[(key, token)] = future
        entry = None
        try:
            entry = await self._render(scope, receive)
            if entry.status == 200 and self.cache is not None:
                self.cache.put(key, token, entry)
            return entry
        finally:
            del self._pending[(key, token)]
            future.set_result(entry)

    async def _render(self, scope: Scope, receive: Receive) -> Entry:
        """The app's whole response to this request, held back until complete (these
        routes answer a few KiB in one piece) so its ETag can go in the headers."""
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, keep)
        body = b"".join(chunks)
        headers = list(start.get("headers", []))
        etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
        status = int(start.get("status", 500))
        if status == 200:
            headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
        return Entry(status, headers, body, etag)


def _matches(scope: Scope, etag: bytes) -> bool:
    """Whether the request's If-None-Match names ``etag`` (or is ``*``)."""
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            tags = [tag.strip().removeprefix(b"W/") for tag in value.split(b",")]
            return etag in tags or b"*" in tags
    return False
