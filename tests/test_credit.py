"""Whether the asker's own thing counts is stated only of what the guide names
(assistant/credit.py). Shown on lines of a made-up nursing guide."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.credit import pointed_at, uncounted, without_step

EVIDENCE = [
    "Complete a BSN or a related degree in health science.",
    "Volunteer experience in hospice care is valued.",
]


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Does my PharmD count as a related degree?", "my PharmD"),
        ("would my years of teaching count toward any of the steps?", "my years of teaching"),
        ("Does my labeling experience count as care experience?", "my labeling experience"),
        (
            "Is my civil engineering diploma accepted as a related degree?",
            "my civil engineering diploma",
        ),
        ("Would a pure math major work for getting into this?", "a pure math major"),
    ],
)
def test_a_thing_of_the_askers_the_evidence_never_names_is_uncounted(
    question: str, thing: str
) -> None:
    assert uncounted(question, EVIDENCE) == thing


@pytest.mark.parametrize(
    "question",
    [
        "Does my hospice volunteer experience count?",  # named: the evidence says
        "does her health science degree count as the degree step?",
        "Would my Bachelor of Science in Nursing count?",  # said as its initials, "BSN"
        "Does the guide list any skills where my bedside manner might count?",  # the guide's
        "How do they count years of experience?",  # no thing of the asker's counted
        "Is a health science degree good enough?",  # named
        "Would it work for me?",  # no thing of the asker's
    ],
)
def test_a_named_thing_or_another_ask_is_not_uncounted(question: str) -> None:
    assert uncounted(question, EVIDENCE) is None


@pytest.mark.parametrize(
    "question",
    [
        "Would that count as care experience for these roles?",
        "Is it useful for a nursing position, do employers value it?",
        "Would that be accepted as equivalent ward experience?",
        "Would that experience count for anything when applying?",
        "Is that background useful at a hospice?",
    ],
)
def test_a_word_pointing_back_asks_of_what_the_askers_sentence_names(question: str) -> None:
    # the sentence before named only what the guide lacks ("I hold a CPR-X card.")
    assert uncounted(question, EVIDENCE, ["CPR-X"]) == "CPR-X"
    # it named something the guide has ("… from hospice volunteering"): no thing is passed
    assert uncounted(question, EVIDENCE) is None


@pytest.mark.parametrize(
    "question",
    [
        "is it useful to learn pharmacology first?",  # a dummy "it": what follows is the thing
        "is it helpful if I already know phlebotomy?",
        "Is it hard?",  # not whether it counts
    ],
)
def test_a_dummy_it_asks_of_no_earlier_thing(question: str) -> None:
    assert uncounted(question, EVIDENCE, ["CPR-X"]) is None


def test_a_name_set_aside_is_not_what_a_later_that_points_at() -> None:
    context = "On our ward we chart in Epicor, not Cerner."
    assert pointed_at(context, ["Epicor", "Cerner"]) == ["Epicor"]


@pytest.mark.slow
def test_whether_the_askers_unnamed_thing_counts_is_refused(assistant: Assistant) -> None:
    answer = assistant.ask(
        "I've built genomics pipelines in Nextflow for years. "
        "Would that count as workflow orchestration experience?"
    )
    assert answer.refused and answer.diagnostics.reason == "unstated_credit"
    asked = assistant.ask("I do CI with GitHub Actions for Rails apps. Is this useful for MLOps?")
    assert not asked.refused


@pytest.mark.parametrize(
    ("question", "without"),
    [
        ("can i get hired w no degree if i have a couple certs", True),
        ("real talk do hospitals hire nurses w/o a BSN if ur clinical hours are stacked", True),
        ("Can you get into nursing without a university degree, e.g. an apprenticeship?", True),
        ("Can I become a charge nurse without a degree?", True),
        ("Do I need a degree for this, or can I skip it?", False),  # what the path asks
        ("how would a new charge nurse get staff to chart without a fight?", False),  # a how-ask
    ],
)
def test_whether_one_gets_in_without_a_thing_is_asked(question: str, without: bool) -> None:
    assert without_step(question) is without


@pytest.mark.slow
def test_getting_hired_without_a_degree_is_refused_with_the_degree_step(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("can i get hired with no degree if i got a good portfolio")
    assert answer.refused and "Complete Bachelor's in CS or related field" in answer.text
    assert not assistant.ask("Do I need a degree to become an MLOps engineer?").refused
