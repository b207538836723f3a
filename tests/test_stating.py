"""An ask of what people earn is answered by the line stating what they earn, though lines about
the role score a little higher (assistant/stating.py); not when the best lines are about what
else the ask names (another job, a place), which state no pay."""

from __future__ import annotations

import pytest
from conftest import assert_grounded, assert_refused_for

from assistant import Assistant
from assistant.question import read
from assistant.stating import in_earnings_sense, states_asked

PAY = (
    "MLOps Engineers earn $120,000-$185,000 depending on experience and company, with top "
    "compensation at FAANG reaching $250,000+ (Levels.fyi, 2025)"
)
PRICE = (
    "Certified Kubernetes Administrator (CKA) ($395): Essential for Kubernetes-based ML platforms."
)


def test_an_ask_of_earnings_is_stated_by_a_line_of_earnings_not_a_price() -> None:
    earn = read("what does an mlops engineer actually make?")
    assert states_asked(earn, PAY)
    assert not states_asked(earn, PRICE)  # a certification's price is no pay
    assert not states_asked(read("how much is the CKA?"), PAY)  # a price asked: items, not pay
    assert not states_asked(read("how long does it take?"), "Total Time: 4-6 years")


@pytest.mark.parametrize(
    ("ask", "timed"),
    [
        ("How long before they could do this job?", True),  # the path to the role
        ("how long before I could realistically be one of these engineers?", True),
        ("how long to become an MLOps engineer from a biology degree?", True),
        ("how long does it take to fill an MLOps role?", False),  # a span of something else
        ("how long is an on-call shift?", False),
        ("how long does it take to develop someone into this role from zero?", True),
    ],
)
def test_a_span_states_an_ask_timing_the_path_to_the_role(ask: str, timed: bool) -> None:
    assert states_asked(read(ask), "Total Time: 4-6 years") is timed
    assert not states_asked(read(ask), "Daily standup with the ML platform team.")


def test_make_in_an_ask_of_earnings_is_searched_as_earn() -> None:
    ask = "what do they make?"
    assert in_earnings_sense(read(ask), ask) == "what do they earn?"
    other = "how do I make a portfolio?"  # no amount asked: left as it is
    assert in_earnings_sense(read(other), other) == other


@pytest.mark.slow
@pytest.mark.parametrize(
    "ask",
    [
        "what does an mlops engineer actually make?",
        "mlops pay good or nah",
        "what do mlops engineers make",  # searched as "earn": the guide's lines *make* things
        "hey so i'm a line cook turned bootcamp student lol. what does an mlops engineer make?",
    ],
)
def test_what_the_role_earns_is_answered_by_the_line_stating_it(
    assistant: Assistant, ask: str
) -> None:
    answer = assistant.ask(ask)
    assert not answer.refused, answer.text
    assert [s.quote for s in answer.sources] == [PAY]  # the lines defining the role stay out
    assert_grounded(answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ask", "reason"),
    [
        ("What is the average salary of a data scientist?", None),
        ("mlops salary texas", None),  # the guide names Texas with no figure
        # a bare phrase's words after its pay word are what the pay is of
        ("mlops pay sf", "unstated_attribute"),
        ("mlops salary bay area", "unstated_attribute"),
        # the tagger splits "non-profit"; the place of work is read whole all the same
        ("what do MLOps engineers make at non-profit hospitals?", "unstated_attribute"),
    ],
)
def test_pay_asked_of_what_the_pay_line_does_not_say_stays_refused(
    assistant: Assistant, ask: str, reason: str | None
) -> None:
    answer = assistant.ask(ask)
    assert answer.refused, answer.text
    if reason:
        assert_refused_for(answer, reason)
