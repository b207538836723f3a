"""A follow-up asking for "the <kind> ones", a kind several titles hold, asks for the part whose
title also holds a word the last exchange said (assistant/conversation.py, with_ones_named).
Shown on titles of a made-up nursing guide, then through the real Assistant."""

from __future__ import annotations

import pytest
from conftest import exchange

from assistant import Assistant
from assistant.conversation import with_ones_named
from assistant.schema import Section, Unit


def titled(*paths: tuple[str, ...]) -> list[Section]:
    unit = Unit(text="A line.", kind="item", position=0)
    return [Section(f"s{i}", p, "A line.", "n.md", i, (unit,)) for i, p in enumerate(paths)]


NURSING = titled(
    ("Nursing Skills", "Clinical skills"),
    ("Nursing Skills", "People skills"),
    ("Nursing Interviews", "Scenario questions"),
    ("Nursing Interviews", "Clinical questions"),
    ("Nursing Certifications", "Critical care certifications"),
    ("Nursing Challenges", "Critical incidents"),
    ("Nursing Skills: Clinical & People",),
)


@pytest.mark.parametrize(
    ("ask", "before", "asked"),
    [
        # "clinical" is in two titles; the last exchange was about questions
        (
            "and the clinical ones?",
            "what scenario questions do they ask? Triage a crowded ward.",
            "and the Clinical questions?",
        ),
        (
            "and the clinical ones?",
            "what skills do nurses need? Charting.",
            "and the Clinical skills?",
        ),
        # said of neither: the ask is left as it is
        ("and the clinical ones?", "what does a nurse earn?", "and the clinical ones?"),
        # of the titles the last exchange spoke of, the one saying least besides the kind
        ("and the clinical ones?", "which people skills? Listening.", "and the Clinical skills?"),
        # a kind cut short ("crit"), of the title the last exchange spoke of
        (
            "and the crit ones?",
            "which certifications? Basic life support.",
            "and the Critical care certifications?",
        ),
        # a kind one title alone holds is left to the words it names
        ("and the critical care ones?", "which certifications?", "and the critical care ones?"),
    ],
)
def test_the_ones_a_follow_up_asks_for_are_of_the_title_the_last_exchange_spoke_of(
    ask: str, before: str, asked: str
) -> None:
    assert with_ones_named(ask, before, NURSING) == asked


@pytest.mark.slow
def test_the_technical_ones_after_the_design_questions_are_the_technical_questions(
    assistant: Assistant,
) -> None:
    history = exchange(
        "what system design questions come up in interviews",
        "Examples: design a model training pipeline that handles 100TB of data, a feature store"
        " with real-time and batch serving, a model serving system handling 1M"
        " predictions/second, and more.",
    )
    answer = assistant.ask("and the technical ones?", history)
    assert not answer.refused
    assert "How do you handle model versioning and rollback?" in answer.text


@pytest.mark.slow
def test_the_technical_ones_after_the_soft_skills_are_the_technical_skills(
    assistant: Assistant,
) -> None:
    history = exchange(
        "what soft skills does an MLOps engineer need?",
        "Soft skills: Working with data scientists, ML engineers, and platform teams; Debugging"
        " and resolving production ML issues quickly.",
    )
    answer = assistant.ask("and the technical ones?", history)
    assert not answer.refused
    assert "Container orchestration for ML workloads at scale." in answer.text
    assert "Working with data scientists" not in answer.text
