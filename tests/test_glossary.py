"""What the guide's unexplained short forms stand for (assistant/glossary.py): a line using one
is embedded with its meaning beside it, and the index is rebuilt when the glossary changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import assert_grounded

from assistant import Assistant
from assistant.glossary import GLOSSARY_FILE, glossed, load_glossary
from assistant.guide import load_guide
from assistant.index import expected_stamp
from assistant.settings import PROJECT_ROOT, Settings

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
