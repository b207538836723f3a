"""The chat page and the widget as people use them, in Debian's Chromium: on a phone, across a
reload, following a citation or a refusal's suggestion, rating in the widget, framing the page
as the README says. Screenshots (laptop and phone, page and widget) are taken here too.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import (
    QUESTION,
    SECTION,
    ask_on_chat_page,
    flat,
    guarded_page,
    playwright_api,
    shot,
    stored_feedback,
    wait_answered,
)

from assistant import phrases
from assistant.ui import EMPTY_HINT

pytest_plugins = ["browser_support"]  # the fixtures: browser, page, phone, sites
pytestmark = [pytest.mark.browser, pytest.mark.slow]

OFF_TOPIC = "How do I bake sourdough bread?"
CERTIFICATIONS = "What cloud ML certifications are there?"
SECOND = "What skills does an MLOps engineer need?"
WIDGET = "#mlops-guide-widget"


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found, f"{locator} is not shown"
    return found


def small_targets(pg: Any, selector: str, shadow_host: str = "") -> list[str]:
    """The visible controls matching `selector` (in `shadow_host`'s shadow root if given)
    smaller than 44x44 px."""
    return pg.evaluate(
        """([sel, host]) => [...(host ? document.querySelector(host).shadowRoot : document)
          .querySelectorAll(sel)].filter(e => e.getClientRects().length)
          .map(e => [e.id || e.className || e.tagName, e.getBoundingClientRect()])
          .filter(([, r]) => r.width < 44 || r.height < 44)
          .map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        [selector, shadow_host],
    )


# --- the chat page ------------------------------------------------------------------------------
def test_on_a_phone_the_new_question_and_the_start_of_its_answer_are_in_view(
    phone: Any, sites: dict
) -> None:
    phone.goto(sites["app"] + "/")
    header = box(phone.locator("#top"))
    assert header["y"] + header["height"] <= 90, "the header takes too much of the screen"
    for question, n in ((QUESTION, 1), (SECOND, 2)):
        ask_on_chat_page(phone, question)
        turn = wait_answered(phone, n)
        phone.wait_for_timeout(300)
        asked = box(turn.locator(".user"))
        first_line = box(turn.locator(".bot .text"))
        input_top = box(phone.locator("#question"))["y"]
        assert asked["y"] >= 0, f"question {n} starts above the screen"
        # The first line of the answer (24 px) is on screen, above the question box.
        assert first_line["y"] + 24 <= input_top <= 844, f"answer {n} starts out of view"
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    turn.locator('button.thumb[aria-label="Helpful"]').click()
    playwright_api.expect(turn.locator(".comment textarea")).to_be_in_viewport()
    assert not small_targets(phone, "#chat button, #chat a, #top button, #question button")
    assert phone.locator("#chat label", has_text="Conversation").count() == 0
    shot(phone, "chat-page-phone", readme="chat-page-phone.png")


def test_a_reload_keeps_the_conversation_and_new_chat_ends_it(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, CERTIFICATIONS)
    turn = wait_answered(page)
    turn.locator('button.thumb[aria-label="Helpful"]').click()
    playwright_api.expect(turn.locator(".thanks")).to_be_visible()
    page.reload()
    turn = page.locator("#chat .turn")
    playwright_api.expect(turn).to_have_count(1)
    playwright_api.expect(turn.locator(".user")).to_have_text(CERTIFICATIONS)
    playwright_api.expect(turn.locator(".bot .text")).to_contain_text("Azure AI Engineer")
    playwright_api.expect(turn.locator(".thumb").first).to_have_attribute("aria-pressed", "true")
    # The restored conversation is the context of a follow-up.
    ask_on_chat_page(page, "Which of them is for Azure?")
    follow_up = wait_answered(page, 2)
    playwright_api.expect(follow_up.locator(".bot .text")).to_contain_text("Azure AI Engineer")
    assert "AWS" not in follow_up.locator(".bot .text").inner_text()
    page.locator("#clear", has_text="New chat").click()
    playwright_api.expect(page.locator("#chat .turn")).to_have_count(0)
    page.reload()
    page.locator("#chat .examples").wait_for()
    page.wait_for_timeout(500)
    assert page.locator("#chat .turn").count() == 0


def test_an_empty_submit_only_hints(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, "   ")
    playwright_api.expect(page.locator("#hint")).to_have_text(EMPTY_HINT)
    page.wait_for_timeout(500)
    assert page.locator("#chat .turn").count() == 0
    ask_on_chat_page(page, QUESTION)
    wait_answered(page)
    playwright_api.expect(page.locator("#hint")).to_have_text("")


