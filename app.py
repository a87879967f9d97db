"""The web app: `python app.py` serves the public chat on ASSISTANT_HOST:ASSISTANT_PORT."""

from assistant.settings import get_settings
from assistant.web import build_app

if __name__ == "__main__":
    settings = get_settings()
    build_app(settings).launch(server_name=settings.host, server_port=settings.port, footer_links=[])
