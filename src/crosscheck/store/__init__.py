"""The corpus database (SQLite): articles, near-duplicate signatures, stories, the clusterer's
state, claim comparisons, rejected inputs and runs. Plain functions over a
``sqlite3.Connection`` from :func:`open_store`; writes go through :func:`transaction`."""
from crosscheck.store.connection import DEFAULT_PATH, MEMORY, open_store, transaction
from crosscheck.store.lock import writer_lock
from crosscheck.store.migrations import LATEST, MIGRATIONS, migrate, schema_version

__all__ = ["DEFAULT_PATH", "LATEST", "MEMORY", "MIGRATIONS", "migrate", "open_store",
           "schema_version", "transaction", "writer_lock"]
