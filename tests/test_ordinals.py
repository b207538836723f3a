"""Ordinals in a question and what they count (assistant/ordinals.py): a step of the path or
an item. Properties of English questions, so no guide is needed."""

from __future__ import annotations

import pytest
from conftest import assert_answered_with, exchange

from assistant import Assistant
from assistant.ordinals import ordinal_noun, ordinal_of, step_about, step_named, titles_named


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
        # a comma between the ordinal and the words after it
        ("How is the first, foundational stage summed up?", (0, True), "stage"),
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
def test_a_step_named_is_about_the_guide_however_far_its_other_words(
    assistant: Assistant,
) -> None:
    # the ask's words are far from any line by meaning (relevance under the refusal bar), but
    # it names a step of the path by its place: answered with that step
    answer = assistant.ask("How is the first, foundational stage summed up?")
    assert not answer.refused, answer.text
    assert "Build strong programming and systems fundamentals." in answer.text
    scots = assistant.ask("the last step, the specialisin wan - whit's involved?")
    assert "Implement model monitoring and A/B testing" in scots.text, scots.text


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


#: A made-up path's steps: the titles are given, nothing here knows the guide.
STEPS = ["Learn Basic Nursing", "Gain Ward Experience", "Learn Pharmacology Fundamentals"]


@pytest.mark.parametrize(
    ("ask", "step"),
    [
        ("what's in the ward chunk of the roadmap?", 1),
        ("what do I learn in the pharmacology fundamentals step?", 2),
        ("the basic nursing stage - how long?", 0),
        # the one after or before a step named
        ("after the ward experience part then what", 2),
        ("what comes before the pharmacology bit?", 1),
        # words no title has name no step ("the bedside manner part"), nor a word all titles
        # open with ("learn"), nor a clause ("before they gain …"), nor steps asked for
        ("what's the bedside manner part like?", None),
        ("what do I learn in that part?", None),
        ("what should I know before they gain ward experience?", None),
        ("What are the stages after the basic nursing?", None),
    ],
)
def test_a_step_is_named_by_the_words_of_its_title(ask: str, step: int | None) -> None:
    assert step_named(ask, STEPS) == step


@pytest.mark.parametrize(
    ("ask", "step"),
    [
        ("what should I learn about pharmacology fundamentals?", 2),
        ("what do I study for basic nursing, please", 0),
        # a word of the title shared with another names no step; nor a thing no title has
        ("what should I learn about the fundamentals of care?", None),
        ("what should I learn about learning?", None),
    ],
)
def test_a_step_is_named_as_what_an_ask_is_about(ask: str, step: int | None) -> None:
    assert step_about(ask, STEPS) == step


def test_a_text_names_a_title_by_half_its_own_words() -> None:
    # the last answer put in prose: "a basic nursing grounding" names the first step
    assert titles_named("you start with a basic nursing grounding", STEPS) == [0]
    # one word of two is half: "the ward" names "Gain Ward Experience"
    assert titles_named("what do i learn on the ward", STEPS) == [1]
    assert titles_named("experience with pharmacology and wards", STEPS) == [1, 2]


@pytest.mark.slow
def test_a_step_named_by_its_words_or_after_one_said_in_prose_is_answered(
    assistant: Assistant,
) -> None:
    chunk = "So the DevOps chunk of the roadmap - what exactly am I supposed to learn there?"
    assert_answered_with(assistant, chunk, "Learn Docker, Kubernetes, and container orchestration")
    said = exchange(
        "what step first to become mlops?",
        "First build a software engineering foundation: a bachelor's in CS and a backend language.",
    )
    after = assistant.ask("and after that step?", said)
    assert not after.refused and "Gain DevOps Experience" in after.text, after.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how much ML do I actually need to know?",
        "What should I learn about ML fundamentals, please?",
        # a certification "validating … ML services" ranks first: it shares no word of its own
        "how much ML do i actually need to know, honest",
        "how much ml do i actualy need to know",
    ],
)
def test_an_ask_of_what_to_know_of_a_step_gets_the_step_whole(
    assistant: Assistant, question: str
) -> None:
    # the step's lead line and every one of its items, not the lines sharing the ask's words
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    for line in (
        "Develop working knowledge of ML concepts.",
        "Understand ML model training and evaluation",
        "Learn data preprocessing and feature engineering",
        "Understand model serving and inference patterns",
    ):
        assert line in answer.text, answer.text
    assert "Build Software Engineering Foundation" not in answer.text
    assert "($300)" not in answer.text  # no certification sharing the word "ML"


@pytest.mark.slow
def test_a_line_above_the_step_sharing_the_asks_own_words_stays_the_answer(
    assistant: Assistant,
) -> None:
    ask = "Which kind of university programs does the guide suggest to understand ML fundamentals?"
    answer = assistant.ask(ask)
    assert "Explore Machine Learning degree programs" in answer.text, answer.text


@pytest.mark.slow
def test_a_step_named_in_a_fragment_before_the_ask_is_what_it_asks_of(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("the devops step. what i learn there exactly")
    assert "Gain DevOps Experience" in answer.text and "Learn Docker" in answer.text, answer.text
    assert "Develop working knowledge of ML concepts." not in answer.text
