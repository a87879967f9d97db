"""The `assistant` command: ingest, search, ask."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .answer import STATUSES
from .settings import Settings, get_settings


class UsageError(Exception):
    """Bad input on the command line: exit status 2."""


def _settings(args) -> Settings:
    overrides = {name: value for name, value in (("corpus_dir", getattr(args, "corpus", None)), ("index_dir", getattr(args, "index", None))) if value}
    return get_settings().model_copy(update=overrides)


def _question(text: str) -> str:
    if not _is_text(text):
        raise UsageError("The question has bytes that are not UTF-8 text: check the terminal's encoding (e.g. LANG=C.UTF-8)")
    if not text.strip():
        raise UsageError("The question is empty: type a question, e.g. assistant search \"What did the inspectors find?\"")
    limit = get_settings().max_question_chars  # the one limit, as the web chat has it
    if len(text) > limit:
        raise UsageError(f"The question is {len(text):,} characters long; the limit is {limit:,} "
                         "(ASSISTANT_MAX_QUESTION_CHARS). Shorten it.")
    return text


def cmd_ingest(args) -> int:
    from .ingest import ingest

    report = ingest(_settings(args), strict=args.strict, progress=not args.quiet)
    print(report.summary())
    return 0


def _print_passages(passages, as_json: bool) -> None:
    if as_json:
        print(json.dumps([p.to_dict() for p in passages], ensure_ascii=False, indent=1))
        return
    if not passages:
        print("No passages found.")
    for rank, p in enumerate(passages, start=1):
        who = f"{p.speaker} · " if p.speaker else ""
        print(f"[{rank}] {p.title} — {who}{p.kind}, {p.date or 'undated'} (score {p.score:.3f})")
        print(f"    {p.source} characters {p.start}–{p.end}")
        print("    " + " ".join(p.text.split()) + "\n")


def cmd_search(args) -> int:
    from .retrieval import Retriever

    question = _question(args.question)
    settings = _settings(args)
    _print_passages(Retriever.from_settings(settings).search(question, args.k or settings.top_k), args.json)
    return 0


def _is_text(value: str) -> bool:
    """False for a string with lone surrogates (invalid UTF-8 bytes on the command line, "\\ud800" in JSON)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _history_problem(history) -> str | None:
    """What is wrong with a history (a JSON array of earlier questions), or None."""
    from .pipeline.input_checks import InputChecks

    if not isinstance(history, list) or InputChecks.turns(history) is None:
        return "expected a JSON array of earlier questions (strings, or {\"question\": ..., \"citations\": [...]})"
    if not _is_text(json.dumps(history, ensure_ascii=False)):
        return "has characters that are not valid text (a lone surrogate such as \\ud800)"
    return None


def _read_history(path: Path | None) -> list:
    if not path:
        return []
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"--history-json {path}: cannot read a JSON array from it ({exc})") from None
    problem = _history_problem(history)
    if problem:
        raise UsageError(f"--history-json {path}: {problem}")
    return history


def _read_batch(path: Path) -> list[dict]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--batch {path}: cannot read it ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"--batch {path} line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise UsageError(f"--batch {path} line {number}: needs a \"question\" string")
        problem = _history_problem(item.get("history", []))
        if problem:
            raise UsageError(f"--batch {path} line {number}: \"history\" {problem}")
        if not isinstance(item.get("id"), (str, int, float, type(None))) or isinstance(item.get("id"), bool) \
                or not _is_text(json.dumps(item, ensure_ascii=False)):
            raise UsageError(f"--batch {path} line {number}: \"id\" must be a string or a number, and every value "
                             "valid text (no lone surrogates such as \\ud800)")
        items.append(item)
    return items


