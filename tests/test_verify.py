"""Verifier building blocks on hand-written sentences: text, retrieval, slot clashes, reasons,
the tree artifact (export, checksum) and the input readers."""
from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from crosscheck.errors import ModelLoadError
from crosscheck.verify import artifact
from crosscheck.verify import text as tx
from crosscheck.verify.antonyms import flipped
from crosscheck.verify.data import (_contradict, elsewhere_pairs, paraphrase_pairs, split,
                                    withheld_sentence_pairs, DevSet, Pair)
from crosscheck.verify.features import (FEATURES, featurize, measuring_sentence, prepare,
                                        slot_clashes)
from crosscheck.verify.io import read_documents, read_pairs
from crosscheck.verify.cross_encoder import NLI_FEATURES
from crosscheck.verify.linear import STACKED
from crosscheck.verify.reasons import GENERIC_CONTRADICTION, contradiction_reason, name_clash
from crosscheck.verify.verifier import MODEL_FEATURES

DOC = ("Defense Secretary Pete Hegseth spoke for 90 minutes on Monday.\n"
       "He said the strike was not authorised. Officials denied the report as a hoax.")


def test_sentences_keep_offsets() -> None:
    spans = tx.split_sentences(DOC)
    assert [s.text for s in spans][0].startswith("Defense Secretary")
    assert len(spans) == 3
    assert all(DOC[s.start:s.end] == s.text for s in spans)


def test_stem_matches_inflections() -> None:
    assert tx.stem("denied") == tx.stem("denies") == tx.stem("deny")
    assert tx.stem("rising") == tx.stem("rises") == tx.stem("rise")


def test_bm25_prefers_the_sentence_about_the_claim() -> None:
    sentences = [tx.terms(s.text) for s in tx.split_sentences(DOC)]
    scores = tx.bm25(tx.terms("Hegseth spoke for 90 minutes"), sentences)
    assert scores[0] > 0.2 and scores[1] == scores[2] == 0.0


def test_rare_words_weigh_more() -> None:
    assert tx.idf("hegseth") > tx.idf("said")
    assert tx.weighted_coverage(["hegseth", "said"], {"hegseth"}) > 0.5


@pytest.mark.parametrize("claim, evidence, reason", [
    ("The meeting lasted 90 minutes.", "The meeting lasted 20 minutes.",
     "number: 90 minutes (90 min) vs 20 minutes (20 min)"),
    ("The vote took place on Monday.", "The vote took place on Tuesday.", "date: Monday vs Tuesday"),
    ("Sales increased last year.", "Sales decreased last year.",
     "polarity: increased vs decreased"),
])
def test_slot_clash_names_the_slot_and_both_values(claim: str, evidence: str, reason: str) -> None:
    clashes = slot_clashes(claim, [evidence])
    assert contradiction_reason(claim, evidence, clashes) == reason


@pytest.mark.parametrize("claim, evidence", [
    ("The meeting lasted nearly 90 minutes.", "The meeting lasted more than an hour."),
    ("Sales increased last year.", "Sales increased last year, and costs decreased."),
    ("The vote took place on Monday.", "On Monday, the vote took place."),
])
def test_compatible_values_do_not_clash(claim: str, evidence: str) -> None:
    assert slot_clashes(claim, [evidence]) == ()


def test_antonym_needs_the_opposite_without_the_word_itself() -> None:
    assert flipped({"win"}, {"los"}) == [("win", "los")]
    assert flipped({"win"}, {"win", "los"}) == []


@pytest.mark.slow
def test_speaker_swap_is_found_by_the_parsed_comparison() -> None:
    claim = "Defense Secretary Pete Hegseth said the talks had failed."
    evidence = "Defense Secretary Lloyd Austin said the talks had failed."
    reason = contradiction_reason(claim, evidence, slot_clashes(claim, [evidence]))
    assert reason.startswith("speaker: ") and "Hegseth" in reason and "Austin" in reason


SAID_BY_HEGSETH = ("Defense Secretary Pete Hegseth said on Tuesday that Ukraine's goals were "
                   "unrealistic.")


@pytest.mark.slow
@pytest.mark.parametrize("claim", [
    "Lloyd Austin said Ukraine's goals were unrealistic.",
    "Ukraine's goals are unrealistic, Lloyd Austin said.",
    "According to Lloyd Austin, Ukraine's goals were unrealistic.",
])
def test_name_clash_when_the_same_words_come_from_another_person(claim: str) -> None:
    clash = name_clash(claim, [SAID_BY_HEGSETH])
    assert clash is not None and clash.slot == "speaker"
    assert clash.claim_value == "Lloyd Austin" and "Pete Hegseth" in clash.evidence_value