def test_a_citation_opens_its_quote_and_links_to_its_section(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, QUESTION)
    turn = wait_answered(page)
    cites = turn.locator("button.cite")
    assert cites.count() == turn.locator(".bot .text").inner_text().count("[")
    cites.nth(0).click()
    quote = turn.locator("#t0-q1")
    playwright_api.expect(quote).to_be_visible()
    said = flat(quote.inner_text().replace("[1]", "", 1))
    # The section's heading opens the section view with the quoted lines marked.
    with page.context.expect_page() as opened:
        turn.locator(".group h3 a").click()
    view = opened.value
    view.wait_for_load_state()
    playwright_api.expect(view.locator("h1")).to_have_text(SECTION.split(" > ")[-1])
    marked = [flat(t) for t in view.locator("mark").all_inner_texts()]
    assert any(said in m for m in marked), (said, marked)
    assert len(marked) >= 5 and view.locator("p").count() > len(marked)


def test_a_refusals_nearest_section_asks_about_it(page: Any, sites: dict) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, OFF_TOPIC)
    refused = wait_answered(page)
    playwright_api.expect(refused.locator(".bot .text")).to_contain_text(phrases.NOT_COVERED)
    suggestion = refused.locator(".nearest button").first
    section = suggestion.inner_text()
    suggestion.click()
    asked = wait_answered(page, 2)
    title = section.split(" > ")[-1]
    playwright_api.expect(asked.locator(".user")).to_contain_text(title)
    # Answered from that section: its heading is among the sources.
    headings = asked.locator(".group h3 a").all_inner_texts()
    assert section in headings, (section, headings)


def test_every_control_shows_a_focus_ring_and_a_citation_takes_one_tab_stop(
    page: Any, sites: dict
) -> None:
    page.goto(sites["app"] + "/")
    ask_on_chat_page(page, QUESTION)
    turn = wait_answered(page)
    page.locator("#top h1").click()  # start tabbing from the top of the page
    stops: list[dict] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement, s = getComputedStyle(e);
                  return {id: e.id, cls: String(e.className), tag: e.tagName,
                          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""
            )
        )
    controls = [s for s in stops if s["tag"] in ("BUTTON", "A", "TEXTAREA")]
    assert not [s for s in controls if not s["ring"]], "controls without a visible focus ring"
    cycle = stops[: [s["id"] for s in stops].index(stops[0]["id"], 1)]  # once round the page
    cites = [s for s in cycle if "cite" in s["cls"]]
    markers = turn.locator("button.cite").count()
    assert len(cites) == len({s["id"] for s in cites}) == markers == 5, "one stop per citation"
    assert any(s["tag"] == "TEXTAREA" for s in stops), "the question box is not reached"


def test_the_readme_iframe_fits_its_frame_and_a_phone(browser: Any, sites: dict) -> None:
    from browser_support import LAPTOP, PHONE

    for device in (LAPTOP, PHONE):
        with guarded_page(browser, device) as pg:
            pg.goto(sites["host"] + "/readme-iframe.html")
            frame_el = pg.locator("iframe")
            frame = pg.frame_locator("iframe")
            frame.locator("#question textarea").wait_for()
            overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the host page is {overflow}px too wide"
            outer = box(frame_el)
            assert outer["height"] == 600 and outer["width"] <= 400
            for part in ("#question textarea", "#toc", "#clear"):
                inner = box(frame.locator(part))  # in the host page's coordinates
                assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= (
                    outer["x"] + outer["width"] + 0.5
                ), f"{part} sticks out of the frame"
                assert outer["y"] <= inner["y"] and inner["y"] + inner["height"] <= (
                    outer["y"] + outer["height"] + 0.5
                ), f"{part} is cut off by the frame"
            inside = frame.locator("html").evaluate("e => e.scrollWidth - window.innerWidth")
            assert inside <= 0, "the chat page scrolls sideways in the frame"


# --- the widget ---------------------------------------------------------------------------------
def ask_widget(pg: Any, question: str) -> Any:
    pg.locator(f"{WIDGET} textarea").fill(question)
    pg.locator(f"{WIDGET} textarea").press("Enter")
    answer = pg.locator(f"{WIDGET} .turn").last.locator(".msg.bot")
    answer.locator(".thumb").first.wait_for()
    return answer


