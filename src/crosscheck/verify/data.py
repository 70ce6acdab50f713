"""The dev verification sets, their held-out split, and synthetic pairs for training.

The held-out part is chosen by *document* (FNC-1 body, SummEdits source document, within each
domain) or by *topic* (ClaimDiff, whose reversed pairs swap document and claim), with a fixed
seed, so no evidence text seen in training is ever scored.
"""
from __future__ import annotations

import itertools
import json
import random
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

from crosscheck.nlp.wordnet import WordNet
from crosscheck.verify import text as tx
from crosscheck.verify.antonyms import ANTONYMS
from crosscheck.verify.features import CONTEXT, slot_clashes
from crosscheck.verify.rewrites import name_the_pronoun, rewrite

LABELS = ("supported", "contradicted", "unverified", "unrelated")
SEED = 13
HELD_OUT = 0.3
# Each dataset's labels in the verifier's four classes.
FNC_MAP = {"agree": "supported", "disagree": "contradicted", "discuss": "unverified",
           "unrelated": "unrelated"}
CLAIMDIFF_MAP = {"strengthen": "supported", "weaken": "contradicted", "neither": "unverified"}


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    claim: str
    evidence_id: str
    label: str  # one of LABELS
    gold: str  # the dataset's own label
    group: str  # the unit of the held-out split
    domain: str = ""


@dataclass(frozen=True, slots=True)
class DevSet:
    name: str
    documents: dict[str, str]
    pairs: tuple[Pair, ...]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_dev_set(root: Path, name: str) -> DevSet:
    """One of fnc1, summedits, claimdiff from ``root`` (``shared/data``), gold labels mapped."""
    folder = root / name
    docs = {d["id"]: d["text"] for d in read_jsonl(folder / "documents.jsonl")}
    gold = {g["id"]: g for g in read_jsonl(folder / "gold.jsonl")}
    pairs = []
    for p in read_jsonl(folder / "pairs.jsonl"):
        g = gold[p["id"]]
        label, group, domain = _map(name, g, p)
        pairs.append(Pair(p["id"], p["claim"], p["evidence_id"], label, g["label"], group, domain))
    return DevSet(name, docs, tuple(pairs))


def _map(name: str, gold: dict, pair: dict) -> tuple[str, str, str]:
    if name == "fnc1":
        return FNC_MAP[gold["label"]], pair["evidence_id"], ""
    if name == "summedits":
        if gold["label"] == "consistent":
            label = "supported"
        elif set(gold.get("edit_types") or []) == {"hallucinated_fact_insertion"}:
            label = "unverified"  # new facts the document never settles
        else:
            label = "contradicted"
        return label, pair["evidence_id"], gold["domain"]
    if name == "claimdiff":
        return CLAIMDIFF_MAP[gold["label"]], gold["topic"], ""
    raise ValueError(f"unknown dev set {name!r}")


def held_out_groups(dev: DevSet, fraction: float = HELD_OUT, seed: int = SEED) -> frozenset[str]:
    """Groups held back from training: a seeded share of each domain's groups."""
    by_domain: dict[str, set[str]] = defaultdict(set)
    for p in dev.pairs:
        by_domain[p.domain].add(p.group)
    rng = random.Random(f"{seed}:{dev.name}")
    held: set[str] = set()
    for domain in sorted(by_domain):
        groups = sorted(by_domain[domain])
        rng.shuffle(groups)
        held.update(groups[: max(1, round(len(groups) * fraction))])
    return frozenset(held)


def split(dev: DevSet, seed: int = SEED) -> tuple[tuple[Pair, ...], tuple[Pair, ...]]:
    """(training pairs, held-out pairs)."""
    held = held_out_groups(dev, seed=seed)
    return (tuple(p for p in dev.pairs if p.group not in held),
            tuple(p for p in dev.pairs if p.group in held))


