"""Batch evaluation: each metric on hand-made cases, the question file, compare, gates, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from fakes import VocabularyEmbedder

from assistant import phrases
from assistant.errors import IndexUnavailable, InvalidQuestion
from assistant.evaluation import EXIT_GATE, EXIT_INPUT, EXIT_OK, GuideContext, main
from assistant.evaluation import metrics as m
from assistant.evaluation.aggregate import METRIC_NAMES, aggregate
from assistant.evaluation.questions import EvalQuestion, load_questions
from assistant.evaluation.run import ask_all, check_gates, parse_config, parse_threshold
from assistant.schema import Answer, Source

CERTS = (
    "mlops-engineer-certifications/cloud-ml-certifications",
    "MLOps Engineer Certifications > Cloud ML certifications",
)
SERVING = ("tools/model-serving", "MLOps Engineer Tools & Technologies > Model Serving")
SALARY = ("key-takeaways", "Key Takeaways")
GUIDE_LINES = {
    CERTS: "- AWS Machine Learning Specialty ($300): Validates SageMaker and AWS ML services.",
    SERVING: "- BentoML: Framework-agnostic model serving.",
    SALARY: "MLOps Engineers earn $120,000-$185,000 depending on experience and company.",
}


def context() -> GuideContext:
    return GuideContext(
        m.GuideTexts(GUIDE_LINES.values()),
        m.SectionIndex(GUIDE_LINES),
        embedder_factory=VocabularyEmbedder,
    )


def q(qid: str = "q1", **kw: Any) -> EvalQuestion:
    return EvalQuestion(id=qid, question=kw.pop("question", f"question {qid}?"), line=1, **kw)


def cite(n: int, section: tuple[str, str], quote: str, score: float = 0.5) -> dict[str, Any]:
    return {"n": n, "section_id": section[0], "section": section[1], "quote": quote, "score": score}


# --- sections: matching, hit@k, MRR, citation precision and recall --------------------------


@pytest.mark.parametrize(
    "name",
    [
        CERTS[0],
        CERTS[1],
        "Cloud ML certifications",
        "cloud ml CERTIFICATIONS:",
        "mlops engineer certifications>cloud ml certifications",
    ],
)
def test_an_expected_section_names_a_cited_one_by_id_path_or_title(name: str) -> None:
    assert m.section_matches(name, *CERTS)


def test_a_parent_or_other_section_does_not_match() -> None:
    assert not m.section_matches("MLOps Engineer Certifications", *CERTS)
    assert not m.section_matches("Model Serving", *CERTS)
    assert not m.section_matches("", *CERTS)


def test_cited_sections_are_ranked_by_best_score_and_deduplicated() -> None:
    answer = {
        "citations": [
            cite(1, SALARY, "x", 0.2),
            cite(2, CERTS, "y", 0.9),
            cite(3, SALARY, "z", 0.5),
            cite(4, SERVING, "w", 0.5),
        ]
    }
    assert m.ranked_sections(answer) == [CERTS, SALARY, SERVING]


def test_a_refusal_is_ranked_by_its_nearest_sections_resolved_to_ids() -> None:
    answer = {"refused": True, "citations": [], "nearest_sections": [SERVING[1], CERTS[1]]}
    assert m.ranked_sections(answer, m.SectionIndex(GUIDE_LINES)) == [SERVING, CERTS]


def test_hit_at_k_and_reciprocal_rank() -> None:
    ranked = [SALARY, CERTS, SERVING]
    assert m.hit_at(["Cloud ML certifications"], ranked, 1) == 0.0
    assert m.hit_at(["Cloud ML certifications"], ranked, 3) == 1.0
    assert m.reciprocal_rank([CERTS[0]], ranked) == 0.5
    assert m.reciprocal_rank([SERVING[0], CERTS[0]], ranked) == 0.5  # the first match counts
    assert m.reciprocal_rank(["Data Sources"], ranked) == 0.0


def test_citation_precision_and_recall() -> None:
    cited = [CERTS, SALARY]
    expected = [CERTS[0], SERVING[0]]
    assert m.citation_precision(expected, cited) == 0.5  # 1 of 2 cited sections expected
    assert m.citation_recall(expected, cited) == 0.5  # 1 of 2 expected sections cited
    assert m.citation_precision(expected, []) is None
    assert m.citation_recall(expected, []) == 0.0


# --- facts, quotes, groundedness, similarity ------------------------------------------------


def test_fact_recall_is_case_and_whitespace_insensitive_and_ignores_markers() -> None:
    answer = "MLOps Engineers earn $120,000-$185,000 [1]. Top pay at FAANG   reaches [2] $250,000+."
    facts = ["$120,000-$185,000", "faang reaches $250,000+", "autonomous vehicles"]
    assert m.missing_facts(facts, answer) == ["autonomous vehicles"]
    assert m.score_answer(q(expected_facts=tuple(facts)), {"answer": answer}, m.GuideTexts([]))[
        "fact_recall"
    ] == pytest.approx(2 / 3)


def test_quote_fidelity_accepts_verbatim_quotes_only() -> None:
    texts = m.GuideTexts(["Line one.\n- BentoML: Framework-agnostic\n  model serving."])
    assert texts.contains("BentoML: Framework-agnostic")
    assert texts.contains("BentoML: Framework-agnostic model serving.")  # across a line break
    assert not texts.contains("BentoML: framework-agnostic")  # case changed
    assert not texts.contains("BentoML: Framework agnostic")  # punctuation changed
    assert not texts.contains("  ")
    answer = {
        "answer": "a [1] b [2]",
        "citations": [
            cite(1, SERVING, "BentoML: Framework-agnostic"),
            cite(2, SERVING, "Made up."),
        ],
    }
    s = m.score_answer(q(), answer, texts)
    assert (s["quote_fidelity"], s["bad_quotes"]) == (0.5, ["Made up."])


def test_answer_sentences_carry_the_markers_that_close_their_claim() -> None:
    text = (
        "Intro line.\n- First item [1]\n- Second [2, 3]\nOne. [4] Two [5]. Three.\nCA [6] NY [7][8]"
    )
    got = [(s.text, s.markers) for s in m.answer_sentences(text)]
    assert got == [
        ("Intro line.", ()),
        ("First item", (1,)),
        ("Second", (2, 3)),
        ("One.", (4,)),
        ("Two", (5,)),
        ("Three.", ()),
        ("CA", (6,)),
        ("NY", (7, 8)),
    ]
    two = m.answer_sentences("Made-up claim. Quoted claim. [1]")
    assert [(s.text, s.markers) for s in two] == [("Made-up claim.", (1,)), ("Quoted claim.", (1,))]


def test_support_by_containment_or_most_content_tokens() -> None:
    quote = "MLOps Engineers earn $120,000-$185,000 depending on experience and company."
    assert m.supports(quote, "mlops engineers earn $120,000-$185,000")
    assert m.supports(quote, "Engineers in MLOps earn $120,000-$185,000 by experience")
    assert not m.supports(quote, "MLOps Engineers mostly work remotely in finance")


def test_groundedness_counts_sentences_their_cited_quote_supports() -> None:
    quotes = {1: GUIDE_LINES[SALARY], 2: GUIDE_LINES[SERVING]}
    text = (
        "MLOps Engineers earn $120,000-$185,000 depending on experience [1]. "  # supported
        "BentoML is a framework-agnostic model serving tool [2]. "  # supported (tokens)
        "BentoML pays the best salaries [1]. "  # cites a quote that does not support it
        "Kubernetes is required [9]. "  # cites nothing that exists
        "Everyone should learn Rust."  # cites nothing
    )
    count, unsupported = m.unsupported_sentences(text, quotes)
    assert count == 5
    assert unsupported == [
        "BentoML pays the best salaries",
        "Kubernetes is required",
        "Everyone should learn Rust.",
    ]
    answer = {
        "answer": text,
        "refused": False,
        "citations": [cite(1, SALARY, quotes[1]), cite(2, SERVING, quotes[2])],
    }
    assert m.score_answer(q(), answer, m.GuideTexts([]))["groundedness"] == pytest.approx(2 / 5)


def test_a_refusal_has_no_groundedness() -> None:
    answer = {"answer": phrases.NOT_COVERED, "refused": True, "citations": []}
    assert "groundedness" not in m.score_answer(q(answerable=False), answer, m.GuideTexts([]))


def test_rouge_l_and_embedding_cosine() -> None:
    assert m.rouge_l("the cat sat [1]", "the cat sat") == pytest.approx(1.0)
    assert m.rouge_l("dog", "the cat sat") == 0.0
    values = m.cosines(VocabularyEmbedder(), ["cat dog [1]", "fish"], ["cat fish", "fish"])
    assert values == pytest.approx([0.5, 1.0])


def test_refusal_is_read_from_the_phrase_when_the_flag_is_missing() -> None:
    assert m.is_refused({"answer": f"Sorry. {phrases.NOT_COVERED}"})
    assert not m.is_refused({"answer": "MLOps engineers earn a lot."})
    assert not m.is_refused({"answer": phrases.NOT_COVERED, "refused": False})


# --- verdicts and aggregates ----------------------------------------------------------------


def test_verdict_reasons() -> None:
    texts = m.GuideTexts(GUIDE_LINES.values())
    good = {
        "answer": f"{GUIDE_LINES[SALARY]} [1]",
        "refused": False,
        "citations": [cite(1, SALARY, GUIDE_LINES[SALARY])],
    }
    question = q(expected_sections=(SALARY[0],), expected_facts=("$120,000",))
    assert m.score_answer(question, good, texts)["verdict"] == "pass"
    wrong = q(expected_sections=(CERTS[0],), expected_facts=("$300",))
    assert m.score_answer(wrong, good, texts)["reasons"] == [
        "missing facts: $300",
        "cites none of the expected sections",
    ]
    refusal = {"answer": phrases.NOT_COVERED, "refused": True, "citations": []}
    assert m.score_answer(question, refusal, texts)["reasons"] == [
        "refused a question the guide answers"
    ]
    assert m.score_answer(q(answerable=False), refusal, texts)["verdict"] == "pass"
    assert m.score_answer(q(answerable=False), good, texts)["reasons"] == [
        "answered a question the guide does not cover"
    ]


def test_aggregate_refusals_latency_and_survival() -> None:
    texts = m.GuideTexts([])
    rows = [  # (answerable, refused, latency, generated_survived)
        (True, False, 10, True),
        (True, False, 20, False),
        (True, True, 30, None),
        (True, False, 40, True),
        (False, True, 100, None),
        (False, False, 50, None),
    ]
    questions, scores = [], []
    for i, (answerable, refused, latency, survived) in enumerate(rows):
        answer: dict[str, Any] = {"answer": "x", "refused": refused, "latency_ms": latency}
        if survived is not None:
            answer["generated_survived"] = survived
        questions.append(q(f"q{i}", answerable=answerable))
        scores.append(m.score_answer(questions[-1], answer, texts))
    values, counts = aggregate(questions, scores)
    assert values["refusal_accuracy"] == 0.5 and counts["refusal_accuracy"] == 2
    assert values["false_refusal_rate"] == 0.25 and counts["false_refusal_rate"] == 4
    assert values["latency_p50_ms"] == 35.0  # numpy's linear interpolation
    assert values["latency_p95_ms"] == pytest.approx(87.5)
    assert values["generated_survival_rate"] == pytest.approx(2 / 3)
    assert values["fact_recall"] is None and counts["fact_recall"] == 0
    assert tuple(values) == METRIC_NAMES


def test_quote_fidelity_aggregates_over_all_quotes() -> None:
    texts = m.GuideTexts(["real quote"])
    answers = [
        {"answer": "a [1]", "citations": [cite(1, SALARY, "real quote")]},
        {
            "answer": "a [1] b [2] c [3]",
            "citations": [
                cite(1, SALARY, "real quote"),
                cite(2, SALARY, "fake"),
                cite(3, SALARY, "real"),
            ],
        },
    ]
    questions = [q("a"), q("b")]
    scores = [m.score_answer(x, a, texts) for x, a in zip(questions, answers, strict=True)]
    values, counts = aggregate(questions, scores)
    assert (values["quote_fidelity"], counts["quote_fidelity"]) == (0.75, 4)


# --- the question file ----------------------------------------------------------------------


def test_malformed_jsonl_rows_are_reported_by_line_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    lines = [
        {"id": "a", "question": "What do MLOps engineers earn?"},
        "{not json",
        {"id": "b"},
        {"id": "c", "question": "x?", "answerable": "maybe"},
        {"id": "d", "question": "x?", "history": [{"role": "bot", "content": "hi"}]},
        {"id": "a", "question": "dup?"},
        {
            "id": 7,
            "question": "Which certifications?",
            "answerable": False,
            "expected_sections": ["Cloud ML certifications"],
            "history": [{"role": "user", "content": "hi"}],
        },
    ]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    questions, errors = load_questions(path)
    assert [x.id for x in questions] == ["a", "7"]
    assert questions[1].answerable is False
    assert questions[1].history == ({"role": "user", "content": "hi"},)
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert "not valid JSON" in str(errors[0]) and str(errors[0]).startswith("line 2:")
    assert "missing 'question'" in errors[1].message or "'question'" in errors[1].message
    assert "answerable" in errors[2].message
    assert "history" in errors[3].message
    assert "duplicate id 'a' (first on line 1)" in errors[4].message


def test_csv_questions_with_json_history_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                "question",
                "history",
                "answerable",
                "expected_sections",
                "expected_facts",
                "reference_answer",
            ]
        )
        writer.writerow(
            [
                "a",
                "How much\nis it?",
                json.dumps([{"role": "user", "content": "Q"}]),
                "",
                "key-takeaways | Cloud ML certifications",
                '["$120,000"]',
                "",
            ]
        )
        writer.writerow(["b", "What?", "[broken", "true", "", "", ""])
        writer.writerow(["c", "Is it remote?", "", "false", "", "", "No."])
    questions, errors = load_questions(path)
    a, c = questions
    assert a.question == "How much\nis it?" and a.line == 2 and a.answerable
    assert a.expected_sections == ("key-takeaways", "Cloud ML certifications")
    assert a.expected_facts == ("$120,000",)
    assert c.line == 5 and not c.answerable and c.reference_answer == "No."
    assert [(e.line, "history" in e.message) for e in errors] == [(4, True)]


# --- running: the answerer seam, main, compare, --answers, gates ----------------------------


class FakeAnswerer:
    """Answers questions about pay from the salary line, about certifications from the
    certification line (unless `refuse_certs`), and refuses everything else."""

    def __init__(self, refuse_certs: bool = False) -> None:
        self.refuse_certs = refuse_certs
        self.calls: list[tuple[str, Any]] = []

    def ask(self, question: str, history: list[dict[str, str]] | None = None) -> Answer:
        self.calls.append((question, history))
        if question == "boom":
            raise RuntimeError("kaput")
        if question == "no index":
            raise IndexUnavailable("The index is missing; run `assistant ingest`.")
        if not question.strip("? "):
            raise InvalidQuestion(phrases.EMPTY_QUESTION)
        topic = question if not history else history[-1]["content"] + " " + question
        for key, section in (("earn", SALARY), ("certif", CERTS)):
            if key in topic and not (self.refuse_certs and section == CERTS):
                quote = GUIDE_LINES[section].lstrip("- ")
                source = Source(1, section[0], section[1], quote, 0.8)
                return Answer(question, f"{quote} [1]", False, [source], "v1", latency_ms=5.0)
        return Answer(
            question,
            phrases.NOT_COVERED,
            True,
            [],
            "v1",
            latency_ms=3.0,
            nearest_sections=[SERVING[1]],
        )


QUESTIONS = [
    {
        "id": "pay",
        "question": "What do MLOps engineers earn?",
        "expected_sections": ["key-takeaways"],
        "expected_facts": ["$120,000-$185,000"],
        "reference_answer": "Engineers cat",
    },
    {
        "id": "cert",
        "question": "Which certification validates SageMaker?",
        "expected_sections": ["Cloud ML certifications"],
        "expected_facts": ["AWS Machine Learning Specialty"],
    },
    {
        "id": "follow",
        "question": "And how much is it?",
        "history": [{"role": "user", "content": "Tell me about the AWS certification"}],
        "expected_sections": [CERTS[0]],
        "expected_facts": ["$300", "Vertex AI"],
    },
    {"id": "remote", "question": "Can I work remotely?", "answerable": False},
]


def write_questions(tmp_path: Path, rows: list[Any] = QUESTIONS) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def run_main(tmp_path: Path, *args: Any, **kw: Any) -> int:
    kw.setdefault("context", context())
    kw.setdefault("answerer_factory", lambda overrides: FakeAnswerer(**overrides_to_kw(overrides)))
    kw.setdefault("progress", False)
    return main(*args, **kw)


def overrides_to_kw(overrides: dict[str, Any]) -> dict[str, Any]:
    return {"refuse_certs": overrides.get("scope.refusal_threshold") == "0.99"}


def test_ask_all_records_rejected_and_crashing_questions() -> None:
    questions = [q("a", question="?"), q("b", question="boom"), q("c", question="no index")]
    answers = ask_all(FakeAnswerer(), questions, progress=False)
    assert answers[0]["refused"] and answers[0]["error"] == phrases.EMPTY_QUESTION
    assert not answers[1]["refused"] and answers[1]["error"] == "RuntimeError: kaput"
    assert not answers[2]["refused"] and answers[2]["error"].startswith("IndexUnavailable: ")
    assert answers[0]["id"] == "a" and answers[1]["latency_ms"] >= 0


def test_main_writes_every_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_main(tmp_path, write_questions(tmp_path), out) == EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == [
        "answers.jsonl",
        "metrics.json",
        "report.html",
        "report.md",
        "results.csv",
    ]
    answers = [json.loads(line) for line in (out / "answers.jsonl").read_text().splitlines()]
    assert [a["id"] for a in answers] == ["pay", "cert", "follow", "remote"]
    assert {"question", "answer", "refused", "citations", "latency_ms", "scores"} <= set(answers[0])
    assert answers[0]["scores"]["reference_cosine"] == pytest.approx(0.5)  # engineers, earn | cat
    metrics = json.loads((out / "metrics.json").read_text())["metrics"]
    assert metrics["fact_recall"] == pytest.approx(5 / 6)  # "follow" misses "Vertex AI"
    assert metrics["refusal_accuracy"] == 1.0 and metrics["false_refusal_rate"] == 0.0
    assert metrics["hit@1"] == 1.0 and metrics["quote_fidelity"] == 1.0
    rows = list(csv.DictReader((out / "results.csv").open()))
    assert [r["verdict"] for r in rows] == ["pass", "pass", "fail", "pass"]
    assert rows[2]["reasons"] == "missing facts: Vertex AI"
    html = (out / "report.html").read_text()
    assert "<svg" in html and "follow" in html and "missing facts: Vertex AI" in html
    assert "<script" not in html and "http" not in html.replace('xmlns="http://www.w3.org', "")
    md = (out / "report.md").read_text()
    assert "## Failing questions (1)" in md and "And how much is it?" in md


def test_a_malformed_row_is_named_and_the_rest_evaluated(tmp_path: Path, capsys: Any) -> None:
    path = write_questions(
        tmp_path,
        [
            QUESTIONS[0],
            "{oops",
            QUESTIONS[3],
            {"id": "x", "question": "y?", "expected_sections": ["Nope"]},
        ],
    )
    assert run_main(tmp_path, path, tmp_path / "out") == EXIT_INPUT
    err = capsys.readouterr().err
    assert "questions.jsonl line 2: not valid JSON" in err
    assert "line 4: expected_sections names no section of the guide: 'Nope'" in err
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text())
    assert metrics["metrics"]["questions"] == 2 and len(metrics["invalid_rows"]) == 2


def test_compare_two_configurations(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = run_main(
        tmp_path,
        write_questions(tmp_path),
        out,
        configs=["base=retrieval.top_k=6", "strict=scope.refusal_threshold=0.99,retrieval.top_k=3"],
    )
    assert code == EXIT_OK
    assert (out / "base" / "report.html").is_file() and (out / "strict" / "metrics.json").is_file()
    data = json.loads((out / "compare.json").read_text())
    assert data["configs"] == {
        "base": {"retrieval.top_k": "6"},
        "strict": {"scope.refusal_threshold": "0.99", "retrieval.top_k": "3"},
    }
    fr = data["metrics"]["false_refusal_rate"]
    assert fr["values"] == {"base": 0.0, "strict": pytest.approx(2 / 3)}
    assert fr["deltas"]["strict"] == pytest.approx(2 / 3) and fr["lower_is_better"]
    assert [c["id"] for c in data["changed"]] == ["cert"]  # "follow" fails in both
    assert data["changed"][0]["verdicts"] == {"base": "pass", "strict": "fail"}
    md = (out / "compare.md").read_text()
    assert "| false_refusal_rate ↓ | 0.000 | 0.667 (+0.667) |" in md
    assert "| cert | Which certification validates SageMaker? | pass | fail |" in md


def test_bad_config_is_an_input_error(tmp_path: Path, capsys: Any) -> None:
    path = write_questions(tmp_path)
    assert run_main(tmp_path, path, tmp_path / "o", configs=["a=nope=1"]) == EXIT_INPUT
    assert "'nope' is not a setting" in capsys.readouterr().err
    assert (
        run_main(tmp_path, path, tmp_path / "o", configs=["a=retrieval.top_k=many"]) == EXIT_INPUT
    )
    assert "invalid setting (retrieval.top_k:" in capsys.readouterr().err
    assert parse_config("k3=top_k=3, answer_sections=2", ["top_k", "answer_sections"]) == (
        "k3",
        {"top_k": "3", "answer_sections": "2"},
    )


def test_answers_file_is_scored_without_asking(tmp_path: Path) -> None:
    path = write_questions(tmp_path)
    assert run_main(tmp_path, path, tmp_path / "first") == EXIT_OK
    answers = tmp_path / "first" / "answers.jsonl"

    def no_answerer(overrides: dict[str, Any]) -> Any:
        raise AssertionError("--answers must not run the assistant")

    code = run_main(
        tmp_path, path, tmp_path / "again", answers_path=answers, answerer_factory=no_answerer
    )
    assert code == EXIT_OK
    first = json.loads((tmp_path / "first" / "metrics.json").read_text())["metrics"]
    again = json.loads((tmp_path / "again" / "metrics.json").read_text())["metrics"]
    assert again == first


def test_gates(tmp_path: Path, capsys: Any) -> None:
    path = write_questions(tmp_path)
    out = tmp_path / "o"
    assert run_main(tmp_path, path, out, fail_under=["fact_recall=0.8"]) == EXIT_OK
    assert run_main(tmp_path, path, out, fail_under=["fact_recall=0.9"]) == EXIT_GATE
    assert "fact_recall = 0.8333, below the minimum 0.9" in capsys.readouterr().err
    assert run_main(tmp_path, path, out, fail_over=["false_refusal_rate=0"]) == EXIT_OK
    code = run_main(tmp_path, path, out, fail_under=["generated_survival_rate=0.5"])
    assert code == EXIT_GATE  # not computed: no answer carries generated_survived
    assert run_main(tmp_path, path, out, fail_under=["recall=1"]) == EXIT_INPUT
    assert parse_threshold("mrr=0.5") == ("mrr", 0.5)
    with pytest.raises(ValueError, match="not a number"):
        parse_threshold("mrr=high")


def test_check_gates_in_compare_names_the_configuration(tmp_path: Path) -> None:
    from assistant.evaluation.run import EvalRun

    run = EvalRun("k3", [], [], {"mrr": 0.4, "latency_p95_ms": 900.0}, {}, {})
    assert check_gates(run, [("mrr", 0.5)], [("latency_p95_ms", 1000.0)]) == [
        "[k3] mrr = 0.4, below the minimum 0.5"
    ]


# --- the real assistant ---------------------------------------------------------------------


@pytest.mark.slow
def test_real_assistant_answers_are_verbatim_and_grounded(tmp_path: Path) -> None:
    """The extractive assistant on a few gold questions: its quotes are verbatim in the guide
    and every sentence of its answers is supported by the quote it cites."""
    gold = Path(__file__).resolve().parent.parent / "eval" / "dev" / "gold.jsonl"
    rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    picked = [r for r in rows if r.get("answerable", True)][:6]
    picked += [r for r in rows if not r.get("answerable", True)][:2]
    picked += [r for r in rows if r.get("history")][:1]
    out = tmp_path / "out"
    code = main(
        write_questions(tmp_path, picked),
        out,
        base_overrides={"index_dir": tmp_path / "index", "data_dir": tmp_path / "data"},
        progress=False,
    )
    assert code == EXIT_OK
    metrics = json.loads((out / "metrics.json").read_text())["metrics"]
    assert metrics["questions"] == len(picked)
    assert metrics["quote_fidelity"] == 1.0
    assert metrics["groundedness"] == 1.0
    assert metrics["reference_cosine"] is not None and metrics["latency_p50_ms"] > 0
    assert (out / "report.html").stat().st_size > 1000


# --- the command line -----------------------------------------------------------------------

GUIDE_QUOTE = "MLOps Engineers earn $120,000-$185,000 depending on experience and company"


def cli_files(tmp_path: Path) -> tuple[Path, Path]:
    questions = write_questions(tmp_path, [
        {"id": "pay", "question": "What do MLOps engineers earn?",
         "expected_sections": ["Key Takeaways"], "expected_facts": ["$120,000-$185,000"]},
        {"id": "cert", "question": "Which cloud ML certifications are there?",
         "expected_sections": ["mlops-engineer-certifications/cloud-ml-certifications"],
         "expected_facts": ["Azure AI Engineer Associate"]},
        {"id": "remote", "question": "Can I work remotely?", "answerable": False},
    ])  # fmt: skip
    answers = tmp_path / "answers.jsonl"
    rows = [
        {"id": "pay", "answer": f"{GUIDE_QUOTE} [1]", "refused": False, "latency_ms": 12.0,
         "citations": [{"n": 1, "section": "Key Takeaways", "section_id": "key-takeaways",
                        "quote": GUIDE_QUOTE, "score": 0.9}]},
        {"id": "cert", "answer": phrases.NOT_COVERED, "refused": True, "citations": []},
        {"id": "remote", "answer": phrases.NOT_COVERED, "refused": True, "citations": []},
    ]  # fmt: skip
    answers.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return questions, answers


def test_cli_eval_gates_set_the_exit_code(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    questions, answers = cli_files(tmp_path)
    runner = CliRunner()
    base = ["eval", str(questions), "--answers", str(answers), "--out", str(tmp_path / "out")]

    ok = runner.invoke(
        app, [*base, "--fail-under", "refusal_accuracy=1", "--fail-under", "mrr=0.5"]
    )
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "out" / "report.html").is_file()
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text())["metrics"]
    assert metrics["fact_recall"] == 0.5 and metrics["false_refusal_rate"] == 0.5

    low = runner.invoke(app, [*base, "--fail-under", "fact_recall=0.9"])
    assert low.exit_code == 1
    assert "fact_recall = 0.5, below the minimum 0.9" in low.output

    high = runner.invoke(app, [*base, "--fail-over", "false_refusal_rate=0.1"])
    assert high.exit_code == 1
    assert "false_refusal_rate = 0.5, above the maximum 0.1" in high.output

    unknown = runner.invoke(app, [*base, "--fail-under", "accuracy=0.9"])
    assert unknown.exit_code == 2 and "unknown metric 'accuracy'" in unknown.output

    missing = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl"), "--answers", str(answers)])
    assert missing.exit_code == 2 and "No questions file" in missing.output


def test_answers_are_paired_by_id_or_question_and_missing_ones_reported(
    tmp_path: Path, capsys: Any
) -> None:
    path = write_questions(tmp_path, QUESTIONS[:2] + QUESTIONS[3:])
    answers = tmp_path / "elsewhere.jsonl"
    rows = [
        {"question": "What do MLOps engineers earn?", "answer": GUIDE_LINES[SALARY]},  # no id
        {"id": "remote", "answer": f"Sorry. {phrases.NOT_COVERED}"},  # no refused flag
        "not json",
    ]
    answers.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    out = tmp_path / "out"
    assert run_main(tmp_path, path, out, answers_path=answers) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "line 3: elsewhere.jsonl: not valid JSON" in err
    assert "elsewhere.jsonl has no answer for id 'cert'" in err
    scored = [json.loads(line) for line in (out / "answers.jsonl").read_text().splitlines()]
    assert [(a["id"], a["scores"]["verdict"]) for a in scored] == [
        ("pay", "fail"),
        ("remote", "pass"),
    ]
    assert scored[0]["scores"]["reasons"] == [
        "cites none of the expected sections",
        "1 sentence(s) without a citation whose quote supports them",
    ]


def test_importing_the_evaluation_loads_no_model() -> None:
    import subprocess
    import sys

    code = (
        "import sys, assistant.evaluation, assistant.evaluation.report;"
        "heavy = {'torch', 'sentence_transformers', 'chromadb'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
