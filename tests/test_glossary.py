"""What the guide's unexplained short forms stand for (assistant/glossary.py): a line using one
is embedded with its meaning beside it, and the index is rebuilt when the glossary changes. And
the other names askers give the guide's names ("Amazon" for "AWS"), read as the guide's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import assert_grounded

from assistant import Assistant
from assistant.glossary import ALIASES_FILE, GLOSSARY_FILE, aliased, glossed, load_glossary
from assistant.guide import load_guide
from assistant.index import expected_stamp
from assistant.question import read
from assistant.settings import PROJECT_ROOT, Settings
from assistant.terms import Terms

CORPUS = PROJECT_ROOT / "corpus"


def test_a_short_form_is_followed_by_its_meaning_where_it_is_a_whole_word() -> None:
    glossary = {"SOC": "Standard Occupational Classification"}
    assert (
        glossed("SOC 15-1252A", glossary) == "SOC (Standard Occupational Classification) 15-1252A"
    )
    assert glossed("SOCKS proxy, ASOC", glossary) == "SOCKS proxy, ASOC"


def test_the_glossary_only_spells_out_what_the_guide_writes_and_never_spells_out() -> None:
    glossary = load_glossary(CORPUS)
    assert glossary, "the shipped corpus has a glossary"
    text = load_guide(CORPUS).text
    for term, meaning in glossary.items():
        assert re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text), term
        assert meaning.lower() not in text.lower(), meaning  # else the guide explains it


def test_a_corpus_without_a_glossary_has_none(tmp_path: Path) -> None:
    assert load_glossary(tmp_path) == {}


def test_a_changed_glossary_changes_the_index_stamp(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = Settings(corpus_dir=corpus)
    before = expected_stamp(settings)
    (corpus / GLOSSARY_FILE).write_text('{"SOC": "something else"}', encoding="utf-8")
    assert expected_stamp(settings) != before
    # the aliases change answers, so the guide's version too
    stamped = expected_stamp(settings)
    (corpus / ALIASES_FILE).write_text('{"Amazon": "AWS", "Bezos": "AWS"}', encoding="utf-8")
    assert expected_stamp(settings) != stamped


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What occupational classification code does the guide associate with this role?",
        "what's the official occupation code for this job?",
    ],
)
def test_the_occupation_code_is_found_by_what_soc_stands_for(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert_grounded(answer)
    assert "SOC 15-1252A" in answer.text


def test_another_name_for_a_guide_name_is_read_as_the_guide_writes_it() -> None:
    aliases = {"Amazon Web Services": "AWS", "Amazon": "AWS"}
    assert aliased("Amazon's ML cert", aliases) == "AWS ML cert"
    assert aliased("Amazon Web Services", aliases) == "AWS"
    assert aliased("Amazonian", aliases) == "Amazonian"  # a whole word only
    terms = Terms(load_guide(CORPUS).sections, aliases=aliases)
    names = read("How much is the Amazon machine learning cert?").names
    assert terms.as_written(names) == ("AWS",)


def test_the_shipped_aliases_name_only_what_the_guide_writes() -> None:
    aliases = load_glossary(CORPUS, ALIASES_FILE)
    assert aliases, "the shipped corpus has aliases"
    text = load_guide(CORPUS).text
    for other, own in aliases.items():
        assert re.search(rf"(?<![\w-]){re.escape(own)}(?![\w-])", text), own
        assert other.lower() not in text.lower(), other  # else the guide writes it itself


@pytest.mark.slow
def test_an_ask_of_the_guides_thing_by_another_name_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("How much does the Amazon machine learning certification cost?")
    assert not answer.refused and "AWS Machine Learning Specialty ($300)" in answer.text
    assert_grounded(answer)
    # what the guide says of AWS is no answer of Amazon the employer
    assert assistant.ask("What is the typical interview process at Amazon for MLOps?").refused
    assert assistant.ask("How much does Amazon pay MLOps engineers?").refused
