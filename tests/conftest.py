"""Shared fixtures: a real index of the project's corpus, built once per test session."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CORPUS = ROOT / "corpus"
UNSEEN = ROOT / "tests" / "corpora" / "forces"  # plain files about several forces and years, no metadata
COUNTIES = ROOT / "tests" / "corpora" / "counties"  # a third collection: other forces, kinds and years
SHIRES = ROOT / "tests" / "corpora" / "shires"  # a fourth, written after the pipeline: three more forces, 2021-2025
DALES = ROOT / "tests" / "corpora" / "dales"  # a fifth, written blind later: three more forces and a fire service
VALES = ROOT / "tests" / "corpora" / "vales"  # a sixth, written blind later still: four more forces, files as people save them
MOORS = ROOT / "tests" / "corpora" / "moors"  # a seventh, written blind: four more forces and a fire service, .txt, .md, .html
COASTS = ROOT / "tests" / "corpora" / "coasts"  # an eighth, written blind: four more forces and a fire service, other layouts
FENS = ROOT / "tests" / "corpora" / "fens"  # a ninth, written blind: four more forces and a fire service, grades in sentences
HEATHS = ROOT / "tests" / "corpora" / "heaths"  # a tenth, written blind: four more forces and a fire service, key figures, Q1/A1
MARSHES = ROOT / "tests" / "corpora" / "marshes"  # an eleventh, written blind: three more forces and a fire service, grades in headings
DOWNS = ROOT / "tests" / "corpora" / "downs"  # a twelfth, written blind: four more forces and a PFCC's fire service, Q:/A (PFCC): sheets
BROOKS = ROOT / "tests" / "corpora" / "brooks"  # a fourteenth, written blind: four more forces and a fire service, a super-complaint
FELLS = ROOT / "tests" / "corpora" / "fells"  # a thirteenth, written blind: four more forces and a fire service, a transcript
WOLDS = ROOT / "tests" / "corpora" / "wolds"  # a fifteenth, written blind: three forces, a PFCC's fire service, national and explainer pages
TORS = ROOT / "tests" / "corpora" / "tors"  # a sixteenth, written blind: three forces and a fire service, e-mail, transcript, .tsv
SETS = ROOT / "tests" / "sets"
NEWS = "news-2022-07-05-staffordshire-pfcc-child-protection.txt"
PANEL = "panel-question-2022-05-31-pfcc-child-protection-response.txt"


def make_settings(tmp: Path, **overrides) -> Settings:
    overrides.setdefault("data_dir", tmp / "data")
    overrides.setdefault("eval_dir", tmp / "data" / "eval")
    return Settings(corpus_dir=tmp / "corpus", index_dir=tmp / "index", **overrides)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def plain_corpus_settings(tmp_path_factory, folder: Path) -> Settings:
    """Settings pointing at a fresh index of a copy of one of the test corpora."""
    from assistant.ingest import ingest

    tmp = tmp_path_factory.mktemp(f"{folder.name}-index")
    shutil.copytree(folder, tmp / "corpus")
    settings = make_settings(tmp)
    ingest(settings, progress=False)
    return settings


def _corpus_fixtures(name: str, folder: Path):
    """``<name>_settings`` (an index of ``folder``, built once per session) and ``<name>_engine`` (an engine over it)."""

    @pytest.fixture(scope="session", name=f"{name}_settings")
    def settings(tmp_path_factory) -> Settings:
        return plain_corpus_settings(tmp_path_factory, folder)

    @pytest.fixture(scope="session", name=f"{name}_engine")
    def engine(request):
        from assistant.engine import AnswerEngine

        return AnswerEngine(request.getfixturevalue(f"{name}_settings"))

    return settings, engine


# The plain test collections, each with its fixtures: unseen_settings/unseen_engine, counties_settings/…
PLAIN_CORPORA = {"unseen": UNSEEN, "counties": COUNTIES, "shires": SHIRES, "dales": DALES, "vales": VALES, "moors": MOORS,
                 "coasts": COASTS, "fens": FENS, "heaths": HEATHS,
                 "marshes": MARSHES, "downs": DOWNS, "fells": FELLS, "brooks": BROOKS, "wolds": WOLDS, "tors": TORS}
for _name, _folder in PLAIN_CORPORA.items():
    globals()[f"{_name}_settings"], globals()[f"{_name}_engine"] = _corpus_fixtures(_name, _folder)


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
    from assistant.engine import AnswerEngine

    return AnswerEngine(corpus_settings, retriever)


STAFF_PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory):
    """The whole web app (public page and staff workspace) over a copy of corpus/, with staff account "alice"."""
    from assistant.answer_log import AnswerLog
    from assistant.ingest import ingest
    from assistant.web import serve

    tmp = tmp_path_factory.mktemp("staff")
    copy_corpus(tmp / "corpus")
    settings = make_settings(tmp, port=free_port())
    ingest(settings, progress=False)
    log = AnswerLog.from_settings(settings)
    log.add_staff("alice", STAFF_PASSWORD)
    serving = serve(settings, background=True, answer_log=log)
    yield serving.url, log, settings
    serving.close()


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server on loopback for this test session (Debian's postgresql)."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        pytest.skip("PostgreSQL is not installed: apt-get install postgresql (.ci/run does it)")
    bin_dir = Path(binaries[-1]).parent
    home = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    as_postgres = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(home, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data, port = home / "data", free_port()
    subprocess.run(as_postgres + [str(bin_dir / "initdb"), "-D", str(data), "-U", "assistant", "--auth=trust"],
                   check=True, capture_output=True)
    subprocess.run(as_postgres + [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w", "-o",
                                  f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    yield f"postgresql+psycopg://assistant@127.0.0.1:{port}/postgres"
    subprocess.run(as_postgres + [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: `apt-get install chromium` (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()
