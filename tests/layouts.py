"""A plain file in the layouts real collections come in (a PDF's text, a saved web page), for tests and
benchmarks/answer_quality.py: the reader must find the same document in each."""

import html
import re
import textwrap


def as_pdf_text(text: str, width: int = 80, page_lines: int = 14) -> str:
    """``text`` as text taken from a PDF reads: lines wrapped at ``width``, every other long word that opens a line
    broken over the line before with a hyphen, pages of ``page_lines`` lines split by form feeds, each with
    "Page k of n" and "OFFICIAL" at its foot."""
    lines = []
    for line in text.split("\n"):
        wrapped = textwrap.wrap(line, width) if len(line) > width else [line]
        for i in range(1, len(wrapped), 2):
            head, _, rest = wrapped[i].partition(" ")
            if len(head) >= 8 and head.isalpha():
                wrapped[i - 1] += f" {head[:len(head) // 2]}-"
                wrapped[i] = head[len(head) // 2:] + (f" {rest}" if rest else "")
        lines += wrapped
    pages = [lines[k:k + page_lines] for k in range(0, len(lines), page_lines)]
    return "\f".join("\n".join(page) + f"\n\nPage {k + 1} of {len(pages)}\nOFFICIAL\n" for k, page in enumerate(pages))


_PAGE_TOP = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - Police oversight</title>
<script>window.dataLayer = [];</script><style>body {{font-family: sans-serif}}</style></head><body>
<div class="cookie-banner"><p>We use some essential cookies to make this website work.</p>
<p>We'd like to set additional cookies to understand how you use the site.</p>
<button>Accept additional cookies</button><button>Reject additional cookies</button></div>
<a href="#main" class="skip-link">Skip to main content</a>
<header role="banner"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/publications">Publications</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<form><label>Search this site</label><input name="q"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/publications">Publications</a></div>
<main id="main">"""
_PAGE_FOOT = """</main><footer><h2>Support links</h2><ul><li>Accessibility statement</li><li>Privacy notice</li>
<li>Cookies</li></ul><p>All content is available under the Open Government Licence v3.0.</p><p>© Crown copyright</p>
<div class="share">Share this page: Facebook Twitter Email</div></footer></body></html>"""


def as_web_page(text: str) -> str:
    """``text`` as a saved web page: its first line the <h1>, short lines headings, other blocks paragraphs (a line
    break kept as <br>), inside a site's cookie banner, menus, search, breadcrumbs and footer."""
    blocks = text.split("\n\n")
    title, _, rest = blocks[0].partition("\n")
    body = [f"<h1>{html.escape(title)}</h1>"]
    for block in ([rest] if rest else []) + blocks[1:]:
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) == 1 and len(lines[0]) < 45 and not re.search(r"[.!?\"”]$", lines[0]):
            body.append(f"<h2>{html.escape(lines[0])}</h2>")
        elif lines:
            body.append("<p>" + "<br>\n".join(html.escape(line) for line in lines) + "</p>")
    return _PAGE_TOP.format(title=html.escape(title)) + "\n".join(body) + _PAGE_FOOT
