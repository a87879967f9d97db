"""The `assistant` command, run as a user runs it."""

import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main

from .conftest import NEWS, ROOT


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), cwd=ROOT, timeout=300)


def test_search_json_gives_passages_with_source_offsets_and_metadata(corpus_settings):
    result = run("search", "What did the inspector say about child protection?", "--index", str(corpus_settings.index_dir), "-k", "3", "--json")
    assert result.returncode == 0, result.stderr
    passages = json.loads(result.stdout)
    assert len(passages) == 3
    for key in ("text", "score", "source", "title", "kind", "date", "start", "end", "speaker"):
        assert key in passages[0]
    assert any(p["source"] == NEWS and p["role"] == "inspector" for p in passages)


def test_ingest_prints_a_summary_line(work_settings):
    result = run("ingest", "--corpus", str(work_settings.corpus_dir), "--index", str(work_settings.index_dir), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Ingested 2 documents" in result.stdout and "skipped 0 files" in result.stdout


def test_strict_ingest_exits_non_zero_when_a_file_is_skipped(work_settings, capsys):
    (work_settings.corpus_dir / "empty.txt").write_bytes(b"")
    code = main(["ingest", "--corpus", str(work_settings.corpus_dir), "--index", str(work_settings.index_dir), "--strict", "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "strict" in err


def test_a_missing_index_says_to_run_ingest(tmp_path, capsys):
    assert main(["search", "anything", "--index", str(tmp_path / "nowhere")]) == 1
    assert "run `assistant ingest`" in capsys.readouterr().err


def test_empty_or_overlong_questions_exit_with_status_2(capsys):
    assert main(["search", "   "]) == 2
    assert "empty" in capsys.readouterr().err
    assert main(["ask", "x" * 1500]) == 2  # the setting's limit (1,000), as in the web chat
    assert "1,500 characters long; the limit is 1,000" in capsys.readouterr().err


def test_ask_json_gives_a_cited_answer(corpus_settings):
    result = run("ask", "Who wrote the response to the public question?", "--index", str(corpus_settings.index_dir), "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == "answered" and "Ralph Butler" in answer["answer"]
    assert answer["citations"][0]["source"].startswith("panel-question")


def test_ask_with_history_json_rewrites_the_follow_up(corpus_settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps(["What did the member of the public ask the panel?"]))
    result = run("ask", "When was it asked?", "--history-json", str(history), "--index", str(corpus_settings.index_dir), "--json")
    answer = json.loads(result.stdout)
    assert answer["rewritten_question"].endswith("(following: What did the member of the public ask the panel?)")
    assert "31 May 2022" in answer["answer"] or "31/05/2022" in answer["answer"]


def test_ask_batch_answers_every_line_in_order_and_echoes_ids(corpus_settings, tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(item) for item in [
        {"id": "a", "question": "Is Staffordshire Police in special measures?", "unknown": True},
        {"id": 2, "question": "How many forces are in that phase?", "history": ["Is Staffordshire Police in special measures?"]},
        {"id": "c", "question": ""},
    ]) + "\n")
    result = run("ask", "--batch", str(batch), "--index", str(corpus_settings.index_dir), "--json")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a", 2, "c"]
    assert [a["status"] for a in answers] == ["answered", "answered", "rejected"]
    assert "six" in answers[1]["answer"]


def test_a_malformed_batch_line_is_named_and_exits_2(tmp_path, capsys):
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"question": "ok"}\n{not json}\n')
    assert main(["ask", "--batch", str(batch)]) == 2
    assert "line 2" in capsys.readouterr().err


@pytest.mark.parametrize("line", ['{"id": "\\ud800", "question": "ok"}', '{"question": "ok", "history": [1, 2]}',
                                  '{"question": "ok", "history": "earlier"}', '{"question": "ok", "history": {"a": 1}}',
                                  '{"question": "ok", "id": [1]}', '{"question": "\\udfff"}', '[1, 2]', '{"question": 5}'],
                         ids=["surrogate-id", "int-history", "string-history", "dict-history", "list-id", "surrogate-question",
                              "array-line", "int-question"])
def test_every_kind_of_bad_batch_line_is_named_and_exits_2(tmp_path, capsys, line):
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"question": "ok"}\n' + line + "\n", encoding="utf-8")
    assert main(["ask", "--batch", str(batch)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_bad_history_files_and_arguments_that_are_not_utf8_exit_2_without_a_traceback(tmp_path):
    history = tmp_path / "history.json"
    history.write_text('["What did the inspectors find?", 7]', encoding="utf-8")
    result = run("ask", "and then?", "--history-json", str(history))
    assert result.returncode == 2 and "history.json" in result.stderr and "Traceback" not in result.stderr
    for command in ("search", "ask"):
        result = subprocess.run([sys.executable, "-m", "assistant", command, b"child protection \xff\xfe"],
                                capture_output=True, cwd=ROOT, timeout=300)
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 2 and "not UTF-8" in stderr and "Traceback" not in stderr, stderr
