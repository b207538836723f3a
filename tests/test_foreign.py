"""Words of another language mixed into an English question ("yang", "hai", "ongeveer") are no
names and no topics the guide lacks, nor its other words no English dictionary holds; a
question with no guide word is not read past them. And
what the guide is asked to do ("the path the guide *lays out*") is how it says, not what."""

from __future__ import annotations

import pytest
from conftest import assert_answered_with

from assistant import Assistant, phrases
from assistant.dictionary import read_unaccented
from assistant.foreign import in_other_language, is_foreign
from assistant.foreign_words import PATH, build
from assistant.text import guide_acts, tokenize, unaccented


def test_foreign_words_are_other_languages_common_words_not_english_nor_names() -> None:
    assert all(is_foreign(w) for w in ["apa", "hai", "naman", "ongeveer", "pertanyaan"])
    # English words, places, the guide's names and plain typos are none
    assert not any(is_foreign(w) for w in ["para", "salary", "jakarta", "kubeflow", "salry"])


def test_a_mostly_english_question_sets_another_languages_word_aside_at_a_clauses_edge() -> None:
    from assistant.foreign import asides

    assert asides("Who is this work good for, franchement?") == {"franchement"}
    assert asides("merci, and what is DVC for?") == {"merci"}
    assert asides("if I fail do I get a free resit or what") == set()  # inside: maybe a term
    assert asides("ada diskon buat mahasiswa gak?") == set()  # mostly another language


def test_a_question_written_in_another_language_is_told_from_english_mixing_words_in() -> None:
    assert in_other_language("¿Cuánto gana un ingeniero de MLOps según la guía?")
    assert in_other_language("Koliko zasluži MLOps inženir po tem vodniku?")
    assert in_other_language("რა არის MLOps ინჟინრის მთავარი მოვალეობები?")  # another script
    # English with a word or a clause of another language, or names no dictionary holds
    assert not in_other_language("Who is this work good for, franchement?")
    assert not in_other_language("what are the steps, just the names of them, kort graag")
    assert not in_other_language("kserve vs bentoml vs seldon?")
    assert not in_other_language("how much do mlops engineers make in london")


def test_a_question_is_read_by_its_english_sentences_when_others_are_in_another_language() -> None:
    from assistant.foreign import in_english

    def known(word: str) -> bool:
        return word in {"mlflow", "kubeflow", "dbt", "mlops", "years", "challenges", "price"}

    asked = "Kitwala emyaka emeka? I mean how many years does it take?"  # no wordfreq language
    assert in_english(asked, known) == "I mean how many years does it take?"
    assert in_english("største udfordringer i jobbet? biggest challenges", known) == (
        "biggest challenges"
    )
    assert in_english("Nsaba ombuulire, MLflow ekola ki? What is MLflow for?", known) == (
        "What is MLflow for?"
    )
    # the guide's names and the asker's shorthand are no other language
    for kept in ("kubeflow vs mlflow. same thing?", "dbt in ml? what for"):
        assert in_english(kept, known) == kept
    # with no English sentence of the guide, or none in another language, it is as it was
    for kept in (
        "¿Cuánto gana un ingeniero de MLOps?",
        "lønn for mlops i Tromsø? any jobs",
        "Ano yung mga challenges ng trabaho na 'to? Honest lang po",  # no guide word
        "Eh yung pinakamataas po ba? sa malalaking company?",  # another language's word
    ):
        assert in_english(kept, known) == kept


def test_accented_words_are_read_without_their_accents() -> None:
    assert unaccented("São Paulo: técnicas, résumé, naïve") == "Sao Paulo: tecnicas, resume, naive"
    assert tokenize(unaccented("perguntas técnicas")) == ["perguntas", "tecnicas"]  # no "cnicas"
    assert unaccented("हिंदी") == "हिंदी"  # the marks of other scripts stay
    # a question reads a short accented word as typed: "qué" is no "que", "Ça" no "CA"
    read = read_unaccented("qué portfólio? Ça marche, técnicas")
    assert read == "qué portfolio? Ça marche, tecnicas"
    # the list holds such words as read; one whose unaccented spelling is English does not
    assert is_foreign("nao") and is_foreign("tecnicas") and not is_foreign("lag")  # "låg"


