"""Whether the asker's own thing counts is stated only of what the guide names
(assistant/credit.py). Shown on lines of a made-up nursing guide."""

from __future__ import annotations

import pytest

from assistant.credit import uncounted

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
