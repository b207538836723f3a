"""The Python API on the real embedding model and a real Chroma index of the guide."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import assert_grounded
from fakes import CountingEmbedder

from assistant import Assistant, InvalidQuestion, phrases
from assistant.embeddings import get_embedder
from assistant.index import ACTIVE, ensure_index, read_active
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

HISTORY = [
    {"role": "user", "content": "Which certifications does the guide list?"},
    {"role": "assistant", "content": "Cloud ML certifications and infrastructure ones."},
]


def test_a_fact_question_gets_the_guides_sentence_with_its_citation(assistant: Assistant) -> None:
    answer = assistant.ask("How much does the HashiCorp Terraform certification cost?")
    assert not answer.refused
    assert "$70" in answer.text
    assert_grounded(answer)
    assert (
        answer.sources[0].section == "MLOps Engineer Certifications > Infrastructure certifications"
    )


def test_a_list_question_gets_the_list(assistant: Assistant) -> None:
    answer = assistant.ask("Which tools does the guide list for model serving?")
    assert_grounded(answer)
    for tool in ["Triton Inference Server", "TensorFlow Serving", "Seldon Core", "BentoML"]:
        assert tool in answer.text
    assert {s.section for s in answer.sources} == {
        "MLOps Engineer Tools & Technologies > Model Serving"
    }


@pytest.mark.parametrize(
    "question",
    [
        "How do I bake sourdough bread?",
        "Who won the NBA finals in 2023?",
        "How many calories are in an avocado?",
    ],
)
def test_out_of_scope_questions_are_refused_with_the_nearest_sections(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.refused
    assert answer.text.startswith(phrases.NOT_COVERED)
    assert answer.sources == []
    assert 1 <= len(answer.nearest_sections) <= 3


def test_a_follow_up_uses_the_conversation(assistant: Assistant) -> None:
    answer = assistant.ask("How much is the Terraform one?", history=HISTORY)
    assert "$70" in answer.text
    assert answer.sources[0].section.startswith("MLOps Engineer Certifications")
    assert_grounded(answer)


def test_answer_to_dict_has_the_documented_shape(assistant: Assistant) -> None:
    data = assistant.ask("How long does it take to become an MLOps engineer?").to_dict()
    assert {"question", "answer", "refused", "citations", "guide_version", "latency_ms"} <= set(
        data
    )
    assert "4-6 years" in data["answer"]
    citation = data["citations"][0]
    assert set(citation) >= {"n", "section", "quote", "score"}
    assert data["guide_version"] == assistant.guide_version
    json.dumps(data)  # serialisable


def test_answers_are_short_and_quotes_verbatim_over_many_questions(assistant: Assistant) -> None:
    questions = [
        "What does an MLOps engineer do in the afternoon?",
        "what soft skills matter",
        "Which cloud ML certifications are listed?",
        "What should my portfolio demonstrate?",
        "What are the common career challenges?",
        "what is kubeflow",
    ]
    lengths = []
    for question in questions:
        answer = assistant.ask(question)
        assert not answer.refused, question
        assert_grounded(answer)
        lengths.append(len(answer.text))
    assert sorted(lengths)[len(lengths) // 2] < 600


@pytest.mark.parametrize(
    ("question", "history", "message"),
    [
        ("", None, phrases.EMPTY_QUESTION),
        ("   \n\t ", None, phrases.EMPTY_QUESTION),
        ("x" * 5000, None, "characters long"),
        ("what\x00is this", None, "control characters"),
        (b"\xff\xfe\xfd", None, "undecodable"),
        ("salary?", "not a list", "not a list"),
        ("salary?", [{"role": "system", "content": "x"}], "role"),
        ("salary?", [{"role": "user"}], "no text content"),
        ("salary?", [{"role": "user", "content": "hi"}] * 50, "too long"),
    ],
)
def test_bad_input_raises_invalid_question_with_one_clear_sentence(
    assistant: Assistant, question: object, history: object, message: str
) -> None:
    with pytest.raises(InvalidQuestion, match=message) as info:
        assistant.ask(question, history)
    assert isinstance(info.value, ValueError)
    assert str(info.value).count(". ") == 0  # one sentence


def test_invisible_format_characters_are_ignored(assistant: Assistant) -> None:
    answer = assistant.ask("\u202eHow much is the CKA\u200b certification?")
    assert "$395" in answer.text


def counting(settings: Settings, fail_after: int | None = None) -> CountingEmbedder:
    """The real model behind the Embedder interface, counting what it embeds."""
    return CountingEmbedder(get_embedder(settings), fail_after)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(PROJECT_ROOT / "corpus" / "mlops-engineer-career-guide.md", corpus)
    return corpus


def test_unchanged_ingest_embeds_nothing_and_a_change_rebuilds(
    tmp_path: Path, corpus_copy: Path
) -> None:
    settings = Settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    embedder = counting(settings)
    first, built = ensure_index(settings, embedder=embedder)
    assert built and embedder.calls > 0
    embedder.calls = 0
    again, built = ensure_index(settings, embedder=embedder)
    assert (again, built, embedder.calls) == (first, False, 0)

    guide = corpus_copy / "mlops-engineer-career-guide.md"
    guide.write_text(guide.read_text() + "\n# Extra\n\nA new closing line.\n")
    changed, built = ensure_index(settings, embedder=embedder)
    assert built and changed != first and embedder.calls > 0
    assert read_active(settings.index_dir).stamp["guide_version"] != ""


def test_a_crash_mid_build_leaves_the_old_index_serving(tmp_path: Path, corpus_copy: Path) -> None:
    settings = Settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    old, _ = ensure_index(settings, embedder=counting(settings))
    with pytest.raises(RuntimeError, match="simulated crash"):
        ensure_index(settings, rebuild=True, embedder=counting(settings, fail_after=1))
    assert (settings.index_dir / ACTIVE).resolve() == old
    answer = Assistant(settings).ask("How much is the CKA certification?")
    assert "$395" in answer.text


def test_a_corrupt_index_is_rebuilt_automatically(tmp_path: Path, corpus_copy: Path) -> None:
    settings = Settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    old, _ = ensure_index(settings)
    (old / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    answer = Assistant(settings).ask("How much is the CKA certification?")
    assert "$395" in answer.text
    assert (settings.index_dir / ACTIVE).resolve() != old


def test_the_first_ask_builds_a_missing_index(tmp_path: Path, corpus_copy: Path) -> None:
    settings = Settings(corpus_dir=corpus_copy, index_dir=tmp_path / "fresh")
    assert not (settings.index_dir / ACTIVE).exists()
    assert not Assistant(settings).ask("What is Kubeflow?").refused
    assert (settings.index_dir / ACTIVE).exists()


@pytest.mark.parametrize(
    ("question", "reasons"),
    [
        # Nothing in the guide states hours: refused as off-topic or as an unstated duration.
        ("How many hours a week do MLOps engineers usually work?", {"off_topic", "no_duration"}),
        ("What percentage of MLOps jobs are fully remote?", {"no_rate"}),
        # a frequency: the on-call line says it happens, not how often
        ("How often are MLOps engineers on call - every week?", {"no_rate"}),
        ("How often is the standup with the ML platform team?", {"grounded"}),  # "Daily standup"
        # an interval or a cadence is a rate; the periods offered are the answer's form, not
        # what happens ("Daily standup" is no retraining)
        ("What retraining interval does it recommend, e.g. daily or weekly?", {"no_rate"}),
        ("recommended retraining cadence for a fraud model?", {"no_rate"}),
        ("training pipeline design q, how many TB", {"grounded"}),  # "100TB": a figure's unit
        ("How much does the Certified Kubernetes Administrator exam cost?", {"grounded"}),
        ("How long does it take to become an MLOps engineer?", {"grounded"}),
    ],
)
def test_a_question_for_a_quantity_needs_evidence_stating_one(
    assistant: Assistant, question: str, reasons: set[str]
) -> None:
    answer = assistant.ask(question)
    assert answer.diagnostics.reason in reasons, answer.text
    assert answer.refused is ("grounded" not in reasons)
    if answer.diagnostics.reason.startswith("no_"):
        # The refusal says so, then quotes what the guide says nearest, verbatim and cited.
        assert answer.text.startswith(f"{phrases.NOT_STATED} {phrases.NEAREST_SAID}")
        assert_grounded(answer)


def test_the_quantity_must_be_in_the_evidence_the_answer_rests_on(assistant: Assistant) -> None:
    # The best evidence is "Texas" (Top Employers); the national salary sentence that follows
    # it from another section is no salary for Texas.
    answer = assistant.ask("How much does an MLOps engineer earn in Texas?")
    assert answer.refused and answer.diagnostics.coverage == 1.0
    assert answer.diagnostics.reason == "no_amount"
    assert answer.text.startswith(phrases.NOT_STATED)


def test_a_list_answer_also_quotes_the_closest_lines_outside_the_list(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("which ci/cd tools r worth mastering")
    assert "GitHub Actions, Jenkins" in answer.text
    assert_grounded(answer)


def test_one_example_is_not_a_list_question(assistant: Assistant) -> None:
    answer = assistant.ask("Give me an example of a problem they might debug in the morning")
    assert "latency spiked" in answer.text and "\n- " not in answer.text


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What is the average MLOps engineer salary in Germany?", ["Germany"]),
        ("Does Netflix hire MLOps engineers?", ["Netflix"]),
        ("How much do MLOps engineers earn in London?", ["London"]),
        ("Snowflake on the tool list?", ["snowflake"]),  # asks whether the guide names it
    ],
)
def test_a_question_naming_something_the_guide_never_mentions_is_refused(
    assistant: Assistant, question: str, names: list[str]
) -> None:
    answer = assistant.ask(question)
    assert answer.refused
    assert answer.text.startswith(phrases.not_mentioned(names))
    assert answer.diagnostics.unknown_names == names
    assert answer.nearest_sections


def test_an_attribute_of_a_guide_name_opening_the_ask_is_not_stated(assistant: Assistant) -> None:
    # "Tecton" opens the ask, where a capital names nothing, but the guide always writes it so
    answer = assistant.ask("Tecton license cost?")
    assert answer.refused
    assert answer.diagnostics.reason == "unsaid_name"


@pytest.mark.parametrize(
    "question",
    [
        # Each has a word the guide never uses ("pricey", "hire"), so the recogniser runs.
        "How pricey is the Google Professional Machine Learning Engineer certification?",
        "Is Texas among the top states that hire MLOps engineers?",
    ],
)
def test_names_the_guide_mentions_are_answered(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert answer.diagnostics.least_covered_word is not None
    assert answer.diagnostics.unknown_names == []


@pytest.mark.parametrize(
    ("question", "unmentioned"),
    [
        ("How do I become a data engineer?", "data engineer"),
        ("What certifications should a cloud architect get?", "cloud architect"),
    ],
)
def test_a_question_about_another_job_is_refused(
    assistant: Assistant, question: str, unmentioned: str
) -> None:
    answer = assistant.ask(question)
    assert answer.refused
    assert answer.text.startswith(phrases.not_mentioned([unmentioned]))


@pytest.mark.parametrize(
    "question",
    [
        "What certs are worth getting?",
        "How do I move from software engineering to MLOps?",
        "Do data scientists push back on productionization stuff?",
    ],
)
def test_close_words_and_moves_to_mlops_are_answered(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("Is Kubeflow better than MLflow?", True),
        ("Which is better, SageMaker or Vertex AI?", True),
        ("How does an MLOps engineer's salary compare to a data engineer's?", True),
        # The guide does compare these: the evidence says "than", "while", "rather than".
        ("Do interviewers ask about models doing worse in prod than in training?", False),
        ("I love tuning neural nets way more than infra work - would MLOps suit me?", False),
        # "A vs B": each side's guide words said as one phrase in a line that states.
        ("What is ML-specific about the job vs regular DevOps?", False),
        ("Which feature stores are open source vs enterprise?", False),
        ("mlops vs data engineer pay?", True),  # the guide names no data engineer's pay
        ("mlops vs data engineering, what differs?", True),
        # what the role is compared with is named in no line that compares
        ("How does this role compare with a research software engineer?", True),
        ("For someone in finance, is it better to go into MLOps or into data engineering?", True),
        # pay compared with another job, however the ask is read
        ("Should I just become a data scientist instead? Which one pays more?", True),
        # "rather than" excludes, it does not compare
        ("Which projects show deployment skills rather than modelling?", False),
        # a yes/no question set after a topic asks whether, not for the comparison
        ("model drift vs data drift - will interviewers ask about it?", False),
    ],
)
def test_a_question_for_a_comparison_needs_evidence_that_compares(
    assistant: Assistant, question: str, refused: bool
) -> None:
    assert assistant.ask(question).refused is refused


def test_a_follow_up_comparing_pay_compares_with_the_job_the_question_before_named(
    assistant: Assistant,
) -> None:
    history = [
        {"role": "user", "content": "How is an MLOps engineer different from an ML engineer?"},
        {"role": "assistant", "content": "While ML Engineers focus on building and training …"},
    ]
    assert assistant.ask("and who gets paid more?", history=history).refused
    # the role's own pay, asked after the same question, is stated
    assert not assistant.ask("and what do they earn?", history=history).refused


def test_the_guides_interview_questions_answer_only_questions_about_interviews(
    assistant: Assistant,
) -> None:
    from assistant.scope import is_prompt

    answer = assistant.ask("How do MLOps engineers deal with model drift?")
    assert not is_prompt(answer.sources[0].quote), answer.text
    about = assistant.ask("Will they ask me about drift in interviews?")
    assert "data drift and concept drift" in about.text


def test_a_question_about_a_section_with_steps_gets_each_steps_name(
    assistant: Assistant,
) -> None:
    steps = [
        "Build Software Engineering Foundation",
        "Gain DevOps Experience",
        "Learn ML Fundamentals",
        "Specialize in ML Infrastructure",
    ]
    overview = assistant.ask("how do i become an mlops engineer")
    assert not overview.refused and all(step in overview.text for step in steps)
    assert "Total Time: 4-6 years" in overview.text  # the section's own lead line
    assert_grounded(overview)  # a step's name is quoted as the guide's heading
    # Asked as a list, the steps' lists come each under its step's name.
    listed = assistant.ask("list the steps and what each one involves")
    assert all(step in listed.text for step in steps[:2]) and "- Learn Docker" in listed.text
    assert_grounded(listed)
    # A question that names one sub-section gets that one, not the overview.
    technical = assistant.ask("What technical skills do MLOps engineers need?")
    assert "Container orchestration for ML workloads at scale." in technical.text
    assert "Soft Skills" not in technical.text


def test_a_question_about_all_the_lists_gets_them_in_the_guides_order(
    assistant: Assistant,
) -> None:
    tools = assistant.ask("what tools do mlops engineers use")
    text = tools.text
    assert text.index("Infrastructure & Orchestration:") < text.index("ML Platform Tools:")
    assert "Docker" in text and "Kubeflow" in text  # the first lists, even if ranked lower
    assert_grounded(tools)


def test_a_section_of_names_one_a_line_is_read_whole(assistant: Assistant) -> None:
    answer = assistant.ask("where are the top employers located")
    assert all(s in answer.text for s in ["California", "Washington", "New York", "Texas"])
    assert_grounded(answer)


def test_a_list_question_about_a_parent_section_gets_its_lead_line_first(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("what skills do i need")
    lead = "MLOps Engineers need strong DevOps skills combined with ML domain knowledge."
    assert answer.text.startswith(lead)
    assert_grounded(answer)
    # Naming one list ("soft skills") gets that list alone.
    assert lead not in assistant.ask("What soft skills matter for this job?").text
