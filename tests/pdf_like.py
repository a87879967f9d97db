"""Plain text as text taken from a PDF reads, for tests and benchmarks/answer_quality.py."""

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