# ------------------------------------------------------------------ synthetic pairs
_AUX = re.compile(r"\b(is|was|are|were|has|have|had|will|can|could|would|should|did|does)\b")
_NOT = re.compile(r"\b(not|never)\s+", re.I)
_NUM = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def synthetic_pairs(documents: dict[str, str], doc_ids: list[str], per_doc: int = 3,
                    seed: int = SEED, wordnet: WordNet | None = None) -> list[Pair]:
    """Edited sentences of training documents, labelled against their own document.

    Positives keep the meaning (``rewrites.rewrite``: synonyms, contractions, a trailing
    clause dropped, an attribution added), and one more per document restates a negated
    sentence, so a "not" in a claim is no sign of a contradiction by itself; negatives swap a
    number, a weekday, a name or a word for its antonym, or flip the negation. Each document
    also gives its pairs about who did it (``_person_pairs``).
    """
    if wordnet is None:
        with WordNet() as opened:
            return synthetic_pairs(documents, doc_ids, per_doc, seed, opened)
    rng = random.Random(seed)
    pairs: list[Pair] = []
    pool = _people({d: documents[d] for d in doc_ids})
    for doc_id in sorted(doc_ids):
        text = documents[doc_id]
        pairs += _person_pairs(doc_id, text, pool, random.Random(f"{seed}:{doc_id}:person"))
        sentences = [s.text for s in tx.split_sentences(text) if 10 <= len(s.text.split()) <= 45]
        if not sentences:
            continue
        names = sorted(tx.names(text))
        negated = [s for s in sentences if tx.cue_count(tx.words(s), tx.NEGATION)]
        if negated:
            pairs.append(Pair(f"syn-{doc_id}-negated-pos", rewrite(rng.choice(negated), wordnet,
                                                                   rng),
                              doc_id, "supported", "supported", doc_id, "synthetic"))
        for k, sentence in enumerate(rng.sample(sentences, min(per_doc, len(sentences)))):
            base = f"syn-{doc_id}-{k}"
            pairs.append(Pair(base + "-pos", rewrite(sentence, wordnet, rng), doc_id,
                              "supported", "supported", doc_id, "synthetic"))
            edited = _contradict(sentence, names, rng)
            if edited is not None:
                pairs.append(Pair(base + "-neg", edited, doc_id, "contradicted", "contradicted",
                                  doc_id, "synthetic"))
    return pairs


_PERSON = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")  # two or more capitalised words
PERSON_ZIPF = 5.0  # a last word this common ("News", "Hospital", "State") names no person


def _persons(text: str) -> list[str]:
    """Multi-word names whose last word is no common word, in order of mention."""
    return [m.group() for m in _PERSON.finditer(text)
            if zipf_frequency(m.group().rsplit(" ", 1)[-1].lower(), "en") < PERSON_ZIPF]


def _people(documents: Mapping[str, str]) -> list[str]:
    """Every person-like name of the documents, sorted (the pool of outside names)."""
    return sorted({n for text in documents.values() for n in _persons(text)})


def _person_pairs(doc_id: str, text: str, pool: list[str], rng: random.Random) -> list[Pair]:
    """Who did it, against the sentence's document context. A sentence whose "he"/"she" is
    named by the last person mentioned in the sentences before it restates it ("supported");
    naming someone else the document mentions away from it, or a person from another
    document, does not ("contradicted"). Without these, a restatement that names the
    pronoun's person lacks a rare word of its best sentence, as a name swap does."""
    spans = tx.split_sentences(text)
    found: list[Pair] = []
    mentioned = _persons(text)
    per_sentence = [_persons(s.text) for s in spans]  # read once, not once per later sentence
    pronouns = []
    for i, span in enumerate(spans):
        if (not 10 <= len(span.text.split()) <= 45 or span.text[0] in "\"“‘'"
                or name_the_pronoun(span.text, "X") is None):
            continue
        before = [n for names in per_sentence[max(0, i - CONTEXT):i] for n in names]
        if before:
            pronouns.append((span.text, before))
    if pronouns:
        sentence, before = rng.choice(pronouns)
        named = name_the_pronoun(sentence, before[-1])
        if named is not None:
            found.append(Pair(f"syn-{doc_id}-named-pos", named, doc_id, "supported",
                              "supported", doc_id, "synthetic"))
        near = {w for name in before for w in name.split()} | set(sentence.split())
        away = sorted({n for n in mentioned if not near & set(n.split())})
        wrong = name_the_pronoun(sentence, rng.choice(away)) if away else None
        if wrong is not None:
            found.append(Pair(f"syn-{doc_id}-named-neg", wrong, doc_id, "contradicted",
                              "contradicted", doc_id, "synthetic"))
    present = [n for n in sorted(set(mentioned)) if any(
        n in s.text and 10 <= len(s.text.split()) <= 45 for s in spans)]
    words = set(tx.words(text))
    outside = [n for n in pool if not words & {w.lower() for w in n.split()}]
    if present and outside:
        name = rng.choice(present)
        sentence = next(s.text for s in spans
                        if name in s.text and 10 <= len(s.text.split()) <= 45)
        found.append(Pair(f"syn-{doc_id}-outside-neg",
                          sentence.replace(name, rng.choice(outside), 1), doc_id,
                          "contradicted", "contradicted", doc_id, "synthetic"))
    return found


