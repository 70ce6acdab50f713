"""Content-addressed identifiers: the same content always gets the same id."""
from __future__ import annotations

import hashlib


def content_id(prefix: str, *parts: object, length: int = 16) -> str:
    """Hash ``parts`` (joined with a separator that cannot occur in text) into ``prefix_hex``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"
