"""Which of the guide's items a follow-up means (assistant/pools.py): the list it names instead
of the last answer's, the words that tell its items apart, and those it sets aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import exchange

from assistant import Assistant
from assistant.guide import load_guide
from assistant.items import Item, extract_items
from assistant.pools import list_named, sets_aside, unlisted_words

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return extract_items(load_guide(PROJECT_ROOT / "corpus").sections)


def _of(items: list[Item], group: str) -> list[Item]:
    return [i for i in items if i.group == group]


def test_a_follow_up_naming_another_list_of_the_same_part_means_that_list(
    items: list[Item],
) -> None:
    technical = _of(items, "Technical questions")[:1]
    ask = "And among the system design prompts, is there one about feature stores?"
    named = list_named(items, ask, technical)
    # by "system design", not by "feature stores" (a list of tools, another kind)
    assert named and {i.group for i in named} == {"System design questions"}
    # a list of another part of the guide is no list the follow-up means
    duties = _of(items, "Core responsibilities include")[:2]
    assert list_named(items, "Does that also cover feature stores?", duties) == []
    # one word before the list's noun names it only with the noun
    design = _of(items, "System design questions")[:1]
    assert list_named(items, "which one is the most technical?", design) == []
    assert {i.group for i in list_named(items, "and the technical questions?", design)} == {
        "Technical questions"
    }


def test_the_words_of_the_lists_title_tell_none_of_its_items_apart(items: list[Item]) -> None:
    projects = _of(items, "Projects that demonstrate MLOps skills")
    words = unlisted_words(projects, "Which of those projects would showcase monitoring skills?")
    assert "monitor" in words and "project" not in words and "skill" not in words


def test_a_follow_up_sets_aside_the_items_the_last_answer_named(items: list[Item]) -> None:
    design = _of(items, "System design questions")[:1]
    assert sets_aside(design, "And the technical questions apart from system design?")
    assert not sets_aside(design, "And the technical questions?")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("last", "question", "fact", "not_said"),
    [
        (
            ("Which technical interview questions does the guide list?", "Explain the difference"),
            "And among the system design prompts, is there one about feature stores?",
            "Design a feature store with real-time and batch serving",
            "online and offline feature serving",
        ),
        (
            ("Which technical questions come in MLOps interviews?", "How do you handle model"),
            "Thank you. And the system design questions, is one of them about large data volume?",
            "handles 100TB of data",
            "data drift and concept drift",
        ),
        (
            ("what tools do they use", '"Kubernetes: Container orchestration for ML workloads."'),
            "ok n which ones r for serving the models",
            "BentoML",
            "MLflow",
        ),
    ],
)
def test_a_follow_up_picks_among_the_list_it_names(
    assistant: Assistant, last: tuple[str, str], question: str, fact: str, not_said: str
) -> None:
    answer = assistant.ask(question, exchange(*last))
    assert not answer.refused and fact in answer.text, answer.text
    assert not_said not in answer.text
