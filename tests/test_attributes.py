"""A judgement between the role and another line of work is the guide's only where a line sets
the two against each other (assistant/attributes.py, role_unjudged); what is asked of an item
pointed at is judged against that item's line, and a what-is ask of an item with remarks beside
it wants all its line says (assistant/defining.py, asks_what_it_is)."""

from __future__ import annotations

import pytest
from conftest import assert_answered_with, assert_refused_for, exchange

from assistant import Assistant
from assistant.attributes import role_unjudged

CONTRAST = "While ML Engineers focus on building models, MLOps Engineers focus on the rest."
FRICTION = "Data scientists may resist productionization requirements."


@pytest.mark.parametrize(
    ("ask", "other"),
    [
        ("Should our first ML hire be an MLOps engineer or a data scientist?", "data scientist"),
        ("mlops vs data analyst which one has better work life balance", "data analyst"),
        ("Is it easier to move into data science than MLOps from a postdoc?", "data science"),
        ("Which is a better fit for us: data engineering or MLOps?", "data engineering"),
    ],
)
def test_the_role_judged_against_a_line_of_work_no_line_contrasts_is_unjudged(
    ask: str, other: str
) -> None:
    assert role_unjudged(ask, [CONTRAST, FRICTION]) == other


@pytest.mark.parametrize(
    "ask",
    [
        "Is MLOps better than being an ML engineer?",  # the contrast line sets the two apart
        "Is there real demand for MLOps or is it just hype?",  # the other answer it offers
        "Why is on-call harder in MLOps than in normal ops?",  # the reason of its own judgement
        "How is MLOps different from data science?",  # no judgement asked
    ],
)
def test_a_contrasted_offered_or_unjudged_pair_is_left_alone(ask: str) -> None:
    assert role_unjudged(ask, [CONTRAST, FRICTION]) is None


@pytest.mark.slow
def test_an_item_pointed_at_by_a_word_several_names_share_is_the_one_quoted(
    assistant: Assistant,
) -> None:
    # "AWS" names two certifications; after a list holding one of them, "that AWS one" is it,
    # and what its line does not give is not stated
    listed = exchange(
        "what cloud ML certs are on the list",
        '"AWS Machine Learning Specialty ($300)", "Google Professional Machine Learning '
        'Engineer ($200)" and "Azure AI Engineer Associate ($165)".',
    )
    assert_refused_for(
        assistant.ask("whats the passing score on that AWS one", listed), "unstated_attribute"
    )
    assert "$300" in assistant.ask("and how much is that AWS one?", listed).text


@pytest.mark.slow
def test_a_what_is_ask_with_remarks_beside_it_is_answered_by_the_items_line(
    assistant: Assistant,
) -> None:
    # the remark ("saw it in a job post") and the setting ("in this world") ask nothing of the
    # item; an attribute asked in a clause of its own still must be in its line
    line = "Triton Inference Server: High-performance GPU inference."
    assert_answered_with(assistant, "whats triton, saw it in a job post", line)
    assert_answered_with(assistant, "what is triton for in this world", line)
    assert_refused_for(
        assistant.ask("what is triton, and what license is it under"), "unstated_attribute"
    )
