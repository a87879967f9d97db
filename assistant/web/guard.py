"""What the server lets through, before any route runs.

- Only the routes the pages use are reachable: the public page, its assets, its queue, the
  one public API (`ask`), feedback and the footer's pages; the staff workspace's routes under /staff. Everything else Gradio
  mounts (its upload and file routes for the public, monitoring, other functions' API names)
  answers 404.
- A request body larger than the limit answers 413 before anything reads it.
- A queue or API call must name one of the page's own events and send all its input values
  (Gradio answers anything else with a 500 and a traceback).
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
    "GET": re.compile(rf"(?:{_PAGE}|/gradio_api/call/ask/[\w-]+|/(privacy|accessibility|contact))"),
    "POST": re.compile(r"/gradio_api/(queue/join|(call|run|api)/ask/?)|/feedback"),
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
        call = _CALL.search(path)
        if call:
            problem = _event_problem(body, self.events["/staff" if is_staff(path) else ""], call["api_name"])
            if problem:
                return await _refuse(scope, receive, send, *problem)
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


_CALL = re.compile(r"/gradio_api/(?:queue/join|(?:call|run|api)/(?P<api_name>\w+)/?)$")


def _event_problem(body: bytes, blocks, api_name: str | None) -> tuple[int, str] | None:
    """Why a call cannot run (an event the page does not have, too few input values), or None.

    Gradio itself answers these with a 500 and a traceback in the server log.
    """
    try:
        request = json.loads(body)
    except ValueError:
        return None  # not JSON: Gradio answers 422 itself
    if not isinstance(request, dict):
        return None
    if api_name:
        fn = next((f for f in blocks.fns.values() if f.api_name == api_name), None)
    else:
        index = request.get("fn_index")
        fn = blocks.fns.get(index) if isinstance(index, int) and not isinstance(index, bool) else None
    if fn is None:
        return 404, "No such event on this page"
    data = request.get("data")
    if isinstance(data, list) and len(data) < len(fn.inputs):
        return 422, f"This call takes {len(fn.inputs)} input values (data); it sent {len(data)}"
    return None


async def _refuse(scope, receive, send, status: int, message: str):
    await JSONResponse({"error": message}, status_code=status)(scope, receive, send)
