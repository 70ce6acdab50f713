"""Conflict quality on real, dirty news: hand labels and planted edits, per slot.

    .venv/bin/python bench/conflict_quality.py [--data ../shared/data] [--verifier on off]
        [--planted-stories 40] [--sets gva meter basil ecbplus] [--dump DIR]

a) *Labels* (``bench/labels/gva/``): every report of the labelled GVA dev incidents compared as
   one story (copies dropped, as corpus mode does); each listed conflict is matched with the
   disagreements a reader found and the verdicts given to listed conflicts. Precision and recall
   per slot; conflicts no label covers are counted apart (``--dump`` writes them, with their
   claims, for labelling: outside the repository, since they quote the articles).
b) *Planted edits*: one corroborated fact of one report changed per story and kind; recall per
   kind (a conflict on the edited claim, on the right slot), and conflicts per 10 unedited
   stories.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.conflictlab.labels import (LABELS, load_corroborations,  # noqa: E402
                                      load_disagreements, load_judged, meets, same_slot)
from bench.conflictlab.listing import (LABEL_SLOTS, Agreed, Listed, agreements,  # noqa: E402
                                       listed_conflicts)
from bench.conflictlab.planted import KINDS, Outcome, apply, plant, score  # noqa: E402
from bench.conflictlab.stories import Story, load_stories  # noqa: E402
from crosscheck.model import Report  # noqa: E402
from crosscheck.pipeline import Settings, compare_articles  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TARGETS = ("targets on dev: conflict precision >= 0.85, recall >= 0.60, planted-edit recall >= "
           "0.85 for every kind, corroboration precision >= 0.90, at most 1 false conflict per "
           "10 GVA stories")


def labelled_stories(data: Path) -> list[Story]:
    wanted = set((LABELS / "incidents.txt").read_text().split())
    return [s for s in load_stories(data, "gva") if s.gold in wanted]


def article_texts(stories: list[Story]) -> dict[str, str]:
    return {a.external_id or a.id: f"{a.title or ''}\n{a.text}" for s in stories
            for a in (*s.articles, *(c for c, _ in s.copies))}


def copy_map(stories: list[Story]) -> dict[str, str]:
    return {c.external_id or c.id: o.external_id or o.id for s in stories for c, o in s.copies}


def score_labels(reports: dict[str, Report], stories: list[Story]) -> dict:
    """Precision and recall per slot against the labels."""
    labels = [d for d in load_disagreements(article_texts(stories), copy_map(stories))
              if d.incident in reports]
    judged = load_judged()
    listed = [c for s in stories for c in listed_conflicts(reports[s.gold], "gva", s.gold)]
    rows: dict[str, Counter] = defaultdict(Counter)
    unlabelled: list[Listed] = []
    for conflict in listed:
        label = next((d for d in labels if meets(conflict, d)), None)
        verdict = judged.get(conflict.key)
        if label is not None and label.kind == "conflict":
            rows[conflict.slot]["real"] += 1
        elif label is not None or (verdict is not None and verdict.verdict == "false"):
            rows[conflict.slot]["false"] += 1
        elif verdict is not None:
            rows[conflict.slot]["real"] += 1
        else:
            rows[conflict.slot]["unlabelled"] += 1
            unlabelled.append(conflict)
    for label in labels:
        if label.kind != "conflict":
            continue
        rows[label.slot]["truth"] += 1
        hits = [c for c in listed if meets(c, label)]
        rows[label.slot]["found"] += any(same_slot(c, label) for c in hits)
        rows[label.slot]["other_slot"] += bool(hits) and not any(same_slot(c, label)
                                                                  for c in hits)
    agreed = [g for s in stories for g in agreements(reports[s.gold], s.gold)]
    verdicts = load_corroborations()
    judged_agreed = [verdicts[g.key] for g in agreed if g.key in verdicts]
    return {"rows": rows, "unlabelled": unlabelled, "listed": listed,
            "updates": sum(1 for d in labels if d.kind == "update"), "agreed": agreed,
            "agreed_real": judged_agreed.count("real"), "agreed_false": judged_agreed.count("false"),
            "agreed_same_outlet": sum(g.same_outlet for g in agreed)}


def run_planted(stories: list[Story], settings: Settings, base: dict[str, Report]
                ) -> tuple[list[Outcome], int]:
    """Outcomes of every plantable edit, and the conflicts listed on the unedited stories."""
    names = sorted({f"{e.label}:{e.text}" for r in base.values() for c in r.claims
                    for e in c.entities if e.label in ("PERSON", "GPE")})
    outcomes: list[Outcome] = []
    unedited = 0
    for story in stories:
        report = base[story.gold]
        unedited += len(listed_conflicts(report, story.dataset, story.gold))
        mine = {e.text for c in report.claims for e in c.entities}
        others = [n for n in names if n.split(":", 1)[1] not in mine]
        for kind in KINDS:
            edit = plant(kind, report, others)
            if edit is None:
                continue
            edited = compare_articles(apply(edit, story.articles), settings)
            outcomes.append(score(edit, edited, story.dataset, story.gold))
    return outcomes, unedited


def compare_all(stories: list[Story], settings: Settings) -> dict[str, Report]:
    return {s.gold: compare_articles(s.articles, settings) for s in stories}


def print_label_table(results: dict[str, dict]) -> None:
    modes = list(results)
    head = "| slot | labelled | " + " | ".join(
        f"found ({m}) | recall ({m}) | listed real / false / unlabelled ({m}) | precision ({m})"
        for m in modes) + " |"
    print(head)
    print("|" + "---|" * (2 + 4 * len(modes)))
    for slot in (*LABEL_SLOTS, "all"):
        cells = []
        truth = 0
        for mode in modes:
            rows = results[mode]["rows"]
            row = (sum(rows.values(), Counter()) if slot == "all" else rows.get(slot, Counter()))
            truth = row["truth"]
            recall = row["found"] / truth if truth else float("nan")
            judged = row["real"] + row["false"]
            precision = row["real"] / judged if judged else float("nan")
            cells.append(f"{row['found']} | {recall:.2f} | {row['real']} / {row['false']} / "
                         f"{row['unlabelled']} | {precision:.2f}")
        if truth or any(results[m]["rows"].get(slot) for m in modes) or slot == "all":
            print(f"| {slot} | {truth} | " + " | ".join(cells) + " |")


def print_corroboration(results: dict[str, dict]) -> None:
    for mode, result in results.items():
        judged = result["agreed_real"] + result["agreed_false"]
        precision = result["agreed_real"] / judged if judged else float("nan")
        print(f"corroboration ({mode}): {len(result['agreed'])} agreeing claim pairs, "
              f"{result['agreed_same_outlet']} of one outlet; labelled {judged}: "
              f"{result['agreed_real']} real, {result['agreed_false']} false, "
              f"precision {precision:.2f}")


def print_planted_table(results: dict[str, tuple[list[Outcome], dict[str, tuple[int, int]]]]
                        ) -> None:
    modes = list(results)
    print("| edit | " + " | ".join(f"planted ({m}) | found on slot ({m}) | any slot ({m})"
                                    for m in modes) + " |")
    print("|" + "---|" * (1 + 3 * len(modes)))
    for kind in (*KINDS, "all"):
        cells = []
        for mode in modes:
            outcomes = [o for o in results[mode][0] if kind == "all" or o.edit.kind == kind]
            n = len(outcomes)
            found = sum(o.found for o in outcomes) / n if n else float("nan")
            anywhere = sum(o.any_slot for o in outcomes) / n if n else float("nan")
            cells.append(f"{n} | {found:.2f} | {anywhere:.2f}")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    for mode in modes:
        for name, (listed, stories) in results[mode][1].items():
            print(f"conflicts listed on the {stories} unedited {name} stories ({mode}): {listed} "
                  f"({10 * listed / max(stories, 1):.1f} per 10 stories)")


def dump(folder: Path, mode: str, result: dict, stories: list[Story]) -> None:
    """The unlabelled conflicts with their claims, for a reader to judge (not for the repo)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {a.external_id: a.text for s in stories for a in s.articles}
    with open(folder / f"unlabelled-{mode}.jsonl", "w", encoding="utf-8") as out:
        for c in result["unlabelled"]:
            row = {"story": c.story, "a": c.a, "a_claim": list(c.a_claim), "b": c.b,
                   "b_claim": list(c.b_claim), "slot": c.slot, "a_value": c.a_value,
                   "b_value": c.b_value, "a_text": texts[c.a][slice(*c.a_claim)],
                   "b_text": texts[c.b][slice(*c.b_claim)]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    labelled = load_corroborations()
    fresh = sorted((g for g in result["agreed"] if g.key not in labelled),
                   key=lambda g: hashlib.sha1(repr(g.key).encode()).hexdigest())
    with open(folder / f"agreed-{mode}.jsonl", "w", encoding="utf-8") as out:
        for g in fresh:
            row = {"story": g.story, "a": g.a, "a_claim": list(g.a_claim), "b": g.b,
                   "b_claim": list(g.b_claim), "reason": g.reason,
                   "a_text": texts[g.a][slice(*g.a_claim)], "b_text": texts[g.b][slice(*g.b_claim)]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--verifier", nargs="+", choices=("on", "off"), default=["off", "on"])
    parser.add_argument("--sets", nargs="+", default=["gva", "meter", "basil", "ecbplus"])
    parser.add_argument("--planted-stories", type=int, default=40,
                        help="stories per set for the planted edits (gva gets twice as many)")
    parser.add_argument("--no-planted", action="store_true")
    parser.add_argument("--dump", type=Path, help="write unlabelled conflicts here")
    args = parser.parse_args()
    labelled = labelled_stories(args.data)
    planted_sets = {name: load_stories(args.data, name)[:args.planted_stories * (
        2 if name == "gva" else 1)] for name in args.sets}
    label_results, planted_results = {}, {}
    for mode in args.verifier:
        settings = Settings(use_verifier=mode == "on")
        started = time.perf_counter()
        reports = compare_all(labelled, settings)
        label_results[mode] = score_labels(reports, labelled)
        if args.dump:
            dump(args.dump, mode, label_results[mode], labelled)
        if not args.no_planted:
            outcomes: list[Outcome] = []
            unedited: dict[str, tuple[int, int]] = {}
            for name, stories in planted_sets.items():
                base = compare_all(stories, settings)
                found, listed = run_planted(stories, settings, base)
                outcomes += found
                unedited[name] = (listed, len(stories))
            planted_results[mode] = (outcomes, unedited)
        print(f"verifier {mode}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(f"a) labels: {len(labelled)} GVA dev incidents "
          f"({sum(len(s.articles) for s in labelled)} independent reports)")
    print_label_table(label_results)
    for mode, result in label_results.items():
        row = sum(result["rows"].values(), Counter())
        print(f"false conflicts per 10 labelled GVA stories ({mode}): "
              f"{10 * row['false'] / len(labelled):.2f} (and {row['unlabelled']} conflicts "
              f"no label covers)")
    print_corroboration(label_results)
    if planted_results:
        print(f"\nb) planted edits ({', '.join(args.sets)})")
        print_planted_table(planted_results)
    print(f"\n{TARGETS}")


if __name__ == "__main__":
    main()
