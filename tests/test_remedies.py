"""An ask of how a problem the guide lists is handled is answered by that problem's line and the
line handling it, found by the problem's own words in the question or the last answer
(assistant/remedies.py)."""

from __future__ import annotations

import pytest
from conftest import assert_grounded, exchange

from assistant import Assistant
from assistant.remedies import handlers, handling

CHALLENGES = exchange(
    "what challenges does the guide list?",
    "On-call burden, tool fragmentation, data scientist friction, undefined scope, and "
    "technical debt.",
)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("how do seasoned mlops folks cut down on pages", True),
        ("ok and for the fuzzy-scope one, what's the recommended fix?", True),
        ("mitigation for that one?", True),
        ("how do the veterans deal with that?", True),
        ("and how do the old hands keep tech debt in check?", True),
        ("what's the 'fix' they propose for tool fragmentation", True),  # in quotes
        ("And what is the recommended countermeasure for the last of those?", True),
        # a tool that handles something, a duty, a certification's name: no handling asked
        ("Which monitoring tool handles drift detection?", False),
        ("Is handling production incidents part of the job?", False),
        ("is the AWS Solutions Architect Professional worth it?", False),
        ("What's the expected answer to the canary one?", False),
        # getting people to act, or what one does when something happens, is handling it
        ("how would a good hire get them to follow process without a war", True),
        ("data scientists dig their heels in - how do you get round that?", True),
        ("what should you do when the pipelines pile up debt?", True),
        ("how do you get a model to production?", False),  # no act after "to"
    ],
)
def test_what_asks_how_a_problem_is_handled(text: str, asks: bool) -> None:
    assert handling(text) is asks


def test_who_handles_a_problem_is_read_off_the_ask() -> None:
    assert "veterans" in handlers("how do the veterans avoid being paged?")
    assert handlers("Which nurses handle night shifts?") == set()


@pytest.mark.slow
def test_another_jobs_people_handling_something_are_still_another_job(assistant: Assistant) -> None:
    assert assistant.ask("how do airline pilots deal with fatigue?").refused


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "history", "problem", "remedy"),
    [
        ("how do seasoned mlops folks cut down on pages", [], "On-call burden", "Build robust"),
        ("data scientists ignore process, how to handle that", [], "Data scientist", "self-"),
        ("how do u get data scientists to follow the rules?", [], "Data scientist", "self-"),
        ("ok and the remedy for the last one?", CHALLENGES, "Technical debt", "as-code"),
        # who handles it is the guide's experienced engineers, by any name: no other job
        ("how do the veterans keep tech debt in check?", [], "Technical debt", "as-code"),
        (
            "mitigation for that one?",
            exchange("undefined scope?", "Role boundaries with other teams can be unclear."),
            "Undefined scope",
            "Define clear ownership boundaries",
        ),
    ],
)  # fmt: skip
def test_a_problem_asked_of_is_answered_with_the_line_handling_it(
    assistant: Assistant, question: str, history: list[dict[str, str]], problem: str, remedy: str
) -> None:
    answer = assistant.ask(question, history)
    assert not answer.refused, answer.text
    assert problem in answer.text and remedy in answer.text
    assert_grounded(answer)


@pytest.mark.slow
def test_how_all_of_them_are_handled_is_the_whole_list(assistant: Assistant) -> None:
    answer = assistant.ask("And how do experienced engineers deal with those problems?", CHALLENGES)
    assert "How experienced MLOps engineers handle these" in answer.text
    assert "Standardize on a core set of tools" in answer.text


@pytest.mark.slow
def test_handling_something_the_guide_does_not_list_gets_no_remedy(assistant: Assistant) -> None:
    answer = assistant.ask("How do MLOps engineers deal with model drift?")
    assert "Define clear ownership boundaries" not in answer.text
    tool = assistant.ask("Which monitoring tool handles drift detection?")
    assert "Evidently AI" in tool.text and "Standardize" not in tool.text
