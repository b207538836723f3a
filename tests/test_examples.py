"""The nearest-question check (assistant/examples.py): labelled questions mark the guide's scope."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import assert_grounded

from assistant import Assistant
from assistant.embeddings import get_embedder
from assistant.errors import CorpusError
from assistant.examples import (
    CACHE_DIR,
    asks_more,
    guide_questions,
    load_examples,
    question_key,
    read_examples,
    words,
)
from assistant.settings import PROJECT_ROOT, Settings

SHIPPED = PROJECT_ROOT / "corpus" / "scope-examples.jsonl"


REMOTE = "Are most MLOps jobs remote these days?"
PAY = "How much do MLOps engineers make?"


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def labelled(tmp_path: Path) -> Path:
    return write(
        tmp_path / "examples.jsonl",
        [
            {"question": "Can MLOps engineers work from home?", "answerable": False},
            {"question": "Is remote work common in MLOps jobs?", "answerable": False},
            {"question": "What do MLOps engineers earn?", "answerable": True},
            {"question": "Which tools should an MLOps engineer learn?", "answerable": True},
        ],
    )


class CountingEmbedder:
    """The real embedder behind the Embedder interface, counting the texts it embeds."""

    def __init__(self, settings: Settings) -> None:
        self.real = get_embedder(settings)
        self.texts = 0

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.real.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def test_the_shipped_examples_are_valid_and_never_an_evaluation_question() -> None:
    questions, labels, _ = read_examples(SHIPPED)
    assert sum(labels) > 100 and labels.count(False) > 100
    # The gold set and the held-out sets measure the check: none of their questions is an
    # example.
    shipped = {question_key(q) for q in questions}
    for name in ["gold.jsonl"] + [f"heldout{n}.jsonl" for n in (3, 9, 10, 16, 17)]:
        for line in (PROJECT_ROOT / "eval" / name).read_text().splitlines():
            assert question_key(json.loads(line)["question"]) not in shipped, (name, line)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"question": "Is it remote?", "answerable": false}\nnot json\n', "line 2"),
        ('{"question": "Is it remote?"}\n', "line 1"),
        ('{"question": "Is it remote?", "answerable": "no"}\n', "line 1"),
        ('{"question": "Is it remote?", "answerable": false}\n', "both kinds"),
    ],
)
def test_a_broken_examples_file_says_which_line_and_how_to_turn_the_check_off(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text(content)
    with pytest.raises(CorpusError) as info:
        read_examples(path)
    assert reason in str(info.value) and "ASSISTANT_SCOPE_EXAMPLES" in str(info.value)
    assert path.read_text() == content  # the file is left as it was


def test_vectors_are_cached_beside_the_index_and_a_damaged_cache_is_recomputed(
    tmp_path: Path,
) -> None:
    settings = Settings(index_dir=tmp_path / "index", scope_examples=str(labelled(tmp_path)))
    embedder = CountingEmbedder(settings)
    first = load_examples(settings, embedder)
    assert first is not None and embedder.texts == 4
    again = load_examples(settings, embedder)
    assert again is not None and embedder.texts == 4  # read from the cache
    np.testing.assert_allclose(again.vectors, first.vectors)
    (cache,) = (tmp_path / "index" / CACHE_DIR).glob("examples-*.npy")
    cache.write_bytes(b"not an array")
    assert load_examples(settings, embedder) is not None and embedder.texts == 8


def test_the_check_is_off_when_set_empty_or_when_the_corpus_has_no_examples(
    tmp_path: Path,
) -> None:
    assert Settings(scope_examples="").scope_examples_path is None
    assert Settings(corpus_dir=tmp_path).scope_examples_path is None
    assert Settings().scope_examples_path == SHIPPED
    missing = Settings(scope_examples=str(tmp_path / "nowhere.jsonl"))
    with pytest.raises(CorpusError, match="no such file"):
        load_examples(missing, CountingEmbedder(missing))


def test_a_question_among_out_of_scope_examples_is_refused(
    real_index_dir: Path, tmp_path: Path
) -> None:
    examples = str(labelled(tmp_path))
    checked = Assistant.from_settings(index_dir=real_index_dir, scope_examples=examples)
    answer = checked.ask(REMOTE)
    assert answer.refused and answer.text.startswith("The guide does not cover this.")
    diagnostics = answer.extra["diagnostics"]
    assert diagnostics["scope_margin"] < checked.settings.scope_margin
    assert diagnostics["nearest_out_of_scope"] == "Is remote work common in MLOps jobs?"
    # The same question without the check: its words are all the guide's, so it was answered.
    unchecked = Assistant.from_settings(index_dir=real_index_dir, scope_examples="")
    assert not unchecked.ask(REMOTE).refused
    # An answerable question passes the check.
    salary = checked.ask("How much money does an MLOps engineer make?")
    assert not salary.refused and salary.extra["diagnostics"]["scope_margin"] > 0


def test_an_out_of_scope_example_that_asks_more_does_not_count_against_the_question(
    tmp_path: Path,
) -> None:
    # "... in London?" is out of scope for London, which the shorter question does not ask.
    assert asks_more(words("How much do MLOps engineers make in London?"), words(PAY))
    assert not asks_more(words(PAY), words("How much do MLOps engineers make in London?"))
    assert not asks_more(words(PAY), words(PAY))  # the same words: a label that counts
    rows = [
        {"question": "How much do MLOps engineers make in London?", "answerable": False},
        {"question": "Can MLOps engineers work from home?", "answerable": False},
        {"question": "What is the pay of an MLOps engineer?", "answerable": True},
        {"question": "Which tools should an MLOps engineer learn?", "answerable": True},
    ]
    settings = Settings(
        index_dir=tmp_path / "index", scope_examples=str(write(tmp_path / "e.jsonl", rows))
    )
    examples = load_examples(settings, get_embedder(settings))
    assert examples is not None
    vector = get_embedder(settings).embed_query(PAY)
    scope = examples.scope(vector, 1, PAY)
    assert scope.nearest_out_of_scope == "Can MLOps engineers work from home?"
    # The London question itself is compared with it, as it asks no more than itself.
    london = "How much do MLOps engineers make in London?"
    vector = get_embedder(settings).embed_query(london)
    assert examples.scope(vector, 1, london).nearest_out_of_scope == london


def test_a_follow_up_is_not_checked_alone(real_index_dir: Path, tmp_path: Path) -> None:
    checked = Assistant.from_settings(
        index_dir=real_index_dir, scope_examples=str(labelled(tmp_path))
    )
    history = [
        {"role": "user", "content": "Which certifications does the guide list?"},
        {"role": "assistant", "content": "AWS Machine Learning Specialty, CKA, Terraform."},
    ]
    answer = checked.ask("How much is the Terraform one?", history)
    assert not answer.refused and "$70" in answer.text
    assert answer.extra["diagnostics"]["scope_margin"] is None


@pytest.mark.parametrize(
    "question", ["Which bootcamp is best for MLOps?", "How should I format my CV for MLOps roles?"]
)
def test_the_shipped_examples_refuse_new_near_topic_questions(
    real_index_dir: Path, question: str
) -> None:
    shipped = Assistant.from_settings(index_dir=real_index_dir)
    assert shipped.examples is not None and question not in shipped.examples.questions
    assert (
        not Assistant.from_settings(index_dir=real_index_dir, scope_examples="")
        .ask(question)
        .refused
    )  # the guide's other checks let it through
    answer = shipped.ask(question)
    assert answer.refused, answer.extra["diagnostics"]


def test_the_guide_adds_in_scope_questions_for_what_it_names_and_prices() -> None:
    from assistant.guide import load_guide

    questions = guide_questions(load_guide(PROJECT_ROOT / "corpus").sections)
    for expected in [
        "What is Kubeflow?",
        "What is Pulumi?",  # "Terraform/Pulumi: ..."
        "How much does CKA cost?",  # "Certified Kubernetes Administrator (CKA) ($395): ..."
        "What does the guide say about Soft Skills?",
        "What does the guide say about What Is an MLOps Engineer?",
    ]:
        assert expected in questions
    assert not any("FAQs" in q for q in questions)  # a bare heading answers nothing


@pytest.mark.parametrize(
    "question",
    [
        "what is kubeflow",
        "What is MLflow?",
        "what is evidently ai",
        "What's Tecton?",
        "what does dvc do",
        "How much is the Terraform cert?",
        "what are the soft skills",
        "what does an mlops engineer do",
        "How much do MLOps engineers make?",
        "which monitoring tools are listed",
    ],
)
def test_plain_questions_about_what_the_guide_describes_are_answered(
    real_index_dir: Path, question: str
) -> None:
    # Out-of-scope examples name the same tools ("Is Kubeflow better than MLflow?"); the guide's
    # own questions keep these from finding only out-of-scope neighbours.
    answer = Assistant.from_settings(index_dir=real_index_dir).ask(question)
    assert not answer.refused, answer.extra["diagnostics"]
    assert answer.sources


def test_a_name_in_passing_does_not_refuse_a_question_among_answerable_ones(
    real_index_dir: Path,
) -> None:
    shipped = Assistant.from_settings(index_dir=real_index_dir)
    question = (
        "My team serves PyTorch and XGBoost models. Which serving tool is framework-agnostic?"
    )
    answer = shipped.ask(question)
    diagnostics = answer.extra["diagnostics"]
    assert diagnostics["unknown_names"] == ["PyTorch", "XGBoost"]
    assert diagnostics["scope_margin"] >= shipped.settings.scope_names_margin
    assert not answer.refused and "BentoML" in answer.text
    # Without the labelled examples, the names alone refuse it, as before.
    alone = Assistant.from_settings(index_dir=real_index_dir, scope_examples="")
    assert alone.ask(question).refused
    # A question about the unknown name itself is still refused, with the name.
    netflix = shipped.ask("Does Netflix hire MLOps engineers?")
    assert netflix.refused and "Netflix" in netflix.text


def test_a_close_labelled_question_brings_the_lines_of_its_facts(
    real_index_dir: Path, tmp_path: Path
) -> None:
    examples = write(
        tmp_path / "examples.jsonl",
        [
            {
                "question": "Which industries are hiring MLOps people?",
                "answerable": True,
                "facts": ["autonomous vehicles"],
            },
            {"question": "Is remote work common in MLOps jobs?", "answerable": False},
        ],
    )
    question = "which industries hire mlops engineers the most"
    recalled = Assistant.from_settings(index_dir=real_index_dir, scope_examples=str(examples))
    answer = recalled.ask(question)
    assert not answer.refused and "autonomous vehicles" in answer.text
    assert (
        answer.extra["diagnostics"]["recalled_from"] == "Which industries are hiring MLOps people?"
    )
    assert_grounded(answer)
    # Without recall the same question is answered from Top Employers alone.
    plain = Assistant.from_settings(
        index_dir=real_index_dir, scope_examples=str(examples), recall_similarity=2.0
    ).ask(question)
    assert "autonomous vehicles" not in plain.text
    assert plain.extra["diagnostics"]["recalled_from"] is None


def test_facts_in_the_examples_file_must_be_a_list_of_texts(tmp_path: Path) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text('{"question": "Who wrote it?", "answerable": true, "facts": "Taylor"}\n')
    with pytest.raises(CorpusError, match="facts must be a list of texts"):
        read_examples(path)