@pytest.mark.slow
def test_name_clash_when_another_person_takes_part() -> None:
    clash = name_clash("Putin and Biden spoke by phone on Tuesday.",
                       ["Russian President Vladimir Putin and President Donald Trump spoke by "
                        "phone on Tuesday for nearly 90 minutes."])
    assert clash is not None and (clash.slot, clash.claim_value) == ("entity", "Biden")
    assert clash.evidence_value == "Donald Trump"


@pytest.mark.slow
@pytest.mark.parametrize("claim, sentences", [
    # The same person, named shorter: the surname is in the evidence.
    ("Hegseth said Ukraine's goals were unrealistic.", [SAID_BY_HEGSETH]),
    ("Mr. Hegseth called Ukraine's goals unrealistic.", [SAID_BY_HEGSETH]),
    # Another statement, not the same one from another speaker.
    ("Lloyd Austin said the budget would grow next year.", [SAID_BY_HEGSETH]),
    # The claim's person is in the second evidence sentence.
    ("Lloyd Austin said Ukraine's goals were unrealistic.",
     [SAID_BY_HEGSETH, "Lloyd Austin agreed with him."]),
    # No person speaks in the claim.
    ("The Pentagon said Ukraine's goals were unrealistic.", [SAID_BY_HEGSETH]),
    ("Lloyd Austin met Ukraine's leaders on Tuesday.", [SAID_BY_HEGSETH]),
    # A title-case headline: spaCy takes "Adopts Boy" for a person.
    ("Argentina's President Adopts Boy to End Werewolf Curse",
     ["Argentina's President Cristina Kirchner adopted a young man to end a werewolf curse."]),
    # The same person, with a possessive on one side only.
    ("Joan Rivers' doctor Gwen Korovin took a selfie during the procedure.",
     ["Joan Rivers’ personal doctor took a selfie during the procedure."]),
])
def test_no_name_clash_for_the_same_person_or_another_statement(
        claim: str, sentences: list[str]) -> None:
    assert name_clash(claim, sentences) is None


CONTEXT_DOC = ("US Secretary Pete Hegseth spoke at NATO headquarters in Brussels on Wednesday. "
               "His remarks suggested a change of position. The goal of restoring Ukraine to "
               "its pre-2014 borders was described as unrealistic.")


@pytest.mark.slow
def test_name_clash_reads_the_evidence_sentence_in_its_document() -> None:
    # The sentence names no speaker; the one before it ("His remarks") gives it Hegseth.
    start = CONTEXT_DOC.index("The goal")
    sentence = CONTEXT_DOC[start:]
    claim = "Lloyd Austin said the goal of restoring Ukraine to its pre-2014 borders was unrealistic."
    assert name_clash(claim, [sentence]) is None  # alone, the sentence has no one to clash with
    clash = name_clash(claim, [(start, sentence)], CONTEXT_DOC)
    assert clash is not None and clash.slot == "speaker"
    assert (clash.claim_value, clash.evidence_value) == ("Lloyd Austin",
                                                         "Pete Hegseth (US Secretary)")
    same_person = claim.replace("Lloyd Austin", "Hegseth")
    assert name_clash(same_person, [(start, sentence)], CONTEXT_DOC) is None


class _BagOfWords:
    """A stand-in embedder: hashed word counts, so feature tests need no model."""

    def encode(self, texts):  # type: ignore[no-untyped-def]
        out = np.zeros((len(texts), 64), np.float32)
        for i, t in enumerate(texts):
            for w in tx.terms(t):
                out[i, zlib.crc32(w.encode()) % 64] += 1  # stable across processes
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-9, None)


def test_features_separate_related_from_unrelated_and_flag_a_denial() -> None:
    enc = _BagOfWords().encode
    doc = prepare(DOC)
    related, evidence, _ = featurize(prepare("Hegseth spoke for 90 minutes"), doc, enc)
    other, _, _ = featurize(prepare("Apple unveils a new phone in California"), doc, enc)
    clash, _, clashes = featurize(prepare("Hegseth spoke for 20 minutes"), doc, enc)
    f = {name: i for i, name in enumerate(FEATURES)}
    assert related.shape == (len(FEATURES),)
    assert evidence.indices[0] == 0
    assert related[f["cov_doc"]] > 0.8 > 0.2 > other[f["cov_doc"]]
    assert related[f["emb_best"]] > other[f["emb_best"]]
    assert clash[f["number_clash"]] == 1.0 and related[f["number_clash"]] == 0.0
    assert clashes[0].slot == "number"
    assert related[f["refute_doc"]] > 0  # "not", "denied", "hoax"



MEASURED = ("Talks between the two leaders ran late into the night.\n"
            "This call, lasting nearly 90 minutes, was their first.\n"
            "The war has gone on for over two years.\n"
            "Three boats were seized.")


