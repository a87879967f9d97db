"""`app.py` on a free loopback port over an index of corpus/ built in a temporary folder (for benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(tmp: Path, log_file=subprocess.DEVNULL):
    """Ingest corpus/ into ``tmp`` and serve it; yields (url, port); the server's output goes to ``log_file``."""
    port = free_port()
    env = dict(os.environ, ASSISTANT_INDEX_DIR=str(tmp / "index"), ASSISTANT_DATA_DIR=str(tmp / "data"), ASSISTANT_PORT=str(port))
    subprocess.run([sys.executable, "-m", "assistant", "ingest", "--quiet"], env=env, cwd=ROOT, check=True)
    server = subprocess.Popen([sys.executable, "app.py"], env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield url, port
    finally:
        server.terminate()
        server.wait()
