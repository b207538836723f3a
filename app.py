"""Start the assistant's server (chat page at /, HTTP API, widget) with settings from the
environment (ASSISTANT_*): `python app.py`. The same as `assistant serve`."""

from assistant.server import run

if __name__ == "__main__":
    run()
