"""Which employers by name: the guide says what kinds of organisations hire and names none;
an ask that wants companies picked out wants names it never gives (assistant/employers.py).
Shown on a made-up nursing guide's listing, so no line of the MLOps guide is assumed."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.employers import companies_picked, titled_names
from assistant.schema import Section, Unit

LISTING = Section(
    "top-employers",
    ("Top Employers for Nurses",),
    "Ohio\nMaine",
    "n.md",
    0,
    (Unit(text="Ohio", kind="item", position=0), Unit(text="Maine", kind="item", position=1)),
)


@pytest.mark.parametrize(
    "ask",
    [
        "which hospitals hire the most nurses",  # not a word for companies: no ask of them
        "Which companies hire nurses?",  # plain: the kinds the guide names answer it
        "what kinda companies r hiring these ppl rn",
        "Which kinds of organisations are hiring nurses?",
        "which states are the top employers for nurses",  # states, a listing it has
        "Is that what employers for this job want to see?",  # no ask of who hires
        "what does it actually show employers that he knows?",
    ],
)
def test_a_plain_ask_of_who_hires_or_of_another_thing_picks_no_company(ask: str) -> None:
    assert companies_picked(ask, [LISTING]) is None


@pytest.mark.parametrize(
    ("ask", "noun"),
    [
        ("which companies hire the most nurses rn", "companies"),  # the most
        ("Which specific companies in Ohio hire nurses?", "companies"),  # specific, of a place
        ("Which home-care companies are hiring nurses?", "companies"),  # of a sector
        ("what companies hire nurses, like actual names?", "companies"),
        ("can i get an internship as a sophomore? which companies offer them", "companies"),
        ("Which are the top employers of nurses? I see the title but no names", "employers"),
    ],
)
def test_companies_picked_out_by_name_are_not_given(ask: str, noun: str) -> None:
    assert companies_picked(ask, [LISTING]) == (noun, "Top Employers for Nurses")


@pytest.mark.slow
def test_companies_picked_out_are_refused_and_the_plain_ask_answered(assistant: Assistant) -> None:
    picked = assistant.ask("Which autonomous vehicle companies hire MLOps engineers?")
    assert picked.refused and "names no companies" in picked.text, picked.text
    # the listing named before the ask, in the same question
    section = assistant.ask("ok and the top employers section - which companies are in it?")
    assert section.refused and "names no companies" in section.text, section.text
    plain = assistant.ask("Which companies hire MLOps engineers?")
    assert not plain.refused and "autonomous vehicles, finance" in plain.text, plain.text


@pytest.mark.parametrize(
    ("ask", "named"),
    [
        ("who are the top employers for nurses?", True),
        ("does the guide name the top employers of nurses?", True),
        ("Could you tell me the names of the top employers for nurses?", True),
        # by the title's noun, however the ask grades them
        ("who are the top employers?", True),
        ("Who are the biggest employers of nurses?", True),
        # the kind the listing holds, asked by its noun; no names asked; not the title's noun
        ("Which states does the guide list under top employers for nurses?", False),
        ("how much do the top employers for nurses pay?", False),
        ("who hires the most nurses?", False),
    ],
)
def test_the_names_a_listings_title_promises_are_of_its_nouns_kind(ask: str, named: bool) -> None:
    found = titled_names(ask, [LISTING])
    assert found == (("employers", "Top Employers for Nurses") if named else None)
