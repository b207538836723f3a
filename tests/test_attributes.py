"""A judgement between the role and another line of work is the guide's only where a line sets
the two against each other (assistant/attributes.py, role_unjudged); what is asked of an item
pointed at is judged against that item's line."""

from __future__ import annotations

import pytest
from conftest import assert_refused_for, exchange

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
