"""Query parameters shared by the story list page and ``/api/stories``."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from crosscheck.store.search import StoryFilter

_DAY = r"^(\d{4}-\d{2}-\d{2})?$"  # empty: the form's field left blank
_SINCE = "YYYY-MM-DD: only stories with an article on or after this day"
_UNTIL = "YYYY-MM-DD: only stories with an article on or before this day"
Sort = Literal["time", "conflicts", "articles", "sources", "title"]


async def story_filter(
        q: Annotated[str | None, Query(max_length=200,
                                       description="Words in an article's title or text")] = None,
        conflicts: Annotated[bool, Query(description="Only stories with conflicts")] = False,
        source: Annotated[str | None, Query(max_length=200,
                                            description="Only stories with an article "
                                                        "from this source")] = None,
        since: Annotated[str | None, Query(pattern=_DAY, description=_SINCE)] = None,
        until: Annotated[str | None, Query(pattern=_DAY, description=_UNTIL)] = None,
        sort: Annotated[Sort, Query(description="Order; newest first by default")] = "time",
) -> StoryFilter:
    return StoryFilter(search=(q or "").strip() or None, conflicts_only=conflicts,
                       source=(source or "").strip() or None, since=since or None,
                       until=until or None, sort=sort)


Page = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1")]