def withheld_sentence_pairs(documents: dict[str, str], doc_ids: list[str], per_doc: int = 2,
                            seed: int = SEED) -> tuple[list[Pair], dict[str, str]]:
    """A sentence taken out of its document, as a claim against the rest: "unverified".

    The rest is on the claim's story but no longer states it, as another outlet's report of
    the same event often does not: the case the other sets lack (their "unverified" pairs are
    headlines against bodies). A sentence that the rest still repeats (half of its rare words
    or more in one remaining sentence) is skipped; the lead is never withheld. Returns the
    pairs and the shortened documents."""
    rng = random.Random(f"{seed}:withheld")
    pairs: list[Pair] = []
    shortened: dict[str, str] = {}
    for doc_id in sorted(doc_ids):
        text = documents[doc_id]
        spans = tx.split_sentences(text)
        usable = [i for i, s in enumerate(spans[1:], 1) if 10 <= len(s.text.split()) <= 45]
        for k, i in enumerate(rng.sample(usable, min(per_doc, len(usable)))):
            claim_terms = tx.terms(spans[i].text)
            if max((tx.weighted_coverage(claim_terms, set(tx.terms(s.text)))
                    for j, s in enumerate(spans) if j != i), default=0.0) >= 0.5:
                continue
            short_id = f"{doc_id}-without-{i}"
            shortened[short_id] = text[:spans[i].start] + text[spans[i].end:]
            pairs.append(Pair(f"wh-{doc_id}-{k}", spans[i].text, short_id, "unverified",
                              "unverified", doc_id, "synthetic"))
    return pairs, shortened


def elsewhere_pairs(claims: Sequence[Pair], doc_ids: list[str],
                    neighbours: Mapping[str, set[str]], seed: int = SEED) -> list[Pair]:
    """Each claim against a randomly drawn document of another story: "unrelated". With the
    withheld sentences and the paraphrases (related) they teach the related/unrelated trees
    sentence claims, where FNC-1 teaches them headlines only. ``neighbours``: document ->
    the documents on its story (``same_story``), never drawn for its claims."""
    rng = random.Random(f"{seed}:elsewhere")
    found = []
    for p in claims:
        story = neighbours.get(p.group, {p.group})
        others = [d for d in rng.sample(doc_ids, min(3, len(doc_ids))) if d not in story]
        if others:
            found.append(Pair(f"else-{p.id}", p.claim, others[0], "unrelated", "unrelated",
                              others[0], "synthetic"))
    return found