def test_the_widgets_thumbs_store_feedback(page: Any, sites: dict) -> None:
    page.goto(sites["host"] + "/widget.html")
    page.locator(f"{WIDGET} .launcher").click()
    answer = ask_widget(page, SECOND)
    down = answer.locator('button.thumb[aria-label="Not helpful"]')
    down.click()
    playwright_api.expect(answer.locator(".thanks")).to_have_text("Thanks for the feedback.")
    playwright_api.expect(down).to_have_attribute("aria-pressed", "true")
    row = stored_feedback(sites["store"], SECOND)
    assert row is not None
    assert (row.rating, row.channel, row.guide_version) == ("down", "api", sites["version"])
    assert flat(row.answer) == flat(answer.locator(".text").inner_text())
    assert row.citations and row.citations[0]["quote"]


def test_the_widget_keeps_the_conversation_and_offers_examples_and_new_chat(
    page: Any, sites: dict
) -> None:
    page.goto(sites["host"] + "/offset.html")
    launcher = page.locator(f"{WIDGET} .launcher")
    # data-offset="16 76": 16 px from the side, 76 px up, clear of the page's own fixed button.
    own = box(page.locator("#top"))
    mine = box(launcher)
    assert mine["y"] + mine["height"] <= own["y"], "the launcher covers the page's button"
    assert abs((1366 - mine["x"] - mine["width"]) - 16) <= 1
    launcher.click()
    examples = page.locator(f"{WIDGET} .chip")
    assert examples.all_inner_texts()[:2] == ["How much is the CKA?", "What is MLflow for?"]
    page.locator(f"{WIDGET} form button").click()  # an empty submit only hints
    playwright_api.expect(page.locator(f"{WIDGET} .hint")).to_contain_text("Type a question")
    assert page.locator(f"{WIDGET} .turn").count() == 0
    examples.first.click()
    answer = page.locator(f"{WIDGET} .turn .msg.bot").last
    answer.locator(".thumb").first.wait_for()
    playwright_api.expect(answer).to_contain_text("$395")
    page.reload()
    playwright_api.expect(page.locator(f"{WIDGET} .panel")).to_be_visible()  # still open
    playwright_api.expect(page.locator(f"{WIDGET} .turn .msg.user")).to_have_text(
        ["How much is the CKA?"]
    )
    playwright_api.expect(page.locator(f"{WIDGET} .turn .msg.bot")).to_contain_text("$395")
    page.locator(f"{WIDGET} button.new").click()
    playwright_api.expect(page.locator(f"{WIDGET} .turn")).to_have_count(0)
    page.reload()
    page.locator(f"{WIDGET} .launcher").wait_for()
    assert page.locator(f"{WIDGET} .turn").count() == 0


def test_a_refusal_in_the_widget_offers_the_nearest_sections(page: Any, sites: dict) -> None:
    page.goto(sites["host"] + "/widget.html")
    page.locator(f"{WIDGET} .launcher").click()
    refused = ask_widget(page, OFF_TOPIC)
    suggestion = refused.locator(".chip").first
    section = suggestion.inner_text()
    suggestion.click()
    playwright_api.expect(page.locator(f"{WIDGET} .turn")).to_have_count(2)
    answer = page.locator(f"{WIDGET} .turn").last.locator(".msg.bot")
    answer.locator(".thumb").first.wait_for()
    assert section in answer.locator(".group h4 a").all_inner_texts()


def test_screenshots_of_the_widget_on_a_laptop_and_a_phone(browser: Any, sites: dict) -> None:
    from browser_support import LAPTOP, PHONE

    for device, name in ((LAPTOP, "widget.png"), (PHONE, "widget-phone.png")):
        with guarded_page(browser, device) as pg:
            pg.goto(sites["host"] + "/widget.html")
            pg.locator(f"{WIDGET} .launcher").click()
            answer = ask_widget(pg, QUESTION)
            answer.locator("button.ref", has_text="[2]").click()
            overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0
            panel = box(pg.locator(f"{WIDGET} .panel"))
            assert panel["x"] >= 0 and panel["x"] + panel["width"] <= device["viewport"]["width"]
            assert panel["y"] >= 0
            playwright_api.expect(pg.locator(f"{WIDGET} textarea")).to_be_in_viewport()
            assert not small_targets(pg, "button, a, textarea", WIDGET)
            shot(pg, name.removesuffix(".png") + "-screenshot", readme=name)
