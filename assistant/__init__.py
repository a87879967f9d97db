"""Answers the public's questions about police inspection and accountability, from cited documents."""

from .settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
