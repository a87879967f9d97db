"""Shared fixtures: a real index of the project's corpus, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NEWS = "news-2022-07-05-staffordshire-pfcc-child-protection.txt"
PANEL = "panel-question-2022-05-31-pfcc-child-protection-response.txt"


def make_settings(tmp: Path, **overrides) -> Settings:
    return Settings(corpus_dir=tmp / "corpus", index_dir=tmp / "index", **overrides)


def copy_corpus(target: Path) -> Path:
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("README*"))
    return target


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """Settings pointing at a fresh index of a copy of corpus/ (do not modify it)."""
    from assistant.ingest import ingest

    tmp = tmp_path_factory.mktemp("corpus-index")
    copy_corpus(tmp / "corpus")
    settings = make_settings(tmp)
    ingest(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def retriever(corpus_settings):
    from assistant.retrieval import Retriever

    return Retriever.from_settings(corpus_settings)


@pytest.fixture
def work_settings(tmp_path) -> Settings:
    """Settings over a private, modifiable copy of corpus/ with no index yet."""
    copy_corpus(tmp_path / "corpus")
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def engine(corpus_settings, retriever):
    from assistant.answer import AnswerEngine

    return AnswerEngine(corpus_settings, retriever)
