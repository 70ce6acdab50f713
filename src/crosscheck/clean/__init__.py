"""The cleaning stage: what of an article's text is page furniture, not the article's prose.

Between ingest and claims. Nothing is removed from the stored text (offsets stay valid and a
reader can be shown what was set aside); the claims stage parses only the prose.
"""
from crosscheck.clean.page_text import page_text, prose_view
from crosscheck.model import SetAside

__all__ = ["SetAside", "page_text", "prose_view"]
