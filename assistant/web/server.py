"""One web server: the public chat at /, the staff workspace at /staff behind a login.

Everything under /staff (pages, Gradio's API and queue, file and upload routes, the CSV
export, evaluation downloads) answers 401 without a valid staff session: a middleware
checks the session cookie before any staff route runs. ``guard.py`` closes every route the
pages do not use and caps request bodies.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time

import gradio as gr
import uvicorn
from fastapi import FastAPI, Form, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from ..engine import AnswerEngine
from ..answer_log import FEEDBACK, AnswerLog, Throttled
from ..messages import load_messages
from ..settings import Settings
from .guard import Guard
from .public import SCRIPT, STYLE, THEME, TYPE, build_app
from .render import esc, our_wording
from .staff import REPORTS, build_staff_app, export_rows

COOKIE = "assistant_staff"
INFORMATION_PAGES = ("privacy", "accessibility", "contact")  # linked from the public page's footer
log = logging.getLogger(__name__)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:19px;line-height:1.45;max-width:38rem;
margin:2rem auto;color:#0b0c0c;padding:0 1rem}}@media (max-width:640px){{body{{font-size:16px}}}}
label{{display:block;margin-top:1rem;font-weight:700}}input{{width:100%;padding:.5rem;font-size:1rem;border:2px solid #0b0c0c;box-sizing:border-box}}
button{{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem;background:#1d4f91;color:#fff;border:0}}
a{{color:#1d4f91}}a:focus,input:focus,button:focus{{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}}
.error{{border-left:5px solid #942514;padding:.4rem .8rem;background:#fff7f5}}</style></head>
<body><main>{body}</main></body></html>"""
LOGIN_FORM = """<h1>Staff login</h1>{message}
<form method="post" action="/staff-login"><label for="name">Name</label><input id="name" name="name" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form>"""


def login_html(message: str = "") -> str:
    return PAGE.format(title="Staff login", body=LOGIN_FORM.format(message=message))


