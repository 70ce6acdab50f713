"""The JSON API under ``/api``: the same records the command line prints as JSON."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile

from crosscheck.corpus.listing import conflict_record, load_conflicts, story_record
from crosscheck.corpus.story_view import load_story, render_story
from crosscheck.report.json_report import report_to_dict
from crosscheck.serve.app import in_thread, reading, story_moved
from crosscheck.serve.config import ServeConfig
from crosscheck.serve.params import Page, story_filter
from crosscheck.serve.security import token_matches
from crosscheck.serve.uploads import Pasted, Upload, UploadError, compare, ingest
from crosscheck.serve.views import article_page, snippet_runs
from crosscheck.store.search import ArticleHit, StoryFilter, find_stories, search_articles
from crosscheck.store.stories import StorySummary, resolve_story

router = APIRouter(prefix="/api", tags=["api"])
Filter = Annotated[StoryFilter, Depends(story_filter)]


@router.get("/stories", summary="List stories (newest first), with search and filters")
async def stories(request: Request, spec: Filter, page: Page = 1) -> dict[str, Any]:
    size = request.app.state.config.page_size

    def query() -> tuple[int, list[StorySummary]]:
        with reading(request) as conn:
            return find_stories(conn, spec, size, (page - 1) * size)

    total, found = await in_thread(request, query)
    return {"total": total, "page": page, "page_size": size,
            "stories": [story_record(s) for s in found]}


@router.get("/stories/{story_id}", summary="One story: crosscheck.story/1 JSON",
            responses={308: {"description": "The id names a story merged into another "
                                            "since: Location is the live story's URL; the "
                                            "body says when (moved_from, story, moves)"},
                       404: {"description": "No story with this id (or id prefix)"}})
async def story(request: Request, story_id: str) -> Response:
    with reading(request) as conn:
        found = resolve_story(conn, story_id)
        if found.move is not None:
            return story_moved(request, "/api/stories/", found.move)
        view = load_story(conn, found.id)
    # The exact document `crosscheck story ID --format json` writes.
    return Response(render_story(view, "json"), media_type="application/json")


@router.get("/articles/{article_id}", summary="One article, its claims and their links",
            responses={404: {"description": "No article with this id"}})
async def article(request: Request, article_id: str) -> dict[str, Any]:
    with reading(request) as conn:
        page = article_page(conn, article_id)
    a = page.article
    claims = [{"id": s.claim.id, "text": s.claim.text, "status": s.claim.status,
               "links": [{"kind": link.kind, "slot": link.slot, "source": link.source,
                          "article": link.article_id, "claim": link.claim_id}
                         for link in s.links]}
              for s in page.segments if s.claim is not None]
    return {"id": a.id, "story": page.story.summary.id, "title": a.title, "source": a.source,
            "published": a.published, "url": a.url, "author": a.author, "text": a.text,
            "copy_of": page.original.id if page.original else None, "claims": claims}


@router.get("/search", summary="Full-text search over article titles and text")
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
                 limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    def query() -> list[ArticleHit]:
        with reading(request) as conn:
            return search_articles(conn, q, limit)

    hits = await in_thread(request, query)
    return {"query": q, "articles": [
        {"id": h.id, "story": h.story_id, "title": h.title, "source": h.source,
         "published": h.published, "snippet": "".join(text for text, _ in snippet_runs(h.snippet))}
        for h in hits]}


@router.get("/conflicts", summary="The strongest conflicts across all stories")
async def conflicts(request: Request,
                    limit: Annotated[int, Query(ge=1, le=500)] = 20) -> dict[str, Any]:
    def query() -> list[dict[str, Any]]:
        with reading(request) as conn:
            return [conflict_record(item) for item in load_conflicts(conn, limit)]

    return {"conflicts": await in_thread(request, query)}


class CompareText(BaseModel):
    text: str = Field(description="The article's text; a first line that reads like a "
                                  "headline is its title")
    source: str = Field("", max_length=200, description="Who published it")


class CompareRequest(BaseModel):
    articles: list[CompareText] = Field(min_length=2, max_length=50)


@router.post("/compare", summary="Compare two or more texts (no database): "
                                 "crosscheck.report/1 JSON")
async def compare_texts(request: Request, body: CompareRequest) -> dict[str, Any]:
    config: ServeConfig = request.app.state.config
    if len(body.articles) > config.max_compare_texts:
        raise UploadError(f"at most {config.max_compare_texts} articles at once: "
                          f"got {len(body.articles)}")
    pasted = [Pasted(item.text, item.source) for item in body.articles]
    report = await run_in_threadpool(compare, pasted, [], config.max_text_chars)
    return report_to_dict(report)


@router.post("/ingest", summary="Add uploaded files to the database (only with "
                                "--allow-ingest; Authorization: Bearer TOKEN)",
             responses={401: {"description": "Missing or wrong token"},
                        403: {"description": "The server was started without --allow-ingest"},
                        409: {"description": "Another crosscheck run is writing"}})
async def ingest_files(request: Request,
                       authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    config: ServeConfig = request.app.state.config
    # Refused before the body is read: no upload is parsed for a caller without the token.
    if not config.allow_ingest or config.token is None:
        raise HTTPException(403, "read-only server: start it with --allow-ingest to add "
                                 "articles")
    if not token_matches(authorization, config.token):
        raise HTTPException(401, "missing or wrong token: send the header "
                                 "'Authorization: Bearer TOKEN' printed when the server started",
                            headers={"WWW-Authenticate": "Bearer"})
    form = await request.form(max_files=config.max_ingest_files, max_fields=8)
    uploads = [Upload(item.filename, await item.read()) for item in form.getlist("files")
               if isinstance(item, UploadFile) and item.filename]
    if not uploads:
        raise UploadError("no files: send them as multipart form fields named 'files'")
    compare_stories = str(form.get("compare", "1")) not in ("0", "false", "no")
    return await run_in_threadpool(ingest, config.db, uploads, compare_stories)
