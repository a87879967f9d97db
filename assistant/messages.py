"""The wording the public reads, loaded from `messages.yaml` (or ASSISTANT_MESSAGES_FILE)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT = Path(__file__).with_name("messages.yaml")


@lru_cache(maxsize=4)
def load_messages(path: Path | None = None) -> dict:
    source = path or DEFAULT
    try:
        messages = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"Cannot read the messages file {source}: {exc}. Fix it or unset ASSISTANT_MESSAGES_FILE.") from None
    missing = {"rejected", "signposting", "routing", "unanswerable", "attribution"} - set(messages or {})
    if missing:
        raise ValueError(f"The messages file {source} lacks {', '.join(sorted(missing))}; start from {DEFAULT}.")
    return messages
