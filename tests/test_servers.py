"""Real servers: a Chroma server gives the same answers as the embedded index, and two app
instances serve together from one Chroma server and one answer log."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.engine import AnswerEngine
from assistant.answer_log import AnswerLog
from assistant.evaluation.questions import load_question_set
from assistant.index import Index
from assistant.ingest import ingest
from assistant.web import serve

from .conftest import NEWS, copy_corpus, free_port, make_settings

CHROMA = Path(sys.executable).with_name("chroma")
QUESTIONS = Path(__file__).with_name("questions.jsonl")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    if not CHROMA.exists():
        pytest.skip("the chroma command is not installed (it comes with the chromadb package)")
    port = free_port()
    process = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path_factory.mktemp("chroma-server")), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def comparable(answer) -> dict:
    data = answer.to_dict()
    for key in ("latency_ms", "index_version"):
        data.pop(key)
    for passage in data["retrieved"] + data["citations"] + data["related"]:
        passage["score"] = round(passage["score"], 3)
    return data


def test_a_chroma_server_gives_exactly_the_embedded_answers(chroma_url, corpus_settings, engine, tmp_path):
    copy_corpus(tmp_path / "corpus")
    remote = make_settings(tmp_path, chroma_url=chroma_url)
    ingest(remote, progress=False)
    assert not (Index.open(remote.index_dir, "", chroma_url).version_dir / "chroma").exists()
    served = AnswerEngine(remote)
    for question in load_question_set(QUESTIONS):
        expected = engine.answer(question["question"], question.get("history"))
        got = served.answer(question["question"], question.get("history"))
        assert comparable(got) == comparable(expected), question["id"]


def test_incremental_ingest_on_a_chroma_server_keeps_bm25_and_vectors_in_step(chroma_url, tmp_path):
    copy_corpus(tmp_path / "corpus")
    settings = make_settings(tmp_path, chroma_url=chroma_url)
    first = ingest(settings, progress=False)
    news = settings.corpus_dir / NEWS
    news.write_text(news.read_text() + "\n\nThe panel will review progress on 14 November 2022.\n")
    ingest(settings, progress=False)
    news.write_text(news.read_text() + "\n\nA further update is due in March 2023.\n")
    third = ingest(settings, progress=False)
    index = Index.open(settings.index_dir, "", chroma_url)
    stored = index.store.client.get()
    assert sorted(stored["ids"]) == sorted(c.id for c in index.chunks)
    assert index.version == third.version
    import chromadb
    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    names = {c.name for c in client.list_collections()}
    assert f"chunks-{first.version}" not in names  # older versions are dropped from the server too
    assert f"chunks-{third.version}" in names


def test_two_app_instances_serve_together_from_one_chroma_server_and_one_log(chroma_url, tmp_path):
    from gradio_client import Client

    copy_corpus(tmp_path / "corpus")
    shared = make_settings(tmp_path, chroma_url=chroma_url, database_url=f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    ingest(shared, progress=False)
    instances = [serve(shared.model_copy(update={"port": free_port()}), background=True) for _ in range(2)]
    try:
        answers = [Client(i.url, verbose=False).predict("Who wrote the response to the public question?", api_name="/ask")
                   for i in instances]
        assert answers[0]["answer"] == answers[1]["answer"] and "Ralph Butler" in answers[0]["answer"]
        # an ingest made elsewhere goes live on both without a restart
        news = shared.corpus_dir / NEWS
        news.write_text(news.read_text() + "\n\nThe panel will next review progress on 14 November 2022 at Stafford.\n")
        ingest(shared, progress=False)
        time.sleep(2.5)
        for instance in instances:
            reply = Client(instance.url, verbose=False).predict("When will the panel next review progress?", api_name="/ask")
            assert "14 November 2022" in reply["answer"], reply["answer"]
    finally:
        for instance in instances:
            instance.close()
    assert len(AnswerLog(shared.database_url).recent(limit=10)) == 4
    shutil.rmtree(tmp_path / "index", ignore_errors=True)
