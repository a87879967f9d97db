"""Ingest with the real model and a real Chroma: incremental, consistent, crash-safe."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.embedding import Embedder, model_path
from assistant.index import Index, IndexModelMismatch, current_version
from assistant.ingest import IngestFailed, ingest
from assistant.retrieval import Retriever

from .conftest import NEWS, PANEL, make_settings


def consistent_index(settings) -> Index:
    """Open the live index and check Chroma, BM25 rows and documents agree exactly."""
    index = Index.open(settings.index_dir, settings.embedding_model)
    stored = index.store.client.get(include=["metadatas"])
    assert len(stored["ids"]) == len(set(stored["ids"]))
    assert set(stored["ids"]) == {c.id for c in index.chunks}
    # deletes of changed and removed documents find their vectors by this field
    assert dict(zip(stored["ids"], (m["document_id"] for m in stored["metadatas"]))) == {c.id: c.document_id for c in index.chunks}
    assert {c.document_id for c in index.chunks} == set(index.documents) == set(index.manifest["documents"])
    for chunk in index.chunks:
        assert index.documents[chunk.document_id].content_hash == index.manifest["documents"][chunk.document_id]
    return index


def snapshot(folder: Path) -> dict:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock")}


def test_reingesting_an_unchanged_corpus_embeds_and_changes_nothing(work_settings):
    first = ingest(work_settings, progress=False)
    assert first.chunks_embedded > 0 and first.added == sorted([NEWS, PANEL])
    before = snapshot(work_settings.index_dir)
    again = ingest(work_settings, progress=False)
    assert again.chunks_embedded == 0 and not again.wrote
    assert again.version == first.version
    assert "up to date" in again.summary()
    assert snapshot(work_settings.index_dir) == before


def test_a_changed_document_replaces_its_chunks_and_a_removed_one_disappears(work_settings):
    ingest(work_settings, progress=False)
    news = work_settings.corpus_dir / NEWS
    news.write_text(news.read_text() + "\n\nThe panel will review progress on 14 November 2022 at Stafford.\n")
    report = ingest(work_settings, progress=False)
    assert report.changed == [NEWS] and report.unchanged == [PANEL]
    index = consistent_index(work_settings)
    assert sum("14 November 2022" in index.documents[c.document_id].text[c.start:c.end] for c in index.chunks) == 1
    top = Retriever(index, Embedder.load(""), work_settings).search("When will the panel review progress?", 1)
    assert "14 November 2022" in top[0].text

    (work_settings.corpus_dir / PANEL).unlink()
    (work_settings.corpus_dir / (PANEL + ".meta.yaml")).unlink()
    report = ingest(work_settings, progress=False)
    assert report.removed == [PANEL]
    index = consistent_index(work_settings)
    assert set(index.documents) == {NEWS}


def test_every_quotable_sentence_is_embedded_at_ingest_so_an_answer_embeds_only_the_question(work_settings, monkeypatch):
    from assistant.engine import AnswerEngine

    ingest(work_settings, progress=False)
    engine = AnswerEngine(work_settings)
    embedder = engine.retriever.embedder
    embedder.forget()
    asked = []
    original = Embedder.encode
    monkeypatch.setattr(Embedder, "encode", lambda self, texts, *a, **k: asked.extend(texts) or original(self, texts, *a, **k))
    answer = engine.answer("What did the inspectors find about the force's crime recording?")
    assert answer.citations or answer.related
    assert asked == ["What did the inspectors find about the force's crime recording?"]  # the sentences came from the index
    # and those stored vectors are the model's own (float16 keeps cosine to within 0.001)
    some = list(_quotable(engine))[:20]
    assert len(some) == 20
    direct = original(embedder, some)
    kept = engine.retriever.index.sentences.embed(some, embedder)
    assert float((direct * kept).sum(axis=1).min()) > 0.999


def _quotable(engine):
    from assistant.pipeline.evidence import quotable_texts

    index = engine.retriever.index
    for chunk in index.chunks:
        document = index.documents[chunk.document_id]
        yield from quotable_texts(document.text[chunk.start:chunk.end], document.title)


def test_a_changed_document_embeds_only_its_new_sentences(work_settings, monkeypatch):
    from assistant import ingest as ingest_module

    ingest(work_settings, progress=False)
    news = work_settings.corpus_dir / NEWS
    news.write_text(news.read_text() + "\n\nThe panel will review progress on 14 November 2022 at Stafford.\n")
    embedded = []
    original = ingest_module._embed
    monkeypatch.setattr(ingest_module, "_embed", lambda embedder, texts, *a, **k: embedded.append((texts, a[-1] if len(a) > 4 else k.get("what", "chunks"))) or original(embedder, texts, *a, **k))
    ingest(work_settings, progress=False)
    sentences = [texts for texts, what in embedded if what == "sentences"]
    assert sentences == [["The panel will review progress on 14 November 2022 at Stafford."]]


def test_opening_the_index_with_another_model_says_to_reingest(work_settings, tmp_path):
    ingest(work_settings, progress=False)
    other = tmp_path / "other-model"
    shutil.copytree(model_path(""), other)
    with pytest.raises(IndexModelMismatch, match="re-ingest"):
        Index.open(work_settings.index_dir, str(other))
    switched = work_settings.model_copy(update={"embedding_model": str(other)})
    report = ingest(switched, progress=False)
    assert set(report.added) == {NEWS, PANEL}  # everything re-embedded with the new model
    assert consistent_index(switched).manifest["embedding_model"] == str(other.resolve())


BAD_FILES = {
    "empty.txt": (b"", "no text"),
    "blank.md": (b"  \n\n ", "no text"),
    "binary.txt": (b"\x00\x01\x02ELF" * 20, "binary"),
    "broken.pdf": (b"%PDF-1.7\n this is not really a pdf", "PDF"),
    "broken.docx": (b"PK\x03\x04 not a zip", "Word"),
    "latin1.txt": ("Caf\u00e9 report on policing".encode("latin-1"), "UTF-8"),
    "photo.jpg": (b"\xff\xd8\xff", "unsupported"),
    "huge.txt": (b"Police inspection. " * 60_000, "limit"),
}


def test_bad_files_are_skipped_with_reasons_and_the_rest_ingests(work_settings):
    for name, (data, _) in BAD_FILES.items():
        (work_settings.corpus_dir / name).write_bytes(data)
    messages = []
    settings = work_settings.model_copy(update={"max_file_mb": 1})
    report = ingest(settings, progress=False, log=messages.append)
    reasons = {s.path: s.reason for s in report.skipped}
    assert set(reasons) == set(BAD_FILES)
    for name, (_, expected) in BAD_FILES.items():
        assert expected in reasons[name], (name, reasons[name])
        assert any(name in m for m in messages)
    assert set(report.added) == {NEWS, PANEL}
    assert "skipped 8 files" in report.summary()


def test_strict_fails_on_any_skip_and_leaves_the_index_unchanged(work_settings):
    ingest(work_settings, progress=False)
    before = snapshot(work_settings.index_dir)
    (work_settings.corpus_dir / "empty.txt").write_bytes(b"")
    (work_settings.corpus_dir / "new.txt").write_text("A new inspection report was published on 1 May 2024.")
    with pytest.raises(IngestFailed, match="strict"):
        ingest(work_settings, strict=True, progress=False)
    assert snapshot(work_settings.index_dir) == before


def _big_corpus(folder: Path, documents: int, marker: str) -> None:
    for i in range(documents):
        sentences = " ".join(f"Inspection finding {i}.{j} for force {i % 7} concerns {marker} and custody record {j}." for j in range(12))
        (folder / f"doc-{i:04d}.txt").write_text(f"Report {i}\n\n{sentences}\n")


def test_an_ingest_killed_while_embedding_resumes_with_the_blocks_it_finished(tmp_path, monkeypatch):
    from assistant.ingest import CACHE_DIR

    settings = make_settings(tmp_path, embedding_batch_size=2)  # blocks of 32 chunks
    settings.corpus_dir.mkdir()
    _big_corpus(settings.corpus_dir, 80, "children")  # 160 chunks: 5 blocks
    env = dict(os.environ, ASSISTANT_CORPUS_DIR=str(settings.corpus_dir), ASSISTANT_INDEX_DIR=str(settings.index_dir),
               ASSISTANT_EMBEDDING_BATCH_SIZE="2")
    process = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", "--quiet"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cache = settings.index_dir / CACHE_DIR

    def finished_blocks():  # a block is written as .partial.npz, then renamed
        return [p for p in cache.glob("*.npz") if not p.name.endswith(".partial.npz")]

    deadline = time.time() + 120
    while time.time() < deadline and len(finished_blocks()) < 2 and process.poll() is None:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert current_version(settings.index_dir) is None and len(finished_blocks()) >= 2

    encoded = []
    original = Embedder.encode
    monkeypatch.setattr(Embedder, "encode", lambda self, texts, *a, **k: encoded.extend(texts) or original(self, texts, *a, **k))
    messages = []
    report = ingest(settings, progress=False, log=messages.append)
    resumed = [m for m in messages if m.startswith("Resuming")]
    assert resumed and f"of {report.chunks_embedded} chunks were embedded" in resumed[0]
    chunks = [t for t in encoded if t.count("Inspection finding") > 1]  # not the sentences, embedded after the chunks
    assert 0 < len(chunks) <= report.chunks_embedded - 64  # at least the two finished blocks were not embedded again
    assert not cache.exists()  # a finished ingest leaves no blocks behind
    index = consistent_index(settings)
    assert len(index.documents) == 80 and Retriever(index, Embedder.load(""), settings).search("custody record 3", 3)


@pytest.mark.slow
def test_killing_ingest_at_any_moment_leaves_the_previous_or_the_complete_new_index(tmp_path):
    settings = make_settings(tmp_path)
    settings.corpus_dir.mkdir()
    _big_corpus(settings.corpus_dir, 60, "children")
    ingest(settings, progress=False)
    previous = consistent_index(settings)
    previous_version = previous.version
    _big_corpus(settings.corpus_dir, 150, "vulnerable adults")  # 60 changed, 90 new

    env = dict(os.environ, ASSISTANT_CORPUS_DIR=str(settings.corpus_dir), ASSISTANT_INDEX_DIR=str(settings.index_dir))
    outcomes = set()
    # Kill once while embedding and once after the new version folder has appeared (writing).
    for moment in ("embedding", "writing"):
        process = subprocess.Popen([sys.executable, "-m", "assistant", "ingest"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline:
            if moment == "writing" and len([p for p in settings.index_dir.glob("v*")]) > 1:
                break
            if moment == "embedding" and process.stderr.read1(4096).find(b"Embedding") >= 0:
                break
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait()
        index = consistent_index(settings)
        outcomes.add("previous" if index.version == previous_version else "new")
        if index.version == previous_version:
            assert len(index.documents) == 60
        else:
            assert len(index.documents) == 150
        assert Retriever(index, Embedder.load(""), settings).search("custody record", 3)
    assert "previous" in outcomes
    report = ingest(settings, progress=False)
    index = consistent_index(settings)
    assert len(index.documents) == 150
    assert len(list(settings.index_dir.glob("v*"))) <= 2  # half-written folders are cleaned up
    assert report.version == current_version(settings.index_dir).name
