"""Idioms read as the plain words the guide uses (assistant/idioms.py)."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.idioms import plain


def test_an_idiom_is_read_as_its_plain_words() -> None:
    assert (
        plain("What do they use to keep an eye on models?") == "What do they use to monitor models?"
    )
    assert plain("Who keeps tabs on the models?") == "Who monitor the models?"
    assert plain("is it all putting out fires?") == "is it all handling incidents?"
    assert plain("the cloud bill") == "the infrastructure cost"
    assert plain("deal with prod fires") == "deal with production incidents"
    assert plain("The CKA - what's the damage?") == "The CKA - what is the cost?"
    # the words alone are no idiom
    assert plain("an eye for detail, a fire drill, the bill of materials") == (
        "an eye for detail, a fire drill, the bill of materials"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("What do they use to keep an eye on models going stale on them?", "drift detection"),
        ("Is there actual firefighting in this job, or is it all tidy building work?", "incident"),
        ("The Kubernetes administrator ticket - what's the damage?", "$395"),
    ],
)
def test_an_ask_in_an_idiom_is_answered(assistant: Assistant, question: str, fact: str) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_the_part_a_thing_plays_is_what_it_does() -> None:
    assert plain("What role does dbt play in this stack?") == "what does dbt do in this stack?"
    assert plain("Prometheus and Grafana - what part do they play?") == (
        "Prometheus and Grafana - what does they do?"
    )
    assert plain("I play in a band, what role is next?") == "I play in a band, what role is next?"
