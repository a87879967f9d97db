"""The web surfaces: the public chat (and its `/ask` API) and the staff workspace, served together."""

from .server import Serving, create_server, serve

__all__ = ["Serving", "create_server", "serve"]
