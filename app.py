"""The web app: `python app.py` serves the public chat on ASSISTANT_HOST:ASSISTANT_PORT (default 127.0.0.1:7860)."""

from assistant.settings import get_settings
from assistant.web import build_app, launch

if __name__ == "__main__":
    settings = get_settings()
    launch(build_app(settings), settings)
