"""Exceptions raised by crosscheck. Each names what went wrong and what to do about it."""
from __future__ import annotations


class CrosscheckError(Exception):
    """Base class for every error crosscheck raises on purpose."""


class InputError(CrosscheckError):
    """An input (file, line, stdin) could not be turned into an article.

    ``location`` is ``path`` or ``path:line``; ``reason`` says why in plain words.
    """

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{location}: {reason}")


class NoUsableInputError(CrosscheckError):
    """Every input was rejected, so there is nothing to compare."""


class ModelLoadError(CrosscheckError):
    """A language model could not be loaded from any of the places tried."""


class ConfigError(CrosscheckError):
    """A setting has a value crosscheck cannot use."""


class StoreError(CrosscheckError):
    """The corpus database cannot be opened, read or written (path, permissions, version)."""


class StoreBusyError(StoreError):
    """Another ``crosscheck run`` is writing to the same database; only one writer at a time."""


class StoryNotFoundError(CrosscheckError):
    """A story id (or id prefix) matches no story, or more than one."""
