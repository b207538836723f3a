"""What the browser tests share: Debian's Chromium (through Playwright), the app on a loopback
port with the real Assistant, plain host pages on an allowed and a foreign origin, a page that
fails its test if anything leaves the machine, screenshots, and axe-core.

Test modules import the fixtures they use (`from browser_support import browser, page, sites`).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import LiveServer, free_port

from assistant.schema import Delta, StreamEvent
from assistant.server import create_app
from assistant.settings import Settings

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "Which tools are used for model serving?"
SECTION = "MLOps Engineer Tools & Technologies > Model Serving"
XSS = (
    '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b> model serving?'
)
TIMEOUT = 30_000  # ms, for each wait
GUIDE = ROOT / "corpus" / "mlops-engineer-career-guide.md"


def flat(text: str) -> str:
    return " ".join(text.split())


class SlowStream:
    """The real Assistant, streaming `delay` seconds per piece so a browser sees the stream."""

    def __init__(self, assistant: Any, delay: float) -> None:
        self._assistant = assistant
        self.delay = delay

    def __getattr__(self, name: str) -> Any:
        return getattr(self._assistant, name)

    def stream(self, question: Any, history: Any = None) -> Iterator[StreamEvent]:
        for event in self._assistant.stream(question, history):
            if isinstance(event, Delta):
                time.sleep(self.delay)
            yield event


def host_page(app_url: str, title: str, attrs: str = "") -> bytes:
    """A plain blog page: its own header, main and footer landmarks and a fixed button of its own
    in the bottom-right corner (the widget's `data-offset` keeps clear of it)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font: 16px/1.5 Georgia, serif; max-width: 720px; margin: 0 auto; padding: 0 12px;
color: #333; }} h1 {{ color: #5b2a86; }}
#top {{ position: fixed; right: 16px; bottom: 16px; min-height: 44px; }}</style></head>
<body>
<header><h1>{title}</h1></header>
<main><p>A plain page on another origin. The chat button in the corner comes from one script
tag.</p>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.</p>
</main>
<footer><button id="top" type="button">Back to top</button></footer>
<script src="{app_url}/widget.js" defer data-title="Career guide assistant"
        data-position="bottom-right" data-color="#5b2a86" {attrs}></script>
</body></html>""".encode()


def iframe_page(app_url: str) -> bytes:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>iframe</title></head>
<body><iframe id="assistant" src="{app_url}/" title="MLOps career guide assistant"
style="width:100%;height:640px;border:0"></iframe></body></html>""".encode()


def readme_iframe_page(app_url: str) -> bytes:
    """A phone-ready page holding the README's iframe snippet, exactly as documented."""
    readme = (ROOT / "README.md").read_text()
    snippet = re.search(r"<iframe .*?</iframe>", readme, re.S)
    assert snippet, "the README has no iframe snippet"
    frame = snippet.group(0).replace("http://127.0.0.1:7860", app_url)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Framed</title>
</head><body><h1>A page that frames the assistant</h1>{frame}</body></html>""".encode()


class PageServer:
    """A plain HTTP server on 127.0.0.1 that serves a few fixed pages."""

    def __init__(self, port: int, pages: dict[str, bytes]) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                body = pages.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body or b"not found")

            def log_message(self, *args: Any) -> None:
                pass

        self.url = f"http://127.0.0.1:{port}"
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def sites(
    real_index_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    from assistant.core import Assistant

    host_port, foreign_port = free_port(), free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    data_dir = tmp_path_factory.mktemp("browser-data")
    settings = Settings(index_dir=real_index_dir, data_dir=data_dir, allowed_origins=[host_origin])
    assistant = Assistant.from_settings(**settings.model_dump())
    assistant.ask(QUESTION)  # load the index and the model before the browser waits on them
    app = create_app(settings, SlowStream(assistant, delay=0.03))  # type: ignore[arg-type]
    with LiveServer(app) as server:
        pages = {
            "/widget.html": host_page(server.url, "Careers blog"),
            "/iframe.html": iframe_page(server.url),
            "/readme-iframe.html": readme_iframe_page(server.url),
            "/offset.html": host_page(
                server.url,
                "Careers blog",
                'data-offset="16 76" data-examples="How much is the CKA?|What is MLflow for?"',
            ),
        }
        foreign = {
            "/widget.html": host_page(server.url, "Not allowed"),
            "/iframe.html": iframe_page(server.url),
        }
        with PageServer(host_port, pages) as host, PageServer(foreign_port, foreign) as other:
            yield {
                "app": server.url,
                "host": host.url,
                "foreign": other.url,
                "db": data_dir / settings.feedback_db,
                "store": app.state.feedback,  # read ratings back through the app's own store
                "version": assistant.guide_version,
            }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


@contextmanager
def guarded_page(browser: Any, device: dict[str, Any]) -> Iterator[Any]:
    """A fresh page on `device`; fails the test if anything tries to leave the loopback network
    or a dialog (alert) opens."""
    context = browser.new_context(**device)
    outside: list[str] = []
    dialogs: list[str] = []

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.set_default_timeout(TIMEOUT)
    try:
        yield pg
    finally:
        context.close()
    assert not outside, f"requests left the machine: {outside}"
    assert not dialogs, f"a dialog opened: {dialogs}"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A laptop's page (1366x768)."""
    with guarded_page(browser, LAPTOP) as pg:
        yield pg


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A phone's page (390x844, touch)."""
    with guarded_page(browser, PHONE) as pg:
        yield pg


def shot(pg: Any, name: str, readme: str | None = None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path))
    if readme and (
        os.environ.get("ASSISTANT_UPDATE_SCREENSHOTS") or not (SCREENSHOTS / readme).exists()
    ):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / readme)


def ask_on_chat_page(pg: Any, question: str) -> None:
    box = pg.locator("#question textarea")
    box.fill(question)
    box.press("Enter")


def wait_answered(pg: Any, turns: int = 1) -> Any:
    """The chat page's `turns`-th turn once its answer is complete (its thumbs are drawn)."""
    turn = pg.locator("#chat .turn").nth(turns - 1)
    turn.locator(".thumb").first.wait_for()
    return turn


def stored_feedback(store: Any, question: str, tries: int = 50) -> Any:
    """The newest stored rating of `question`, read back from the app's feedback store."""
    for _ in range(tries):  # bounded: the write is synchronous, this only absorbs scheduling
        rows = [f for f in store.recent(50) if f.question == question]
        if rows:
            return rows[0]
        time.sleep(0.1)
    return None


# axe-core, installed from npm by `make install-test` (into .venv/node).
AXE = Path(os.environ.get("ASSISTANT_AXE", ROOT / ".venv/node/node_modules/axe-core/axe.min.js"))


def axe_violations(pg: Any, impacts: tuple[str, ...] = ("critical", "serious")) -> list[dict]:
    """axe-core's violations on the page as it is now (shadow roots included), keeping
    `impacts`; each as {id, impact, nodes: [selector, ...]}."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run make install-test (npm install axe-core)")
    if not pg.evaluate("typeof window.axe === 'object'"):
        pg.add_script_tag(content=AXE.read_text())
    found = pg.evaluate(
        """async () => {
          // Let fades and transitions end first: a half-faded text fails its contrast.
          await Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)));
          return (await axe.run(document, {resultTypes: ['violations']})).violations
           .map(v => ({id: v.id, impact: v.impact,
                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }"""
    )
    return [v for v in found if v["impact"] in impacts]