def create_server(settings: Settings, engine: AnswerEngine | None = None, answer_log: AnswerLog | None = None) -> FastAPI:
    engine = engine or AnswerEngine(settings)
    answer_log = answer_log or AnswerLog.from_settings(settings)
    purged = answer_log.purge(settings.retention_days)
    if purged:
        log.info("purged %d answers older than %d days", purged, settings.retention_days)
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    def staff_user(request: Request) -> str | None:
        return answer_log.session_user(request.cookies.get(COOKIE))

    @api.middleware("http")
    async def staff_only(request: Request, call_next):
        if request.url.path == "/staff" or request.url.path.startswith("/staff/"):
            user = await asyncio.to_thread(staff_user, request)
            if user is None:
                if request.method == "GET" and request.url.path in ("/staff", "/staff/"):
                    return RedirectResponse("/staff-login", status_code=303)
                return JSONResponse({"error": "Staff only: log in at /staff-login"}, status_code=401)
        response = await call_next(request)
        if request.url.path.startswith("/staff"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @api.get("/staff-login", response_class=HTMLResponse)
    def login_page():
        return login_html()

    @api.post("/staff-login")
    def login(request: Request, name: str = Form(...), password: str = Form(...)):
        try:
            ok = answer_log.check_login(name, password)
        except Throttled as exc:
            return HTMLResponse(login_html(f"<p class='error' role='alert'>{esc(str(exc))}</p>"), status_code=429)
        if not ok:
            time.sleep(0.5)  # every failure costs time
            return HTMLResponse(login_html("<p class='error' role='alert'>That name and password do not match.</p>"), status_code=401)
        token = answer_log.start_session(name, settings.staff_session_hours)
        response = RedirectResponse("/staff/", status_code=303)
        response.set_cookie(COOKIE, token, max_age=int(settings.staff_session_hours * 3600), httponly=True,
                            samesite="strict", secure=request.url.scheme == "https", path="/")
        return response

    @api.get("/staff-logout")
    def logout(request: Request):
        answer_log.end_session(request.cookies.get(COOKIE))
        response = RedirectResponse("/staff-login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    messages = load_messages(settings.messages_file)

    def information(name: str):
        def page():
            text = messages.get("pages", {}).get(name)
            if not text:
                return JSONResponse({"error": f"No {name} page: add pages.{name} to the messages file"}, status_code=404)
            body = (f"<h1>{esc(text['title'])}</h1>{our_wording(text['body'].format(retention_days=settings.retention_days))}"
                    "<p><a href='/'>Back to the assistant</a></p>")
            return HTMLResponse(PAGE.format(title=esc(text["title"]), body=body))
        return page

    for name in INFORMATION_PAGES:  # the footer's pages, worded in messages.yaml
        api.add_api_route(f"/{name}", information(name), methods=["GET"])

    @api.post("/feedback")
    async def feedback(request: Request):
        """The public's verdict on one of its answers: {"answer": id, "conversation": id, "feedback", "note"}."""
        try:
            given = await request.json()
        except ValueError:
            given = None
        answer = given.get("answer") if isinstance(given, dict) else None
        if not (isinstance(answer, int) and not isinstance(answer, bool) and 0 < answer < 2**53
                and isinstance(given.get("conversation"), str) and given.get("feedback") in FEEDBACK
                and isinstance(given.get("note", ""), str)):
            return JSONResponse({"error": 'Send {"answer": id, "conversation": id, "feedback": "helpful" or "not_helpful", '
                                          '"note": text}'}, status_code=422)
        stored = await asyncio.to_thread(answer_log.feedback, given["answer"], given["conversation"][:64], given["feedback"],
                                         given.get("note", ""))
        return JSONResponse({"ok": True} if stored else {"error": "No such answer in this conversation"},
                            status_code=200 if stored else 404)

    @api.get("/staff/export.csv")
    def export(request: Request):
        try:
            body = export_rows(answer_log, dict(request.query_params))
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return Response(body, media_type="text/csv", headers={"Content-Disposition": "attachment; filename=answers.csv"})

    @api.get("/staff/eval/{run}/{name}")
    def eval_file(run: str, name: str):
        if not re.fullmatch(r"[\w.-]+", run) or name not in REPORTS:
            return JSONResponse({"error": "No such file"}, status_code=404)
        path = settings.eval_dir / run / name
        if not path.is_file():
            return JSONResponse({"error": "No such run"}, status_code=404)
        # the HTML report opens in the browser (and may run nothing); the rest download
        inline = name == "report.html"
        return FileResponse(path, filename=f"{run}-{name}", content_disposition_type="inline" if inline else "attachment",
                            headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"})

    staff = build_staff_app(settings, engine, answer_log)
    public = build_app(settings, engine, answer_log)
    # No cross-origin reads (Gradio's own CORS lets any localhost page read); errors shown only as we word them.
    api.add_middleware(CORSMiddleware, allow_origins=[])
    upload_bytes = int(settings.max_upload_mb * 1024 * 1024)
    api.add_middleware(Guard, events={"": public, "/staff": staff}, max_body_bytes=settings.max_request_kb * 1024,
                       max_staff_body_bytes=upload_bytes + 64 * 1024)  # the file and its multipart wrapping
    sizes = f"<style>{TYPE.read_text(encoding='utf-8')}</style>"
    mount = {"css_paths": [STYLE], "theme": THEME, "footer_links": [], "show_error": False, "enable_monitoring": False,
             "max_file_size": upload_bytes}
    api = gr.mount_gradio_app(api, staff, path="/staff", auth_dependency=staff_user, head=sizes, **mount)
    api = gr.mount_gradio_app(api, public, path="", head=sizes + f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>", **mount)
    return api


class Serving:
    """A server running in a background thread (tests, benchmarks); ``close()`` stops it."""

    def __init__(self, app: FastAPI, host: str, port: int):
        self.server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 60
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        self.url = f"http://{host}:{port}/"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(settings: Settings, background: bool = False, **parts):
    """Serve on ASSISTANT_HOST:ASSISTANT_PORT; in the background, return a ``Serving``."""
    app = create_server(settings, **parts)
    if background:
        return Serving(app, settings.host, settings.port)
    print(f"Serving the public chat on http://{settings.host}:{settings.port}/ (staff: /staff)", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")

