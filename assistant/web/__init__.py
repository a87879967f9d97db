"""The web surfaces: the public chat (and its `/ask` API)."""

from .public import build_app, launch

__all__ = ["build_app", "launch"]