@pytest.mark.parametrize(("claim", "index", "clash"), [
    ("The phone call lasted 20 minutes.", 1, ("number", "20 minutes (20 min)",
                                              "nearly 90 minutes (≈90 min)")),
    ("The phone call lasted more than an hour.", 1, None),
    ("Five boats were seized.", None, None),  # counts: often different things
    ("Profits rose for 20 minutes in Ohio.", None, None),  # no measuring sentence close enough
])
def test_measuring_sentence_is_found_beyond_shared_words(claim: str, index: int | None,
                                                         clash: tuple | None) -> None:
    found = measuring_sentence(claim, prepare(MEASURED), _BagOfWords().encode)
    if index is None:
        assert found is None
    else:
        assert found is not None and found[0] == index
        assert (found[1] and (found[1].slot, found[1].claim_value, found[1].evidence_value)) \
            == clash

def test_synthetic_contradiction_changes_the_sentence() -> None:
    import random
    sentence = "The company said on Monday that it had hired 40 new engineers in Berlin."
    edited = _contradict(sentence, ["acme corp"], random.Random(1))
    assert edited is not None and edited != sentence



def test_withheld_sentence_is_unverified_against_the_rest() -> None:
    doc = ("Rescuers reached the mine on Tuesday after a long search in the valley.\n"
           "The regional governor promised an inquiry into the collapse of the old shaft.\n"
           "Local families gathered at the gates of the mine to wait for any news.\n"
           "The regional governor promised an inquiry into the collapse of the mine shaft.")
    pairs, shortened = withheld_sentence_pairs({"d": doc}, ["d"], per_doc=3)
    # The lead is never withheld; a sentence that the rest repeats is skipped.
    assert [p.claim for p in pairs] == ["Local families gathered at the gates of the mine to "
                                        "wait for any news."]
    pair = pairs[0]
    assert (pair.label, pair.domain) == ("unverified", "synthetic")
    rest = shortened[pair.evidence_id]
    assert pair.claim not in rest and rest.startswith("Rescuers reached")
    assert "old shaft" in rest and "mine shaft" in rest


def test_paraphrases_come_from_another_body_of_the_same_headline() -> None:
    bodies = {
        "x": ("The vacuum cleaner only stopped running more than a minute after swallowing "
              "the woman's hair. Firefighters freed the woman from the robot after 40 minutes "
              "of careful work on Sunday."),
        "y": ("The robot vacuum stopped running one to two minutes after swallowing her hair "
              "in the night. Firefighters freed the woman from the robot after 90 minutes of "
              "careful work on Sunday."),
        "z": "An unrelated report about a football match in the rain on Saturday afternoon.",
    }
    pairs = (Pair("1", "Robot vacuum eats hair", "x", "supported", "agree", "x"),
             Pair("2", "Robot vacuum eats hair", "y", "unverified", "discuss", "y"),
             Pair("3", "Robot vacuum eats hair", "z", "unrelated", "unrelated", "z"))
    found = paraphrase_pairs(DevSet("fnc1", bodies, pairs), pairs)
    # The reworded sentence, both ways; not the one whose number differs (40 vs 90 minutes),
    # and nothing from the unrelated body.
    assert [(p.claim.split()[1], p.evidence_id, p.label) for p in found] == [
        ("vacuum", "y", "supported"), ("robot", "x", "supported")]


