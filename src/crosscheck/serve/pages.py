"""The HTML pages: story list, story, article, compare, and the API's documentation."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from crosscheck.corpus.story_view import load_story
from crosscheck.serve.app import in_thread, reading, render, story_moved
from crosscheck.serve.config import ServeConfig
from crosscheck.serve.params import Page, story_filter
from crosscheck.serve.uploads import Pasted, Upload, UploadError, compare
from crosscheck.serve.views import article_page, report_page, snippet_runs, story_page
from crosscheck.store.search import ArticleHit, StoryFilter, find_stories, search_articles
from crosscheck.store.stories import StorySummary, resolve_story

router = APIRouter(include_in_schema=False)
Filter = Annotated[StoryFilter, Depends(story_filter)]


def _query(spec: StoryFilter, page: int) -> str:
    values = {"q": spec.search, "conflicts": "1" if spec.conflicts_only else None,
              "source": spec.source, "since": spec.since, "until": spec.until,
              "sort": spec.sort if spec.sort != "time" else None, "page": page}
    return "?" + urlencode({k: v for k, v in values.items() if v})


@router.get("/", response_class=HTMLResponse)
async def stories_page(request: Request, spec: Filter, page: Page = 1) -> HTMLResponse:
    size = request.app.state.config.page_size

    def query() -> tuple[int, list[StorySummary], list[ArticleHit]]:
        with reading(request) as conn:
            total, stories = find_stories(conn, spec, size, (page - 1) * size)
            return total, stories, search_articles(conn, spec.search, 10) if spec.search else []

    total, stories, hits = await in_thread(request, query)
    pages = max(1, -(-total // size))
    return render(request, "stories.html.j2", spec=spec, total=total, stories=stories,
                  page=page, pages=pages,
                  prev_url=_query(spec, page - 1) if page > 1 else None,
                  next_url=_query(spec, page + 1) if page < pages else None,
                  hits=[(hit, snippet_runs(hit.snippet)) for hit in hits])


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(request: Request, story_id: str) -> Response:
    with reading(request) as conn:
        found = resolve_story(conn, story_id)
        if found.move is not None:
            return story_moved(request, "/stories/", found.move)
        view = load_story(conn, found.id, outline=True)
    return render(request, "story.html.j2", page=story_page(view))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> HTMLResponse:
    with reading(request) as conn:
        page = article_page(conn, article_id)
    return render(request, "article.html.j2", page=page)


@router.get("/compare", response_class=HTMLResponse)
async def compare_form(request: Request) -> HTMLResponse:
    return render(request, "compare.html.j2", texts=[Pasted("", ""), Pasted("", "")],
                  body=None, error=None, config=request.app.state.config)


@router.post("/compare", response_class=HTMLResponse)
async def compare_submit(request: Request) -> HTMLResponse:
    config: ServeConfig = request.app.state.config
    pasted, uploads = await read_compare_form(request, config)
    try:
        report = await run_in_threadpool(compare, pasted, uploads, config.max_text_chars)
    except UploadError as exc:
        return render(request, "compare.html.j2", status=400, texts=pasted or [Pasted("", "")],
                      body=None, error=str(exc), config=config)
    return render(request, "compare.html.j2", texts=pasted, body=report_page(report),
                  error=None, config=config)


async def read_compare_form(request: Request,
                            config: ServeConfig) -> tuple[list[Pasted], list[Upload]]:
    """The pasted texts (with their source names) and the uploaded files of a compare form."""
    n = config.max_compare_texts
    form = await request.form(max_files=n, max_fields=2 * n + 4,
                              max_part_size=config.max_text_chars * 4)
    texts = [str(t) for t in form.getlist("text")]
    sources = [str(s) for s in form.getlist("source")]
    pasted = [Pasted(text, sources[i] if i < len(sources) else "")
              for i, text in enumerate(texts)]
    uploads = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            data = await item.read(config.max_text_chars * 4 + 1)
            if len(data) > config.max_text_chars * 4:
                raise UploadError(f"file {item.filename!r} is too large: the limit is "
                                  f"{config.max_text_chars * 4 // 1024} KiB a file")
            uploads.append(Upload(item.filename, data))
    if len([p for p in pasted if p.text.strip()]) + len(uploads) > n:
        raise UploadError(f"at most {n} texts and files at once: remove some")
    return pasted, uploads


@router.get("/api/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    return render(request, "api_docs.html.j2", schema=schema)
