"""A small reader of the WordNet 3.0 database files (the format of Debian's ``wordnet-base``).

Only what the verifier asks of WordNet: a word's synsets (after WordNet's own morphology:
exception lists, then suffix rules), each synset's words, its hypernyms and its antonyms.
Synsets are read on demand by byte offset (the files are indexed that way), so opening the
database costs only the four index files (about a second) and memory stays small.

The data lives outside the package: ``$CROSSCHECK_WORDNET`` or ``/usr/share/wordnet``
(``apt-get install wordnet-base``). Format: wndb(5WN) of the WordNet 3.0 distribution.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import ConfigError

POS = ("n", "v", "a", "r")
_FILE = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's detachment rules (morphy): suffix -> replacement, per part of speech.
_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
HYPERNYM = ("@", "@i")  # hypernym, instance hypernym ("Melbourne" is an instance of "city")


class WordNetMissing(ConfigError):
    """The WordNet database files are not where crosscheck looks for them."""


@dataclass(frozen=True, slots=True)
class Synset:
    key: str  # "n:08524735": part of speech and byte offset, unique
    words: tuple[str, ...]  # lower case, spaces for WordNet's underscores
    hypernyms: tuple[str, ...]  # keys
    # Antonymy links words, not synsets: (source word number, target key, target word number),
    # numbers counting from 1 as in the files.
    antonyms: tuple[tuple[int, str, int], ...]


def default_root() -> Path:
    return Path(os.environ.get("CROSSCHECK_WORDNET", "/usr/share/wordnet"))


class WordNet:
    """Read-only access to one WordNet database directory."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()
        missing = [f"{kind}.{_FILE[p]}" for p in POS for kind in ("index", "data")
                   if not (self.root / f"{kind}.{_FILE[p]}").is_file()]
        if missing:
            raise WordNetMissing(
                f"WordNet database not found in {self.root} (missing {', '.join(missing)}); "
                "install it with `apt-get install wordnet-base` or point $CROSSCHECK_WORDNET "
                "at a directory holding WordNet 3.0's index.* and data.* files")
        self._index = {p: _read_index(self.root / f"index.{_FILE[p]}") for p in POS}
        self._exceptions = {p: _read_exceptions(self.root / f"{_FILE[p]}.exc") for p in POS}
        self._data = {p: open(self.root / f"data.{_FILE[p]}", "rb") for p in POS}  # noqa: SIM115

    def close(self) -> None:
        for handle in self._data.values():
            handle.close()

    def __enter__(self) -> WordNet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def base_forms(self, word: str, pos: str) -> list[str]:
        """The lemmas WordNet lists for ``word`` as part of speech ``pos`` (morphy)."""
        word = word.lower().replace(" ", "_")
        index = self._index[pos]
        found = [word] if word in index else []
        for base in self._exceptions[pos].get(word, ()):
            if base in index and base not in found:
                found.append(base)
        if not found:
            for suffix, ending in _RULES[pos]:
                if word.endswith(suffix) and len(word) > len(suffix) + 1:
                    base = word[: len(word) - len(suffix)] + ending
                    if base in index and base not in found:
                        found.append(base)
        return found

    def synsets(self, word: str, pos: str | None = None) -> list[Synset]:
        """Every synset of ``word`` (of one part of speech, or all), most frequent sense first."""
        out: list[Synset] = []
        for p in (pos,) if pos else POS:
            for base in self.base_forms(word, p):
                out.extend(self.synset(f"{p}:{offset}") for offset in self._index[p][base])
        return out

    def antonyms(self, word: str) -> set[str]:
        """Words WordNet gives as opposites of ``word`` in any of its senses."""
        found: set[str] = set()
        for p in POS:
            bases = {b.replace("_", " ") for b in self.base_forms(word, p)}
            for synset in self.synsets(word, p):
                for source, key, target in synset.antonyms:
                    if source == 0 or synset.words[source - 1] in bases:
                        found.add(self.synset(key).words[target - 1])
        return found

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 (one database per process, kept open)
    def synset(self, key: str) -> Synset:
        pos, offset = key.split(":")
        handle = self._data[pos]
        handle.seek(int(offset))
        return _parse_synset(key, handle.readline().decode("utf-8", "replace"))


def _read_index(path: Path) -> dict[str, tuple[str, ...]]:
    # index line: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets...
    index: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith(" "):
                continue  # the licence header
            parts = line.split()
            synset_count, pointer_count = int(parts[2]), int(parts[3])
            index[parts[0]] = tuple(parts[6 + pointer_count: 6 + pointer_count + synset_count])
    return index


def _read_exceptions(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", errors="replace") as lines:
        return {parts[0]: tuple(parts[1:]) for parts in (line.split() for line in lines)
                if len(parts) >= 2}


def _parse_synset(key: str, line: str) -> Synset:
    # data line: offset lex_filenum ss_type w_cnt(hex) word lex_id ... p_cnt(3 digits)
    #            [symbol offset pos source/target]... [frames] | gloss
    parts = line.split(" | ", 1)[0].split()
    count = int(parts[3], 16)
    words = tuple(parts[4 + 2 * i].lower().replace("_", " ").split("(")[0]
                  for i in range(count))
    at = 4 + 2 * count
    pointers = int(parts[at])
    hypernyms, antonyms = [], []
    for i in range(pointers):
        symbol, offset, pos, source_target = parts[at + 1 + 4 * i: at + 5 + 4 * i]
        target_key = f"{'a' if pos == 's' else pos}:{offset}"
        if symbol in HYPERNYM:
            hypernyms.append(target_key)
        elif symbol == "!":
            antonyms.append((int(source_target[:2], 16), target_key, int(source_target[2:], 16)))
    return Synset(key, words, tuple(hypernyms), tuple(antonyms))
