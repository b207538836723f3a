"""Which guide lines an answer rests on: the list a list question gets, and the lines of the
part of the guide the ask names."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.listing import lists
from assistant.schema import Section, Unit
from assistant.vocabulary import stem


@pytest.fixture(scope="module")
def assistant(real_index_dir: Path) -> Assistant:
    return Assistant.from_settings(index_dir=real_index_dir).load()


def _section(title: str, units: list[tuple[str, str]]) -> Section:
    return Section(
        id=title.lower(),
        path=("Skills", title),
        text="\n".join(t for _, t in units),
        source="guide.md",
        order=0,
        units=tuple(Unit(text=t, kind=k, position=i) for i, (k, t) in enumerate(units)),
    )


def test_a_lists_lead_line_names_what_it_lists_but_a_first_item_does_not() -> None:
    led = _section(
        "Gain DevOps Experience",
        [("sentence", "Develop infrastructure and automation skills."), ("item", "Learn Docker")],
    )
    assert lists(led, stem("automation"))
    prose = _section(
        "Soft Skills",
        [("sentence", "Working with platform teams."), ("sentence", "Debugging issues.")],
    )
    assert not lists(prose, stem("platforms"))  # one of its lines, not what it is a list of
    assert lists(prose, stem("skills"))  # its title


@pytest.mark.slow
def test_a_list_question_gets_the_line_that_names_what_it_asks_for(assistant: Assistant) -> None:
    answer = assistant.ask("Which cloud ML platforms does the guide list under technical skills?")
    assert "AWS SageMaker, GCP Vertex AI, or Azure ML." in answer.text
    assert "Debugging" not in answer.text  # not the list of soft skills


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What do MLOps engineers do in the afternoon, according to the day in the life section?",
        "what exactly do I work on in the afternoon?",
    ],
)
def test_an_ask_naming_a_lines_label_gets_that_line(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.text.startswith("Afternoon: Continue building"), answer.text
    assert "Review a pull request for a training pipeline change." in answer.text
