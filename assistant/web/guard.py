"""What the server lets through, before any route runs.

- Only the routes the pages use are reachable: the public page, its assets, its queue and the
  one public API (`ask`); the staff workspace's routes under /staff. Everything else Gradio
  mounts (its upload and file routes for the public, monitoring, other functions' API names)
  answers 404.
- A request body larger than the limit answers 413 before anything reads it.
- A queue request must name one of the page's own events (a made-up one answers 404, not 500).
- Staff routes refuse requests sent from another site's page, another port on this host
  included (a browser sends the staff cookie to every port of the same host).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from starlette.responses import JSONResponse

_PAGE = (r"/?|/config/?|/theme\.css|/favicon\.ico|/robots\.txt|/(assets|static|svelte)/[\w./@-]+"
         r"|/gradio_api/(info/?|heartbeat/[\w-]+|queue/data|startup-events|theme\.css)")
PUBLIC = {
    "GET": re.compile(rf"(?:{_PAGE}|/gradio_api/call/ask/[\w-]+)"),
    "POST": re.compile(r"/gradio_api/(queue/join|(call|run|api)/ask/?)"),
}
STAFF = {  # under /staff, once logged in (server.py checks the login)
    "GET": re.compile(rf"/staff(?:{_PAGE}|/gradio_api/(upload_progress|file=.+)|/export\.csv|/eval/[\w.-]+/[\w.-]+)"),
    "POST": re.compile(r"/staff/gradio_api/(queue/join|upload)"),
}
OWN = {"GET": re.compile(r"/staff-(login|logout)"), "POST": re.compile(r"/staff-login")}
BODY_METHODS = ("POST", "PUT", "PATCH")


def allowed(method: str, path: str) -> bool:
    method = "GET" if method == "HEAD" else method
    return any(table.get(method) and table[method].fullmatch(path) for table in (PUBLIC, STAFF, OWN))


def is_staff(path: str) -> bool:
    return path.startswith("/staff")  # /staff, /staff/…, /staff-login, /staff-logout


class Guard:
    """ASGI middleware around the whole server; ``events`` maps a mount path to its Blocks."""

    def __init__(self, app, events: dict, max_body_bytes: int, max_staff_body_bytes: int):
        self.app, self.events = app, events
        self.max_body_bytes, self.max_staff_body_bytes = max_body_bytes, max_staff_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        method, path = scope["method"], scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not allowed(method, path):
            return await _refuse(scope, receive, send, 404, "Not found")
        if is_staff(path) and "origin" in headers and urlsplit(headers["origin"]).netloc != headers.get("host"):
            return await _refuse(scope, receive, send, 403, "Staff pages answer only their own pages")
        if method not in BODY_METHODS:
            return await self.app(scope, receive, send)
        limit = self.max_staff_body_bytes if is_staff(path) else self.max_body_bytes
        body = await _read_body(receive, headers, limit)
        if body is None:
            return await _refuse(scope, receive, send, 413, f"The request is larger than {limit:,} bytes")
        if path.endswith("/gradio_api/queue/join"):
            blocks = self.events["/staff" if is_staff(path) else ""]
            if not _names_an_event(body, blocks):
                return await _refuse(scope, receive, send, 404, "No such event on this page")
        return await self.app(scope, _replay(body, receive), send)


async def _read_body(receive, headers: dict, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes ``limit`` bytes (what was declared or what came)."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b""  # the client went away
        size += len(message.get("body", b""))
        if size > limit:
            return None
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(parts)


def _replay(body: bytes, receive):
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _names_an_event(body: bytes, blocks) -> bool:
    try:
        request = json.loads(body)
    except ValueError:
        return True  # not JSON: Gradio answers 422 itself
    fn = request.get("fn_index") if isinstance(request, dict) else None
    return isinstance(fn, int) and not isinstance(fn, bool) and fn in blocks.fns


async def _refuse(scope, receive, send, status: int, message: str):
    await JSONResponse({"error": message}, status_code=status)(scope, receive, send)
