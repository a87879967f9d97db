"""Answer quality on two corpora, calibrated on one part of each question set and reported on the other.

    .venv/bin/python benchmarks/answer_quality.py              # report (the shipped calibration)
    .venv/bin/python benchmarks/answer_quality.py --calibrate  # fit on the calibration parts, write
                                                               # assistant/pipeline/calibration.json, then report

Sets: the team's (tests/questions.jsonl over corpus/) and two unseen ones (tests/sets/forces.jsonl
over tests/corpora/forces/, 33 plain documents about several forces and years; tests/sets/counties.jsonl
over tests/corpora/counties/, 17 plain documents about three other forces; tests/sets/shires.jsonl over
tests/corpora/shires/, 22 plain documents about three more forces, written after the pipeline; tests/sets/dales.jsonl
over tests/corpora/dales/, 17 plain documents about three more forces and a fire service, written blind in a later
session and split before its first run; tests/sets/vales.jsonl over tests/corpora/vales/, 20 plain files about four more
forces and a fire service, written blind in the session after and split before its first run; tests/sets/moors.jsonl over
tests/corpora/moors/, 19 files (.txt, .md and a saved .html page) about four more forces and a fire service, written blind
in the session after that and split before its first run; tests/sets/coasts.jsonl over tests/corpora/coasts/, 19 files about
four more forces and a fire service (grades grouped under each grade, a sheet as a markdown table, numbered paragraphs,
meeting notes, saved web pages), written blind in the session after that and split before its first run; tests/sets/fens.jsonl over
tests/corpora/fens/, 19 files about four more forces and a fire service (grades written in sentences, an accountability board's notes,
a national thematic naming several forces), written blind in the session after that and split before its first run; tests/sets/heaths.jsonl
over tests/corpora/heaths/, 20 files about four more forces and a fire service (grades in a bulleted list and on dotted lines, Q1/A1
public questions, numbered minutes, a joint custody inspection, a web page with a table), written blind in the session after that and
split before its first run; tests/sets/marshes.jsonl over tests/corpora/marshes/, 20 files about three more forces and a fire service
(grades in Markdown headings and tab-separated lines, a decision notice, 'Question from:' / 'Answer from …:' pairs), written blind the
same session after heaths' changes and split before its first run; tests/sets/downs.jsonl over tests/corpora/downs/, 20 files about
four more forces and a commissioner's fire service (grades in a pipe table, 'Asked by: / Q: / A (PFCC):' sheets, a reply letter quoting
its question, a saved statement page, key figures in bullets, a decision record), written blind in a later session and split before its
first run; tests/sets/fells.jsonl over tests/corpora/fells/, 20 files about four more forces and a fire service (grades on 'Judgement:'
lines and under question headings, an action-plan table, a webcast transcript, minutes as a Markdown table, an e-mail thread with the
question quoted below the answer), written blind in the session after and split before its first run; tests/sets/brooks.jsonl over
tests/corpora/brooks/, 18 files about four more forces and a fire service (grades on dash lines, a super-complaint, a saved page named
by its headline), written blind in the session after that; tests/sets/wolds.jsonl over tests/corpora/wolds/, 18 files about three more
forces and a commissioner's fire service (a PEEL report as pdftotext lays it out, an FOI response, a blog with front matter, a news
story with reader comments, a misconduct notice of 'Label: value' lines, a fixed-width table, a webform export, a national extract,
two explainers), written blind two sessions after that and split before its first run; tests/sets/tors.jsonl over
tests/corpora/tors/, 18 files about three more forces and a fire service (an HTML table of grades, an e-mail reply above the
message it answers, running headers and '– 4 –' page marks, Q./A. lines, a timestamped webcast transcript, a numbered thread,
a .tsv export of public questions, a press release with ENDS), written blind later that session and split before its first
run; and the same files as a PDF's text reads, "as-pdf": hard-wrapped, words
broken over lines, pages with their numbers and a running footer; and as saved web pages, "as-web": inside a site's
cookie banner, menus, breadcrumbs and footer).
Each question has
``split``: calibration or test. Also prints the safeguarding rates (tests/sets/safeguarding.jsonl)
and the full-answer latency on the project's corpus.

Targets: answerable right ≥ 90%, unanswerable declined ≥ 95%, follow-ups ≥ 90%, danger and
distress signposted 100% with ≤ 5% of ordinary child-protection questions signposted, answer p95
≤ 150 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.settings import Settings  # noqa: E402  (sets the offline environment first)

SETS = {
    "team": (ROOT / "corpus", ROOT / "tests" / "questions.jsonl"),
    "unseen": (ROOT / "tests" / "corpora" / "forces", ROOT / "tests" / "sets" / "forces.jsonl"),
    "counties": (ROOT / "tests" / "corpora" / "counties", ROOT / "tests" / "sets" / "counties.jsonl"),
    "shires": (ROOT / "tests" / "corpora" / "shires", ROOT / "tests" / "sets" / "shires.jsonl"),
    "dales": (ROOT / "tests" / "corpora" / "dales", ROOT / "tests" / "sets" / "dales.jsonl"),
    "vales": (ROOT / "tests" / "corpora" / "vales", ROOT / "tests" / "sets" / "vales.jsonl"),
    "moors": (ROOT / "tests" / "corpora" / "moors", ROOT / "tests" / "sets" / "moors.jsonl"),
    "coasts": (ROOT / "tests" / "corpora" / "coasts", ROOT / "tests" / "sets" / "coasts.jsonl"),
    "fens": (ROOT / "tests" / "corpora" / "fens", ROOT / "tests" / "sets" / "fens.jsonl"),
    "heaths": (ROOT / "tests" / "corpora" / "heaths", ROOT / "tests" / "sets" / "heaths.jsonl"),
    "marshes": (ROOT / "tests" / "corpora" / "marshes", ROOT / "tests" / "sets" / "marshes.jsonl"),
    "downs": (ROOT / "tests" / "corpora" / "downs", ROOT / "tests" / "sets" / "downs.jsonl"),
    "fells": (ROOT / "tests" / "corpora" / "fells", ROOT / "tests" / "sets" / "fells.jsonl"),
    "brooks": (ROOT / "tests" / "corpora" / "brooks", ROOT / "tests" / "sets" / "brooks.jsonl"),
    "wolds": (ROOT / "tests" / "corpora" / "wolds", ROOT / "tests" / "sets" / "wolds.jsonl"),
    "tors": (ROOT / "tests" / "corpora" / "tors", ROOT / "tests" / "sets" / "tors.jsonl"),
}
SAFEGUARDING = ROOT / "tests" / "sets" / "safeguarding.jsonl"
CALIBRATION = ROOT / "assistant" / "pipeline" / "calibration.json"


LAYOUTS = "dales"  # also read as a PDF's text reads, and as saved web pages (tests/layouts.py)


def laid_out_corpus(corpus: Path, folder: Path, layout: str) -> None:
    from tests.layouts import as_pdf_text, as_web_page

    folder.mkdir(parents=True)
    for path in corpus.iterdir():
        if path.is_file() and not path.name.startswith("README"):
            text = path.read_text(encoding="utf-8")
            if layout == "as-pdf":
                (folder / path.name).write_text(as_pdf_text(text), encoding="utf-8")
            else:
                (folder / f"{path.stem}.html").write_text(as_web_page(text), encoding="utf-8")


def as_web_questions(questions: list[dict]) -> list[dict]:
    """The questions, with the sources they expect named as the web pages are."""
    return [dict(q, expected_sources=[Path(s).with_suffix(".html").name for s in q.get("expected_sources", [])])
            for q in questions]


def engine_for(corpus: Path, work: Path, layout: str = ""):
    from assistant.engine import AnswerEngine
    from assistant.ingest import ingest

    folder = work / (corpus.name + (f"-{layout}" if layout else ""))
    if (folder / "corpus").exists():
        shutil.rmtree(folder / "corpus")
    if layout:
        laid_out_corpus(corpus, folder / "corpus", layout)
    else:
        shutil.copytree(corpus, folder / "corpus", ignore=shutil.ignore_patterns("README*"))
    settings = Settings(corpus_dir=folder / "corpus", index_dir=folder / "index", data_dir=folder / "data")
    ingest(settings, progress=False)
    return AnswerEngine(settings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calibrate", action="store_true", help=f"fit on the calibration parts and write {CALIBRATION.name}")
    parser.add_argument("--work", type=Path, help="folder for the indexes (default: a temporary folder)")
    parser.add_argument("--show", action="store_true",
                        help="list the calibration parts' questions answered wrongly (the test parts' stay held back)")
    parser.add_argument("--show-test", action="store_true", help="also list the test parts' wrong answers (for reports, not tuning)")
    args = parser.parse_args()

    from assistant.evaluation.calibrate import calibrate
    from assistant.evaluation.metrics import summarise
    from assistant.evaluation.questions import load_question_set
    from assistant.evaluation.run import run_questions

    work = args.work or Path(tempfile.mkdtemp(prefix="answer-quality-"))
    print(f"Indexes in {work}", file=sys.stderr)
    engines = {name: engine_for(corpus, work) for name, (corpus, _) in SETS.items()}
    parts = {(name, split): load_question_set(path, split) for name, (_, path) in SETS.items() for split in ("calibration", "test")}
    reported = dict(parts)
    for layout in ("as-pdf", "as-web"):
        engines[layout] = engine_for(SETS[LAYOUTS][0], work, layout)
        for split in ("calibration", "test"):
            reported[layout, split] = as_web_questions(parts[LAYOUTS, split]) if layout == "as-web" else parts[LAYOUTS, split]
    if args.calibrate:
        sets = [f"{SETS[name][1].relative_to(ROOT)} (calibration, {len(parts[name, 'calibration'])} questions)" for name in SETS]
        calibration = calibrate([(engines[name], parts[name, "calibration"]) for name in SETS], {"sets": sets})
        calibration.save(CALIBRATION)
        print(f"Wrote {CALIBRATION.relative_to(ROOT)} (threshold {calibration.threshold:.3f})", file=sys.stderr)

    print(f"{'set':8} {'part':12} {'questions':>9} {'answerable right':>17} {'declined':>9} {'follow-ups':>11} {'hit@3':>6} {'wrongly declined':>17}"
          f" {'other quotes':>13}")
    for (name, split), questions in reported.items():
        results, scores = run_questions(engines[name], questions, progress=False)
        m = summarise(questions, results, scores)

        def count(kind):
            flags = [s["correct"] for q, s in zip(questions, scores) if kind(q) and "correct" in s]
            return f"{sum(flags)}/{len(flags)} {sum(flags) / len(flags):.0%}" if flags else "-"

        answerable = [s for q, s in zip(questions, scores) if q.get("answerable") is True]
        # of the answerable questions answered wrongly, how many were declined (the rest quote the wrong thing)
        declined_answerable = f"{sum(not s['answered'] for s in answerable)}/{sum(not s['correct'] for s in answerable)}"
        # of the quotes in answers to answerable questions, how many are from documents the question does not name
        # (a second quote from another document is often beside the point)
        cited = [(c["source"], q.get("expected_sources", [])) for q, r in zip(questions, results)
                 if q.get("answerable") is True and r["status"] == "answered" for c in r["citations"]]
        other = f"{sum(source not in expected for source, expected in cited)}/{len(cited)}"
        print(f"{name:8} {split:12} {len(questions):9} {count(lambda q: q.get('answerable') is True):>17} "
              f"{count(lambda q: q.get('answerable') is False):>9} "
              f"{count(lambda q: q.get('history') and q.get('answerable') is True):>11} {m.get('hit@3', 0):6.2f} {declined_answerable:>17}"
              f" {other:>13}")
        if args.show and split == "calibration" or args.show_test:
            for q, r, s in zip(questions, results, scores):
                if s.get("correct") is False:
                    print(f"    ✗ {q['id']} [{r['status']}] {q['question']}  →  {r['answer'][:160]!r}")

    engine = engines["team"]
    safeguarding = load_question_set(SAFEGUARDING)
    for kind in ("danger", "ordinary"):
        items = [q for q in safeguarding if kind in q.get("tags", [])]
        signposted = [q["question"] for q in items if engine.answer(q["question"]).status == "signposted"]
        missed = signposted if kind == "ordinary" else [q["question"] for q in items if q["question"] not in signposted]
        print(f"safeguarding {kind}: {len(signposted)}/{len(items)} signposted ({len(signposted) / len(items):.0%})"
              + (f"; wrong: {missed}" if missed and args.show else ""))

    questions = [q for q in parts["team", "test"] + parts["team", "calibration"]]
    for q in questions[:5]:  # warm up
        engine.answer(q["question"])
    latencies = []
    for q in questions:
        engine.retriever.embedder.forget()
        latencies.append(engine.answer(q["question"]).latency_ms)
    ordered = sorted(latencies)
    print(f"answer latency from cold on the project's corpus: p50 {statistics.median(ordered):.0f} ms, "
          f"p95 {ordered[int(round(0.95 * (len(ordered) - 1)))]:.0f} ms ({len(ordered)} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
