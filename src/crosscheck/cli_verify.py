"""``crosscheck verify`` (one claim, or a batch of pairs) and ``crosscheck train-verifier``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from crosscheck.errors import CrosscheckError


def _read_evidence(evidence: str) -> str:
    if evidence == "-":
        return sys.stdin.read()
    try:
        return Path(evidence).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read evidence file {evidence}: {exc}") from exc


def _render(result, pair_id: str | None, fmt: str) -> str:  # type: ignore[no-untyped-def]
    if fmt == "jsonl":
        return json.dumps(result.to_json(pair_id), ensure_ascii=False)
    head = f"{pair_id}: " if pair_id else ""
    lines = [f"{head}{result.label} ({result.score:.2f}): {result.reason}"]
    lines += [f"  [{e.start}-{e.end}] {e.text}" for e in result.evidence]
    return "\n".join(lines)


@click.command()
@click.option("--claim", help="The claim to check (single form).")
@click.option("--evidence", help="File with the evidence text, or - for standard input.")
@click.option("--pairs", "pairs_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Batch form: pairs.jsonl with {id, claim, evidence_id} per line.")
@click.option("--documents", "documents_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Batch form: documents.jsonl with {id, text} per line.")
@click.option("--format", "-f", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl",
              show_default=True, help="One JSON object per pair, or readable text.")
@click.option("--model", type=click.Path(exists=True, path_type=Path),
              help="A verifier .npz trained here, or a local Hugging Face NLI cross-encoder "
                   "directory (default: the packaged verifier).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results here instead of standard output.")
def verify(claim: str | None, evidence: str | None, pairs_path: Path | None,
           documents_path: Path | None, fmt: str, model: Path | None,
           output: Path | None) -> None:
    """Is a claim supported, contradicted, unverified or unrelated, given the evidence?"""
    single = claim is not None or evidence is not None
    batch = pairs_path is not None or documents_path is not None
    if single == batch or (single and not (claim and evidence)) or (
            batch and not (pairs_path and documents_path)):
        raise click.UsageError("give either --claim and --evidence, or --pairs and --documents")
    from crosscheck.verify.verifier import load_verifier
    try:
        verifier = load_verifier(model)
        if single:
            assert claim is not None and evidence is not None
            lines = [_render(verifier.verify(claim, _read_evidence(evidence)), None, fmt)]
        else:
            assert pairs_path is not None and documents_path is not None
            lines = _verify_batch(verifier, pairs_path, documents_path, fmt)
    except CrosscheckError as exc:
        raise click.ClickException(str(exc)) from exc
    text = "".join(line + "\n" for line in lines)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"crosscheck: wrote {len(lines)} results to {output}", err=True)


def _verify_batch(verifier, pairs_path: Path, documents_path: Path,  # type: ignore[no-untyped-def]
                  fmt: str) -> list[str]:
    from crosscheck.verify.io import read_documents, read_pairs

    documents, rejected = read_documents(documents_path)
    pairs, bad_pairs = read_pairs(pairs_path, documents)
    for item in rejected + bad_pairs:
        click.echo(f"crosscheck: skipped {item.location}: {item.reason}", err=True)
    return [_render(verifier.verify(p.claim, documents[p.evidence_id]), p.id, fmt) for p in pairs]


@click.command("train-verifier")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True,
              help="Folder holding fnc1/, summedits/ and claimdiff/ dev sets.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the packaged verifier.npz).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the training report (default: beside the model).")
def train_verifier(data_root: Path, out: Path | None, report: Path | None) -> None:
    """Train the verifier on the dev splits' training part (fixed seed) and save it."""
    from crosscheck.verify import artifact
    from crosscheck.verify.train import train

    out = out or artifact.DEFAULT_MODEL
    report = report or out.with_name(out.stem + "-report.md")
    train(data_root, out, report, log=lambda m: click.echo(m, err=True))


@click.command("train-nli")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True,
              help="Folder holding nli/ and the fnc1/, summedits/, claimdiff/ dev sets.")
@click.option("--rows", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the training rows here and stop (to train on another machine with "
                   "`python -m crosscheck.verify.train_nli --rows DIR ...`).")
@click.option("--device", default=None, help="torch device (default: cuda if present, else cpu).")
def train_nli(data_root: Path, rows: Path | None, device: str | None) -> None:
    """Train the NLI cross-encoder and export it to ONNX (models/nli-minilm*); ~9 min on
    one H100 GPU."""
    import tempfile

    from crosscheck.nlp.embed import _packaged_fp32_dir
    from crosscheck.verify import cross_encoder, nli_data, nli_onnx, train_nli as trainer

    log = lambda m: click.echo(m, err=True)  # noqa: E731
    if rows is not None:
        nli_data.write(data_root, rows, log)
        return
    with tempfile.TemporaryDirectory(prefix="crosscheck-nli-") as folder:
        nli_data.write(data_root, Path(folder), log)
        trainer.main(["--rows", folder, "--base", str(_packaged_fp32_dir()),
                      "--out", str(cross_encoder.DEFAULT_MODEL.parent)]
                     + (["--device", device] if device else []))
    digest = nli_onnx.export(cross_encoder.DEFAULT_MODEL, nli_onnx.DEFAULT_ONNX,
                             _packaged_fp32_dir())
    log(f"wrote {nli_onnx.DEFAULT_ONNX} (sha256 {digest}); now run `make model`")


COMMANDS = (verify, train_verifier, train_nli)
