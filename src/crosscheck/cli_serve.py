"""``crosscheck serve``: the web UI and JSON API over a corpus database."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import click

from crosscheck.errors import CrosscheckError

TOKEN_ENV = "CROSSCHECK_TOKEN"


@click.command()
@click.option("--db", "db", default="crosscheck.db", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The corpus database.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--allow-ingest", is_flag=True,
              help="Accept uploads that add articles (POST /api/ingest), behind a token: "
                   f"${TOKEN_ENV}, or a random one printed at start.")
@click.option("--max-upload-mb", type=click.IntRange(1, 500), default=20, show_default=True,
              help="Largest ingest request.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (pages are CPU-bound: one per core serves more readers).")
@click.option("--cache-mb", type=click.IntRange(0, 16384), default=64, show_default=True,
              help="Rendered pages kept in memory (per process) while the database is "
                   "unchanged; 0: none.")
def serve(db: Path, host: str, port: int, allow_ingest: bool, max_upload_mb: int,
          workers: int, cache_mb: int) -> None:
    """Browse stories, claims and conflicts in a web browser, and query them as JSON.

    Read-only unless --allow-ingest: pages and the API read through read-only connections.
    """
    import uvicorn

    from crosscheck.serve import ServeConfig
    from crosscheck.serve.app import CONFIG_ENV
    from crosscheck.serve.db import prepare

    try:
        upgraded = prepare(db)
    except CrosscheckError as exc:
        raise click.ClickException(str(exc)) from exc
    if upgraded is not None:
        click.echo(f"crosscheck: upgraded {db} from schema version {upgraded} "
                   "(adds the full-text search index)", err=True)
    token = None
    if allow_ingest:
        token = os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(24)
        if not os.environ.get(TOKEN_ENV):
            click.echo(f"crosscheck: ingest token (send 'Authorization: Bearer TOKEN'): {token}",
                       err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"crosscheck: listening on {host}: other machines can reach this server",
                   err=True)
    config = ServeConfig(db=db, host=host, allow_ingest=allow_ingest, token=token,
                         max_ingest_bytes=max_upload_mb * 1024 * 1024, cache_mb=cache_mb)
    click.echo(f"crosscheck: serving {db} on http://{host}:{port}/ "
               f"({'ingest allowed' if allow_ingest else 'read-only'}); Ctrl-C stops",
               err=True)
    # The worker processes build the app from this variable (uvicorn starts them by import
    # name); with one worker it is built here the same way.
    os.environ[CONFIG_ENV] = config.to_json()
    uvicorn.run("crosscheck.serve.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning", access_log=False, server_header=False)
