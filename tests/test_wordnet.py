"""The WordNet reader on a tiny database written here (the wndb format, byte offsets and all),
and the meaning-preserving rewrites on the real one (Debian's wordnet-base, which `make`
installs)."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from crosscheck.nlp.wordnet import WordNet, WordNetMissing, default_root
from crosscheck.verify import rewrites

# (word list, pointers) per synset; pointers: (symbol, target index, pos, source/target).
NOUNS = [
    (["city", "metropolis"], []),
    (["Sydney"], [("@i", 0, "n", "0000")]),
    (["Melbourne"], [("@i", 0, "n", "0000")]),
]
ADJECTIVES = [(["guilty"], [("!", 1, "a", "0101")]), (["innocent"], [("!", 0, "a", "0101")])]


def _write(root: Path, name: str, synsets: list, pos: str) -> None:
    # Offsets are byte positions in the data file, so lay the lines out, then fill them in.
    header = "  1 This is a test database.\n"
    offsets: list[int] = [0] * len(synsets)
    lines: list[str] = []
    for _ in range(2):  # the second pass sees the final offsets (all are 8 digits wide)
        previous, offsets, position, lines = offsets, [], len(header), []
        for i, (words, pointers) in enumerate(synsets):
            offsets.append(position)
            ptrs = " ".join(f"{sym} {previous[t]:08d} {p} {st}"
                            for sym, t, p, st in pointers)
            word_part = " ".join(f"{w} 0" for w in words)
            line = (f"{position:08d} 03 {pos} {len(words):02x} {word_part} "
                    f"{len(pointers):03d} {ptrs} | gloss {i}\n").replace("  ", " ")
            lines.append(line)
            position += len(line.encode())
    (root / f"data.{name}").write_text(header + "".join(lines), encoding="utf-8")
    index: dict[str, list[int]] = {}
    for offset, (words, _) in zip(offsets, synsets):
        for w in words:
            index.setdefault(w.lower(), []).append(offset)
    (root / f"index.{name}").write_text(header + "".join(
        f"{w} {pos} {len(o)} 0 {len(o)} 0 " + " ".join(f"{x:08d}" for x in o) + " \n"
        for w, o in sorted(index.items())), encoding="utf-8")


@pytest.fixture()
def tiny(tmp_path: Path) -> WordNet:
    _write(tmp_path, "noun", NOUNS, "n")
    _write(tmp_path, "adj", ADJECTIVES, "a")
    for name in ("verb", "adv"):
        _write(tmp_path, name, [], "v" if name == "verb" else "r")
    (tmp_path / "noun.exc").write_text("cities city\n", encoding="utf-8")
    return WordNet(tmp_path)


def test_synsets_hypernyms_and_morphology(tiny: WordNet) -> None:
    melbourne = tiny.synsets("Melbourne")
    assert [s.words for s in melbourne] == [("melbourne",)]
    assert [tiny.synset(h).words for h in melbourne[0].hypernyms] == [("city", "metropolis")]
    assert tiny.base_forms("cities", "n") == ["city"]  # the exception list
    assert tiny.base_forms("metropolises", "n") == ["metropolis"]  # a detachment rule
    assert tiny.synsets("village") == []


def test_antonyms_link_words(tiny: WordNet) -> None:
    assert tiny.antonyms("guilty") == {"innocent"}
    assert tiny.antonyms("city") == set()


def test_missing_database_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(WordNetMissing, match="apt-get install wordnet-base"):
        WordNet(tmp_path)


@pytest.fixture(scope="module")
def wordnet() -> WordNet:
    if not (default_root() / "index.noun").is_file():
        pytest.skip(f"WordNet is not installed at {default_root()} (make installs it)")
    return WordNet()


def test_synonyms_keep_the_commonest_sense(wordnet: WordNet) -> None:
    assert rewrites.synonym("telephone", wordnet) == "phone"
    assert rewrites.synonym("nearly", wordnet) == "almost"
    assert rewrites.synonym("goal", wordnet) is None  # "end" mostly means something else
    assert rewrites.synonym("week", wordnet) is None  # "hebdomad" is too rare a word
    assert rewrites.synonym("fell", wordnet) is None  # mostly a verb: inflection left alone
    assert rewrites.synonym("the", wordnet) is None


def test_rewrites_keep_names_numbers_and_negation(wordnet: WordNet) -> None:
    sentence = "The telephone call with Putin would not last nearly 90 minutes, aides said."
    assert rewrites.toggle_contraction(sentence).count("wouldn't") == 1
    assert rewrites.toggle_contraction("It wasn’t true.") == "It was not true."
    assert rewrites.attribute(sentence, random.Random(0)).endswith(
        "the telephone call with Putin would not last nearly 90 minutes, aides said.")
    assert rewrites.attribute("Putin called.", random.Random(0)) == "Putin called."
    for seed in range(20):
        out = rewrites.rewrite(sentence, wordnet, random.Random(seed))
        assert "Putin" in out and "90" in out and ("not" in out or "n't" in out)
        assert out == rewrites.rewrite(sentence, wordnet, random.Random(seed))  # seeded
