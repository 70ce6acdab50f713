"""``crosscheck serve``: the corpus database as web pages and a JSON API (FastAPI).

A thin layer: every route calls the same plain functions the command line uses (``store``,
``corpus.story_view``, ``pipeline``) and renders their records. Read-only by default.
"""
from crosscheck.serve.app import create_app
from crosscheck.serve.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
