"""crosscheck: check news across sources.

The Python API::

    from crosscheck import compare_paths, render
    report = compare_paths(["a.txt", "b.html"])
    print(render(report, "md"))
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "compare_articles", "compare_paths", "read_inputs", "render"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # Imported lazily so `crosscheck --help` does not pay for spaCy and the embedding model.
    if name in ("compare_articles", "compare_paths"):
        from crosscheck import pipeline
        return getattr(pipeline, name)
    if name == "read_inputs":
        from crosscheck.ingest import read_inputs
        return read_inputs
    if name == "render":
        from crosscheck.report import render
        return render
    raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")