def same_story(pairs: Sequence[Pair]) -> dict[str, set[str]]:
    """FNC-1 body -> the bodies related to one of its headlines (itself included)."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for group in _bodies_by_headline(pairs).values():
        for body in group:
            neighbours[body] |= group
    return dict(neighbours)


def paraphrase_pairs(dev: DevSet, pairs: Sequence[Pair]) -> list[Pair]:
    """Real paraphrases, "supported": a sentence of one body against another body of the same
    FNC-1 headline that says it in other words (each covers at least 60% of the other's rare
    words, under 97%; no number, date, negation or antonym clash between the two).

    The synthetic positives are the document's own sentence, so without these the trees learn
    that anything close to a sentence but not identical is an edit, and call other outlets'
    wording of the same fact "contradicted"."""
    bodies = _bodies_by_headline(pairs)
    sentences = _CachedSentences(dev.documents)
    found: list[Pair] = []
    done: set[tuple[str, str]] = set()
    for headline in sorted(bodies):
        for x, y in itertools.permutations(sorted(bodies[headline]), 2):
            if (x, y) in done:
                continue
            done.add((x, y))
            for k, (text, terms) in enumerate(sentences[x]):
                scored = [(tx.weighted_coverage(terms, set(o_terms)), o_text, o_terms)
                          for o_text, o_terms in sentences[y]]
                if not scored:
                    continue
                cover, other, other_terms = max(scored, key=lambda item: item[0])
                if (0.6 <= cover < 0.97 and tx.weighted_coverage(other_terms, set(terms)) >= 0.6
                        and not slot_clashes(text, [other])):
                    found.append(Pair(f"para-{x}-{y}-{k}", text, y, "supported", "supported",
                                      y, "paraphrase"))
    return found


def _bodies_by_headline(pairs: Sequence[Pair]) -> dict[str, set[str]]:
    bodies: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        if p.label != "unrelated":
            bodies[p.claim].add(p.evidence_id)
    return bodies


class _CachedSentences(dict):
    """Document id -> its sentences of 8 to 45 words with their terms, made on first use."""

    def __init__(self, documents: dict[str, str]) -> None:
        super().__init__()
        self.documents = documents

    def __missing__(self, doc_id: str) -> list[tuple[str, list[str]]]:
        value = [(s.text, tx.terms(s.text)) for s in tx.split_sentences(self.documents[doc_id])
                 if 8 <= len(s.text.split()) <= 45]
        self[doc_id] = value
        return value


def _contradict(sentence: str, names: list[str], rng: random.Random) -> str | None:
    edits = [_swap_number, _swap_weekday, _flip_negation, _swap_antonym]
    rng.shuffle(edits)
    for edit in [*edits, None]:
        if edit is None:
            return _swap_name(sentence, names, rng)
        result = edit(sentence, rng)
        if result is not None and result != sentence:
            return result
    return None


def _swap_number(sentence: str, rng: random.Random) -> str | None:
    m = _NUM.search(sentence)
    if m is None:
        return None
    value = float(m.group().replace(",", ""))
    new = value * rng.choice((2, 3, 5, 10)) if value else 7
    shown = str(int(new)) if new == int(new) else f"{new:.1f}"
    return sentence[: m.start()] + shown + sentence[m.end():]


def _swap_weekday(sentence: str, rng: random.Random) -> str | None:
    for day in _WEEKDAYS:
        if day in sentence:
            return sentence.replace(day, rng.choice([d for d in _WEEKDAYS if d != day]), 1)
    return None


def _flip_negation(sentence: str, rng: random.Random) -> str | None:
    if _NOT.search(sentence):
        return _NOT.sub("", sentence, count=1)
    m = _AUX.search(sentence)
    return sentence[: m.end()] + " not" + sentence[m.end():] if m else None


def _swap_antonym(sentence: str, rng: random.Random) -> str | None:
    for m in re.finditer(r"[A-Za-z]+", sentence):
        opposites = sorted(ANTONYMS.get(m.group().lower(), ()))
        if opposites:
            return sentence[: m.start()] + rng.choice(opposites) + sentence[m.end():]
    return None


def _swap_name(sentence: str, names: list[str], rng: random.Random) -> str | None:
    present = [n for n in names if n in sentence.lower()]
    others = [n for n in names if n not in sentence.lower() and " " in n]
    if not present or not others:
        return None
    target = max(present, key=len)
    start = sentence.lower().index(target)
    return sentence[:start] + rng.choice(others).title() + sentence[start + len(target):]
