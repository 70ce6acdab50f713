"""The server's settings, fixed when the app is created."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class ServeConfig:
    db: Path
    host: str = "127.0.0.1"
    allow_ingest: bool = False
    token: str | None = None  # required (and only used) with allow_ingest
    page_size: int = 50
    # The compare page runs the real models: a few articles of news length take seconds, so
    # the input is capped well below what would tie the server up for minutes.
    max_compare_texts: int = 10
    max_text_chars: int = 100_000
    max_compare_bytes: int = 2 * 1024 * 1024
    max_ingest_bytes: int = 20 * 1024 * 1024
    max_ingest_files: int = 50
    cache_mb: int = 64  # rendered pages kept while the database is unchanged; 0: none

    def __post_init__(self) -> None:
        if self.allow_ingest and not self.token:
            raise ValueError("--allow-ingest needs a token")

    @property
    def allowed_hosts(self) -> list[str]:
        """Host headers to answer: a page on another site that rebinds its name to
        127.0.0.1 (DNS rebinding) sends its own name and is refused."""
        if self.host in ("0.0.0.0", "::"):
            return ["*"]
        return sorted({self.host, *LOCAL_HOSTS, "[::1]"})

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "db": str(self.db)})

    @classmethod
    def from_json(cls, text: str) -> "ServeConfig":
        values = json.loads(text)
        return cls(**{**values, "db": Path(values["db"])})
