"""The answer log and staff accounts: SQLite by default, PostgreSQL by ASSISTANT_DATABASE_URL.

Every public answer is stored with personal data masked (the pipeline masks the question;
the log masks again before writing, so nothing unmasked can reach a row). The schema
evolves by small numbered migrations, applied in order when the log is opened.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import math
import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

from .redaction import mask_personal_data

metadata = sa.MetaData()
answers = sa.Table(
    "answers", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("conversation_id", sa.String(32), nullable=False, index=True),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("rewritten_question", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("answer", sa.Text, nullable=False),
    sa.Column("citations", sa.Text, nullable=False),  # JSON: the answer's citations and related passages
    sa.Column("index_version", sa.String(40), nullable=False),
    sa.Column("latency_ms", sa.Float, nullable=False),
    sa.Column("verdict", sa.String(10)),  # migration 3: staff review
    sa.Column("review_note", sa.Text),
    sa.Column("reviewed_by", sa.String(100)),
    sa.Column("reviewed_at", sa.DateTime(timezone=True)),
    sa.Column("route", sa.String(40)),  # migration 4: which fixed reply fired (signposting kind, routing name)
    sa.Column("feedback", sa.String(12)),  # migration 5: the public's "helpful" / "not_helpful"
    sa.Column("feedback_note", sa.Text),
    sa.Column("feedback_at", sa.DateTime(timezone=True)),
)
staff_users = sa.Table(
    "staff_users", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
staff_sessions = sa.Table(
    "staff_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)
login_failures = sa.Table(
    "login_failures", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
)
schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

REVIEW_COLUMNS = ("verdict", "review_note", "reviewed_by", "reviewed_at")
FEEDBACK_COLUMNS = ("feedback", "feedback_note", "feedback_at")
FEEDBACK = ("helpful", "not_helpful")
LATER_COLUMNS = REVIEW_COLUMNS + ("route",) + FEEDBACK_COLUMNS  # added by migrations after the first
# What the log keeps of each citation: enough to show the answer exactly as the public saw it.
CITATION_FIELDS = ("n", "source", "start", "end", "title", "speaker", "role", "speaker_date", "date", "kind", "text",
                   "highlights", "score")


def _m1_answers(conn) -> None:
    # The original answers table, without the review columns that migration 3 adds.
    table = sa.Table("answers", sa.MetaData(), *[c._copy() for c in answers.columns if c.name not in LATER_COLUMNS])
    table.create(conn)  # with the indexes its columns declare


def _m2_staff(conn) -> None:
    for table in (staff_users, staff_sessions, login_failures):
        table.create(conn)


def _m3_reviews(conn) -> None:
    for column, kind in (("verdict", "VARCHAR(10)"), ("review_note", "TEXT"), ("reviewed_by", "VARCHAR(100)"),
                         ("reviewed_at", "TIMESTAMP WITH TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME")):
        conn.execute(sa.text(f"ALTER TABLE answers ADD COLUMN {column} {kind}"))


def _m4_route(conn) -> None:
    conn.execute(sa.text("ALTER TABLE answers ADD COLUMN route VARCHAR(40)"))


def _m5_feedback(conn) -> None:
    for column, kind in (("feedback", "VARCHAR(12)"), ("feedback_note", "TEXT"),
                         ("feedback_at", "TIMESTAMP WITH TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME")):
        conn.execute(sa.text(f"ALTER TABLE answers ADD COLUMN {column} {kind}"))


MIGRATIONS = [_m1_answers, _m2_staff, _m3_reviews, _m4_route, _m5_feedback]  # never reorder or edit: append


FREE_ATTEMPTS = 3  # failed logins before each further attempt must wait
FIRST_WAIT_S = 5  # the first wait; each further failure doubles it
MAX_WAIT_S = 300


class Throttled(Exception):
    """Too many failed logins for one name: ``wait`` seconds before the next attempt."""

    def __init__(self, wait: float):
        seconds = max(1, math.ceil(wait))
        super().__init__(f"Too many failed attempts. Try again in {seconds} second{'s' if seconds != 1 else ''}.")
        self.wait = wait


def wait_needed(failures: int, last: datetime | None) -> float:
    """Seconds before another login attempt is allowed: doubling after the free attempts."""
    if failures < FREE_ATTEMPTS or last is None:
        return 0.0
    wait = min(FIRST_WAIT_S * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_S)
    return max(0.0, wait - (now() - last).total_seconds())


def now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def hash_password(password: str) -> str:
    """scrypt (n=2**14, r=8, p=1) with a random salt, in one self-describing string."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


