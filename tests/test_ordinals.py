"""Ordinals in a question and what they count (assistant/ordinals.py): a step of the path or
an item. Properties of English questions, so no guide is needed."""

from __future__ import annotations

import pytest
from conftest import assert_answered_with

from assistant import Assistant
from assistant.ordinals import ordinal_noun, ordinal_of


@pytest.mark.parametrize(
    ("ask", "ordinal", "noun"),
    [
        ("what is the second step?", (1, True), "step"),
        ("the second certification", (1, False), "certification"),
        # the step counted after its noun
        ("whats step one", (0, True), "step"),
        ("stage 2 tools?", (1, True), "stage"),
        ("what is in phase three", (2, True), "phase"),
        # a word between the ordinal and the step it counts
        ("What does the final specialisation stage involve?", (-1, True), "stage"),
        ("In the last specialising phase, which tools?", (-1, True), "phase"),
        # a year joined to its ordinal is no step
        ("what would a first-year make", (0, False), ""),
        # "first" saying when, in an ask about a thing of its own
        ("Which languages should I learn first?", None, ""),
    ],
)
def test_an_ordinal_counts_a_step_or_an_item(
    ask: str, ordinal: tuple[int, bool] | None, noun: str
) -> None:
    assert ordinal_of(ask) == ordinal
    if ordinal is not None:
        assert ordinal_noun(ask) == noun


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("ok whats step one tho", "Complete Bachelor's in CS or related field"),
        ("stage 2 tools?", "Learn Docker, Kubernetes, and container orchestration"),
        (
            "What does the final specialisation stage of the path involve?",
            "Learn ML-specific tools (MLflow, Kubeflow, SageMaker)",
        ),
    ],
)
def test_a_step_counted_or_named_between_is_answered_with_its_lines(
    assistant: Assistant, question: str, fact: str
) -> None:
    assert_answered_with(assistant, question, fact)