def test_elsewhere_pairs_put_a_claim_against_another_document() -> None:
    claims = [Pair(f"c{i}", f"claim {i}", f"d{i}-without-1", "unverified", "unverified",
                   f"d{i}", "synthetic") for i in range(20)]
    # d0..d9 are one story, d10..d19 another: a claim is never put against its own story.
    story = {f"d{i}": {f"d{j}" for j in range(10 * (i // 10), 10 * (i // 10) + 10)}
             for i in range(20)}
    found = elsewhere_pairs(claims, [f"d{i}" for i in range(20)], story)
    assert len(found) >= 15  # none when all three draws fall in the claim's own story
    for pair in found:
        source = next(c for c in claims if pair.id == f"else-{c.id}")
        assert pair.claim == source.claim and pair.label == "unrelated"
        assert pair.evidence_id not in story[source.group]

def test_held_out_split_is_by_document() -> None:
    pairs = tuple(Pair(f"p{i}", "c", f"d{i % 10}", "supported", "agree", f"d{i % 10}")
                  for i in range(100))
    train, held = split(DevSet("fnc1", {}, pairs))
    assert len(train) + len(held) == 100 and held
    assert not {p.evidence_id for p in train} & {p.evidence_id for p in held}
    assert split(DevSet("fnc1", {}, pairs)) == (train, held)  # seeded


def _tiny_model(tmp_path: Path) -> Path:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.RandomState(0)
    X = rng.rand(300, len(FEATURES))
    y = np.array(["supported", "contradicted", "unverified", "unrelated"])[
        (X[:, 0] * 4).astype(int)]
    X[::7, 3] = np.nan
    model = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(X, y)
    exported = artifact.from_sklearn(model, FEATURES)
    np.testing.assert_allclose(exported.predict_proba(X), model.predict_proba(X), atol=1e-9)
    path = tmp_path / "verifier.npz"
    artifact.save({"stance": exported}, path)
    return path


def test_artifact_round_trip_predicts_like_sklearn(tmp_path: Path) -> None:
    path = _tiny_model(tmp_path)
    loaded = artifact.load(path)[0]["stance"]
    X = np.random.RandomState(1).rand(50, len(FEATURES))
    assert loaded.classes == ("contradicted", "supported", "unrelated", "unverified")
    assert loaded.predict_proba(X).shape == (50, 4)


def test_artifact_checksum_mismatch_is_refused(tmp_path: Path) -> None:
    path = _tiny_model(tmp_path)
    artifact.checksum_path(path).write_text("0" * 64 + "  verifier.npz\n")
    with pytest.raises(ModelLoadError, match="does not match"):
        artifact.load(path)
    artifact.checksum_path(path).unlink()
    with pytest.raises(ModelLoadError, match="checksum file missing"):
        artifact.load(path)


def test_packaged_artifact_matches_its_checksum() -> None:
    models, extra = artifact.load()
    assert set(models) == set(MODEL_FEATURES)
    assert all(m.features == MODEL_FEATURES[name] for name, m in models.items())
    assert models["stance"].features == FEATURES + NLI_FEATURES + STACKED
    assert set(extra) == {"linear_idf", "linear_coef", "linear_intercept"}
    assert artifact.DEFAULT_MODEL.stat().st_size <= 30_000_000


def test_readers_report_bad_lines_and_missing_documents(tmp_path: Path) -> None:
    docs = tmp_path / "documents.jsonl"
    docs.write_text('{"id": "d1", "text": "Some text."}\n{"id": "d2"}\n', encoding="utf-8")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": "p1", "claim": "A claim.", "evidence_id": "d1"}\n'
                     'not json\n'
                     '{"id": "p3", "claim": "A claim.", "evidence_id": "nope"}\n',
                     encoding="utf-8")
    documents, bad_docs = read_documents(docs)
    found, bad_pairs = read_pairs(pairs, documents)
    assert list(documents) == ["d1"] and bad_docs[0].location == f"{docs}:2"
    assert [p.id for p in found] == ["p1"]
    assert [r.location for r in bad_pairs] == [f"{pairs}:2", f"{pairs}:3"]
    assert "not valid JSON" in bad_pairs[0].reason and "'nope'" in bad_pairs[1].reason


def test_binary_export_predicts_like_sklearn() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.RandomState(2)
    X = rng.rand(200, len(FEATURES))
    y = np.where(X[:, 1] + 0.2 * rng.rand(200) > 0.6, "related", "unrelated")
    model = HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(X, y)
    exported = artifact.from_sklearn(model, FEATURES)
    np.testing.assert_allclose(exported.predict_proba(X), model.predict_proba(X), atol=1e-9)


@pytest.mark.parametrize("binary", [True, False])
def test_averaged_bag_scores_the_mean_of_its_models(binary: bool) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.RandomState(3)
    X = rng.rand(300, len(FEATURES))
    labels = np.array(["supported", "contradicted", "unverified"])
    y = (np.where(X[:, 1] > 0.5, "related", "unrelated") if binary
         else labels[(X[:, 1] * 3).astype(int)])
    bag = [HistGradientBoostingClassifier(max_iter=10 + 5 * k, random_state=k, max_features=0.7)
           .fit(X, y) for k in range(3)]
    averaged = artifact.average([artifact.from_sklearn(m, FEATURES) for m in bag])
    expected = np.mean([m.decision_function(X) for m in bag], axis=0).reshape(len(X), -1)
    np.testing.assert_allclose(averaged.raw(X), expected, atol=1e-9)
    with pytest.raises(ValueError, match="same classes and features"):
        artifact.average([artifact.from_sklearn(bag[0], FEATURES),
                          artifact.from_sklearn(bag[0], tuple(reversed(FEATURES)))])


def test_a_reason_says_denied_only_for_words_that_deny() -> None:
    """A plain negation the parse did not tie to the claim is no denial: the reason stays
    generic; "hoax" and "denied" are named."""
    plain = contradiction_reason("Anna will bring the cake to the party.",
                                 "Anna says she will come, but if we want cake we should not "
                                 "count on her.", ())
    assert plain == GENERIC_CONTRADICTION
    denied = contradiction_reason("The woman had a third breast implanted.",
                                  "The story of the three-breasted woman was a hoax, her agent "
                                  "denied it.", ())
    assert denied == "the evidence denies or debunks it (denied, hoax)"
