"""The web app: `python app.py` serves the public chat on ASSISTANT_HOST:ASSISTANT_PORT (default
127.0.0.1:7860) and the staff workspace at /staff."""

from assistant.settings import get_settings
from assistant.web import serve

if __name__ == "__main__":
    serve(get_settings())