def _print_answer(result, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    for notice in result.notices:
        print(f"Note: {notice}\n")
    if result.rewritten_question != result.question:
        print(f"(Understood as: {result.rewritten_question})\n")
    print(result.answer)
    for heading, citations in (("Sources", result.citations), ("Related reading", result.related)):
        if citations:
            print(f"\n{heading}:")
        for c in citations:
            who = f"{c.speaker}, " if c.speaker else ""
            print(f"[{c.n}] {c.title} — {who}{c.kind}, {c.date or 'undated'} ({c.source}, characters {c.start}–{c.end})")


def cmd_ask(args) -> int:
    from .engine import AnswerEngine

    if args.batch:
        items = _read_batch(args.batch)
        engine = AnswerEngine(_settings(args))
        for item in items:
            _print_answer(engine.answer(item["question"], item.get("history"), id=item.get("id")), True)
        return 0
    if args.question is None:
        raise UsageError("Give a question, or --batch FILE.jsonl")
    question = _question(args.question)
    history = _read_history(args.history_json)
    _print_answer(AnswerEngine(_settings(args)).answer(question, history), args.json)
    return 0


def _question_set(args) -> list[dict]:
    """The set named on the command line (only its ``--split`` part); a malformed set is a usage error."""
    from .evaluation.questions import BadQuestionSet, load_question_set

    try:
        return load_question_set(args.set, args.split)
    except BadQuestionSet as exc:
        raise UsageError(str(exc)) from None


def cmd_eval(args) -> int:
    from .engine import AnswerEngine
    from .evaluation.run import evaluate

    questions = _question_set(args)
    settings = _settings(args)
    run_dir, metrics, failures = evaluate(AnswerEngine(settings), questions, str(args.set),
                                          args.out or settings.eval_dir, args.baseline)
    shown = {k: v for k, v in metrics.items() if k not in ("statuses", "accuracy_by_tag")}
    print(json.dumps(shown, indent=1))
    print(f"Run written to {run_dir} (report.html, report.md, results.jsonl, metrics.json, settings.json)")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def cmd_calibrate(args) -> int:
    from .engine import AnswerEngine
    from .evaluation.calibrate import calibrate

    questions = _question_set(args)
    try:
        calibration = calibrate([(AnswerEngine(_settings(args)), questions)],
                                {"sets": [f"{args.set} ({args.split or 'all'}, {len(questions)} questions)"]})
    except ValueError as exc:
        raise UsageError(f"{args.set}: {exc}") from None
    calibration.save(args.out)
    print(f"Calibration written to {args.out} (threshold {calibration.threshold:.3f}); "
          f"use it with ASSISTANT_CALIBRATION_FILE={args.out}")
    return 0


def cmd_staff(args) -> int:
    import getpass

    from .answer_log import AnswerLog

    log = AnswerLog.from_settings(get_settings())
    if args.staff_command == "add":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass(f"Password for {args.name}: ")
            if password != getpass.getpass("Again: "):
                raise UsageError("The two passwords differ; nothing was changed.")
        try:
            log.add_staff(args.name, password)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        print(f"Staff account {args.name!r} saved; log in at /staff-login.")
    elif args.staff_command == "log":
        rows = log.recent(limit=args.limit, status=args.status or "")
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        for row in [] if args.json else rows:
            review = f" [{row['verdict']}]" if row["verdict"] else ""
            print(f"{row['id']:>6} {row['created_at']} {row['status']:<13}{review} {row['question'][:100]}")
    else:
        days = args.older_than if args.older_than is not None else get_settings().retention_days
        print(f"Deleted {log.purge(days)} answers older than {days} days.")
    return 0


def cmd_settings(args) -> int:
    from .settings import settings_table

    print(settings_table())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Answers questions about police inspection and accountability from cited documents.")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="Bring the index in step with the corpus folder (incremental).")
    ingest.add_argument("--corpus", type=Path, help="corpus folder (default: ASSISTANT_CORPUS_DIR or corpus/)")
    ingest.add_argument("--index", type=Path, help="index folder (default: ASSISTANT_INDEX_DIR or index/)")
    ingest.add_argument("--strict", action="store_true", help="fail, changing nothing, if any file would be skipped")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(run=cmd_ingest)

    search = commands.add_parser("search", help="Show the passages that best match a question.")
    search.add_argument("question")
    search.add_argument("--index", type=Path, help="index folder")
    search.add_argument("-k", type=int, help="number of passages (default: ASSISTANT_TOP_K)")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.set_defaults(run=cmd_search)

    ask = commands.add_parser("ask", help="Answer a question from the documents, with citations.")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--history-json", type=Path, metavar="FILE", help="a JSON array of the earlier questions in the conversation")
    ask.add_argument("--batch", type=Path, metavar="FILE.jsonl",
                     help='one {"id", "question", "history"} object a line; prints one JSON answer a line, in order')
    ask.add_argument("--index", type=Path, help="index folder")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.set_defaults(run=cmd_ask)

    evaluation = commands.add_parser("eval", help="Run a question set through the answer pipeline and write a report.")
    evaluation.add_argument("set", type=Path, help="question set: .jsonl, .csv or .yaml")
    evaluation.add_argument("--index", type=Path, help="index folder")
    evaluation.add_argument("--out", type=Path, help="folder for run folders (default: ASSISTANT_EVAL_DIR)")
    evaluation.add_argument("--baseline", type=Path, help="an earlier run folder to compare with")
    evaluation.add_argument("--split", help="only the questions whose `split` field is this (e.g. test: the held-back part)")
    evaluation.set_defaults(run=cmd_eval)

    calibration = commands.add_parser("calibrate", help="Fit the evidence and answerability models on a question set.")
    calibration.add_argument("set", type=Path, help="question set with answerable, must_include: .jsonl, .csv or .yaml")
    calibration.add_argument("--index", type=Path, help="index folder")
    calibration.add_argument("--split", default="calibration",
                             help="the part of the set to fit on (default: calibration; keep the test part for `eval`)")
    calibration.add_argument("--out", type=Path, default=Path("calibration.json"), help="file to write (default: calibration.json)")
    calibration.set_defaults(run=cmd_calibrate)

    staff = commands.add_parser("staff", help="Staff accounts and the answer log.")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_commands.add_parser("add", help="Create a staff account (or set a new password).")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    show = staff_commands.add_parser("log", help="List recent public answers.")
    show.add_argument("--limit", type=int, default=20)
    show.add_argument("--status", choices=STATUSES)
    show.add_argument("--json", action="store_true")
    purge = staff_commands.add_parser("purge", help="Delete logged answers older than the retention period.")
    purge.add_argument("--older-than", type=float, metavar="DAYS", help="default: ASSISTANT_RETENTION_DAYS")
    staff.set_defaults(run=cmd_staff)

    commands.add_parser("settings", help="Print the table of settings (ASSISTANT_* variables).").set_defaults(run=cmd_settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .embedding import ModelUnavailable
    from .index import IndexMissing, IndexModelMismatch
    from .ingest import IngestFailed

    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (IndexMissing, IndexModelMismatch, IngestFailed, ModelUnavailable, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