class AnswerLog:
    """Stores public answers and staff accounts in one database."""

    def __init__(self, url: str):
        options = {"future": True}
        if url.startswith("sqlite"):
            options["connect_args"] = {"timeout": 30, "check_same_thread": False}
        self.engine = sa.create_engine(url, **options)
        if self.engine.dialect.name == "sqlite":
            @sa.event.listens_for(self.engine, "connect")
            def _sqlite_pragmas(connection, _record):
                cursor = connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=30000")
                cursor.close()
        self.migrate()

    @classmethod
    def from_settings(cls, settings) -> "AnswerLog":
        if settings.database_url:
            return cls(settings.database_url)
        Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{Path(settings.data_dir) / 'answers.sqlite3'}")

    # --- schema -------------------------------------------------------------------

    def migrate(self) -> int:
        """Apply the migrations not yet applied; returns the schema version."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # two instances starting together migrate once
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(74201)"))
            schema_migrations.create(conn, checkfirst=True)
            done = {row[0] for row in conn.execute(sa.select(schema_migrations.c.version))}
            for version, migration in enumerate(MIGRATIONS, start=1):
                if version not in done:
                    migration(conn)
                    conn.execute(schema_migrations.insert().values(version=version, applied_at=now()))
        return len(MIGRATIONS)

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.max(schema_migrations.c.version))).scalar() or 0

    # --- answers ------------------------------------------------------------------

    def record(self, answer: dict, conversation_id: str) -> int:
        """Store one public answer (the JSON answer); returns its id."""
        def kept(citations: list) -> list[dict]:
            return [{k: c[k] for k in CITATION_FIELDS if k in c} for c in citations]

        row = {
            "created_at": now(), "conversation_id": conversation_id[:32],
            "question": mask_personal_data(answer["question"])[0],
            "rewritten_question": mask_personal_data(answer.get("rewritten_question") or answer["question"])[0],
            "status": answer["status"], "answer": answer["answer"], "route": (answer.get("route") or "")[:40] or None,
            "citations": json.dumps({"citations": kept(answer.get("citations", [])), "related": kept(answer.get("related", [])),
                                     "notices": answer.get("notices", [])}),
            "index_version": answer.get("index_version", ""), "latency_ms": float(answer.get("latency_ms") or 0),
        }
        with self.engine.begin() as conn:
            return conn.execute(answers.insert().values(**row)).inserted_primary_key[0]

    def _filters(self, words: str = "", status: str = "", since=None, until=None) -> list:
        conditions = []
        if status:
            conditions.append(answers.c.status == status)
        if since:
            conditions.append(answers.c.created_at >= since)
        if until:
            conditions.append(answers.c.created_at < until)
        for word in words.split():
            pattern = f"%{word.lower()}%"
            conditions.append(sa.or_(sa.func.lower(answers.c.question).like(pattern),
                                     sa.func.lower(answers.c.answer).like(pattern),
                                     sa.func.lower(answers.c.rewritten_question).like(pattern)))
        return conditions

    def recent(self, limit: int = 50, status: str = "", words: str = "", since=None, until=None) -> list[dict]:
        query = sa.select(answers).where(*self._filters(words, status, since, until)).order_by(answers.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [self._row(r) for r in conn.execute(query).mappings()]

    def get(self, answer_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(answers).where(answers.c.id == answer_id)).mappings().first()
        return self._row(row) if row else None

    @staticmethod
    def _row(row) -> dict:
        data = dict(row)
        data["created_at"] = _aware(data["created_at"]).isoformat(timespec="seconds")
        for when in ("reviewed_at", "feedback_at"):
            if data.get(when):
                data[when] = _aware(data[when]).isoformat(timespec="seconds")
        stored = json.loads(data.pop("citations") or "{}")
        data.update(citations=stored.get("citations", []), related=stored.get("related", []), notices=stored.get("notices", []))
        return data

    def review(self, answer_id: int, verdict: str, note: str, reviewer: str) -> bool:
        if verdict not in ("correct", "incorrect"):
            raise ValueError("A review is 'correct' or 'incorrect'")
        with self.engine.begin() as conn:
            result = conn.execute(answers.update().where(answers.c.id == answer_id).values(
                verdict=verdict, review_note=mask_personal_data(note)[0][:2000], reviewed_by=reviewer, reviewed_at=now()))
        return result.rowcount == 1

    def feedback(self, answer_id: int, conversation_id: str, verdict: str, note: str) -> bool:
        """The public's verdict on one of its own answers (the conversation id must match); the note is
        masked and cut to 500 characters. The last word counts. False when there is no such answer."""
        if verdict not in FEEDBACK:
            raise ValueError(f"feedback is one of {', '.join(FEEDBACK)}")
        with self.engine.begin() as conn:
            done = conn.execute(answers.update().where(answers.c.id == answer_id, answers.c.conversation_id == conversation_id)
                                .values(feedback=verdict, feedback_note=mask_personal_data(note[:2000])[0][:500] or None,
                                        feedback_at=now())).rowcount
        return bool(done)

    def purge(self, older_than_days: float) -> int:
        cutoff = now() - timedelta(days=older_than_days)
        with self.engine.begin() as conn:
            return conn.execute(answers.delete().where(answers.c.created_at < cutoff)).rowcount

    def summary(self, since=None) -> dict:
        """Answers per day and per status, the questions the documents could not answer, the messages
        that got a fixed reply: signposted (danger or distress) and routed (greetings, complaints, attempts
        to change the rules …), each with the route that fired, and the public's feedback."""
        conditions = self._filters(since=since)
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(answers.c.created_at, answers.c.status).where(*conditions)).all()
            gaps = conn.execute(sa.select(answers.c.question, sa.func.count().label("times"))
                                .where(answers.c.status == "unanswerable", *conditions)
                                .group_by(answers.c.question).order_by(sa.desc("times"), answers.c.question).limit(50)).all()
            fixed = conn.execute(sa.select(answers.c.id, answers.c.created_at, answers.c.status, answers.c.route, answers.c.question)
                                 .where(answers.c.route.is_not(None), *conditions)
                                 .order_by(answers.c.id.desc()).limit(100)).all()
            rated = conn.execute(sa.select(answers.c.id, answers.c.created_at, answers.c.feedback, answers.c.feedback_note,
                                           answers.c.question)
                                 .where(answers.c.feedback.is_not(None), *conditions).order_by(answers.c.id.desc())).all()
        per_day: dict[str, dict[str, int]] = {}
        by_status: dict[str, int] = {}
        for created, status in rows:
            day = _aware(created).date().isoformat()
            per_day.setdefault(day, {})
            per_day[day][status] = per_day[day].get(status, 0) + 1
            by_status[status] = by_status.get(status, 0) + 1
        routed = [{"id": i, "created_at": _aware(c).isoformat(timespec="seconds"), "status": st, "route": r, "question": q}
                  for i, c, st, r, q in fixed]
        return {"per_day": dict(sorted(per_day.items())), "by_status": by_status,
                "content_gaps": [{"question": q, "times": n} for q, n in gaps],
                "signposted": [m for m in routed if m["status"] == "signposted"],
                "routed": [m for m in routed if m["status"] != "signposted"],
                "feedback": {verdict: sum(1 for r in rated if r.feedback == verdict) for verdict in FEEDBACK},
                "not_helpful": [{"id": r.id, "created_at": _aware(r.created_at).isoformat(timespec="seconds"),
                                 "question": r.question, "note": r.feedback_note or ""}
                                for r in rated if r.feedback == "not_helpful"][:50]}

    @staticmethod
    def to_csv(rows: list[dict]) -> str:
        out = io.StringIO()
        fields = ["id", "created_at", "conversation_id", "status", "route", "question", "rewritten_question", "answer",
                  "sources", "index_version", "latency_ms", "verdict", "review_note", "reviewed_by", "reviewed_at",
                  "feedback", "feedback_note", "feedback_at"]
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            cells = dict(row, sources="; ".join(f"[{c['n']}] {c['source']} {c['start']}-{c['end']}" for c in row["citations"]))
            # a cell starting with = + - @ (or a tab or carriage return before one) would be a formula in a spreadsheet
            writer.writerow({k: ("'" + v if isinstance(v, str) and v and v[0] in "=+-@\t\r" else v) for k, v in cells.items()})
        return out.getvalue()

    # --- staff accounts ---------------------------------------------------------------

    def add_staff(self, name: str, password: str) -> None:
        if not name.strip() or len(name) > 100:
            raise ValueError("A staff name is 1 to 100 characters")
        if len(password) < 12:
            raise ValueError("The password must be at least 12 characters")
        with self.engine.begin() as conn:
            conn.execute(staff_users.delete().where(staff_users.c.name == name))
            conn.execute(staff_users.insert().values(name=name, password_hash=hash_password(password), created_at=now()))
            conn.execute(staff_sessions.delete().where(staff_sessions.c.name == name))  # a new password ends every session

    def failed_logins(self, name: str) -> tuple[int, datetime | None]:
        """Attempts since the last successful login for ``name``, and when the latest was made."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(login_failures).where(login_failures.c.name == name)).first()
        return (row.failures, _aware(row.last_failure)) if row else (0, None)

    def _claim_attempt(self, name: str) -> float:
        """Count a login attempt before its password is checked; the seconds to wait first if it may not run.

        A compare-and-swap on the count (``WHERE failures = <the count read>``), so parallel guesses
        each claim a different count and no more of them are checked than the throttle allows.
        """
        for _ in range(20):
            failures, last = self.failed_logins(name)
            wait = wait_needed(failures, last)
            if wait > 0:
                return wait
            try:
                with self.engine.begin() as conn:
                    if failures == 0 and last is None:
                        conn.execute(login_failures.insert().values(name=name, failures=1, last_failure=now()))
                        return 0.0
                    claimed = conn.execute(login_failures.update()
                                           .where(login_failures.c.name == name, login_failures.c.failures == failures)
                                           .values(failures=failures + 1, last_failure=now())).rowcount
                if claimed:
                    return 0.0
            except sa.exc.IntegrityError:  # another attempt inserted the first count: read it again
                continue
        return 1.0  # a crowd of parallel guesses: this one waits

    def check_login(self, name: str, password: str) -> bool:
        """True for the right password. Every attempt is counted before the password is checked; after
        FREE_ATTEMPTS failures each further attempt must wait (raises ``Throttled``), doubling each time."""
        wait = self._claim_attempt(name)
        if wait > 0:
            raise Throttled(wait)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(staff_users.c.password_hash).where(staff_users.c.name == name)).first()
        # hash even for unknown names, so timing does not tell which names exist
        ok = check_password(password, row.password_hash if row else hash_password("not a user")) and row is not None
        if ok:
            with self.engine.begin() as conn:
                conn.execute(login_failures.delete().where(login_failures.c.name == name))
        return ok

    def start_session(self, name: str, hours: float) -> str:
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(staff_sessions.delete().where(staff_sessions.c.expires_at < now()))
            conn.execute(staff_sessions.insert().values(token_hash=_token_hash(token), name=name,
                                                        expires_at=now() + timedelta(hours=hours)))
        return token

    def session_user(self, token: str | None) -> str | None:
        if not token:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(staff_sessions).where(staff_sessions.c.token_hash == _token_hash(token))).first()
        return row.name if row and _aware(row.expires_at) > now() else None

    def end_session(self, token: str | None) -> None:
        if token:
            with self.engine.begin() as conn:
                conn.execute(staff_sessions.delete().where(staff_sessions.c.token_hash == _token_hash(token)))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