@pytest.mark.slow
def test_the_committed_list_is_what_wordfreq_gives() -> None:
    # python -m assistant.foreign_words writes it again from wordfreq (a test dependency)
    assert PATH.read_text().split() == build()


def test_the_guides_act_is_read_from_the_words_after_guide() -> None:
    assert guide_acts("Lower and upper bound for the full path the guide lays out?") == {"lays"}
    assert guide_acts("Does the guide even bother mentioning canaries?") == {"bother"}
    assert guide_acts("What's the guide's blurb for MLflow?") == frozenset()
    # after a preposition the guide does nothing: "suitable" is the tool's
    assert guide_acts("Is there a tool named in the guide suitable for DVC?") == frozenset()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("CKA ka exam fee kitna hai?", "Certified Kubernetes Administrator (CKA) ($395)"),
        ("infrastructure as code nya pake apa?", "Terraform/Pulumi"),
        # its other words in no English dictionary are that language's too ("gunanya")
        ("MLflow itu gunanya buat apa sih?", "MLflow: Experiment tracking"),
        ("cloud ML platform yang disebut apa aja ya?", "AWS Machine Learning Specialty ($300)"),
        ("Arize - what role does the guide assign it?", "Arize: ML observability platform."),
        ("Lower and upper bound, in years, for the path the guide lays out?", "4-6 years"),
        # an accented word is one word, not a name in its pieces ("dif", "CIL")
        ("É difícil? what are the biggest challenges in MLOps?", "On-call burden"),
        ("qué cloud should I learn, AWS o Azure?", "Work with cloud platforms (AWS, GCP"),
        # in a question written partly in another language, its words are no names, even
        # where WordNet knows them as a place ("ils") or a job ("da": a district attorney)
        (
            "est-ce qu'ils travaillent avec les data scientists tous les jours?",
            "Supporting data scientists with experimentation infrastructure",
        ),
        ("O exame da Azure custa quanto?", "Azure AI Engineer Associate ($165)"),
        # one such word set at a clause's edge of a mostly English question is an aside
        ("Who is this work good for, franchement?", "Best suited for"),
        # what is asked of a named item in another language is no thing its line lacks
        ("CKA cuánto cuesta?", "Certified Kubernetes Administrator (CKA) ($395)"),
        ("hvad koster CKA eksamen?", "Certified Kubernetes Administrator (CKA) ($395)"),
        # a sentence in another language beside an English one: the English is read
        ("Olweggulo bakola ki? what do they do in the afternoons", "Afternoon:"),
        ("største udfordringer i jobbet? biggest challenges", "On-call burden"),
    ],
)
def test_an_ask_mixing_in_another_language_or_the_guides_act_is_answered(
    assistant: Assistant, question: str, fact: str
) -> None:
    assert_answered_with(assistant, question, fact)  # quoted verbatim, whatever the languages


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "ada diskon buat mahasiswa gak?",  # no guide word: not read past its words
        # what it asks of the guide still lacks
        "Databricks certification ka fee kitna hai?",
        "MLOps engineer ka salary Jakarta me kitna hai?",
        "remote kerja bisa gak untuk MLOps engineer?",
        "Does the guide mention Snowflake?",
        # a term typed in lower case in an English question is still a name ("cert": no
        # other language's word, but the guide's "certification" cut short)
        "databricks cert worth it?",
        "is leetcode needed for mlops interviews?",
    ],
)
def test_what_the_guide_lacks_is_still_refused(assistant: Assistant, question: str) -> None:
    assert assistant.ask(question).refused


@pytest.mark.slow
def test_a_question_in_another_language_is_refused_as_unread_not_as_uncovered(
    assistant: Assistant,
) -> None:
    for question in (
        "¿Cuánto gana un ingeniero de MLOps según la guía?",  # the guide states the pay
        "Quelle est la meilleure recette de tajine aux pruneaux?",  # nor is this about it
    ):
        answer = assistant.ask(question)
        assert answer.refused and answer.text.startswith(phrases.OTHER_LANGUAGE), question
        assert answer.diagnostics is not None
        assert answer.diagnostics.reason == "other_language"
    # one the guide's names and the words read answer is answered all the same
    assert_answered_with(assistant, "MLflow itu buat apa sih?", "MLflow")
