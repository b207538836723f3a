"""The guide as sections, and its chunks (no model needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.chunking import chunk_sections
from assistant.errors import CorpusError
from assistant.guide import load_guide
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
ORIGINAL = CORPUS / "original" / "mlops-engineer-career-guide.txt"
RENDERING = CORPUS / "mlops-engineer-career-guide.md"

EXPECTED_HEADINGS = [
    "Key Takeaways",
    "What Is an MLOps Engineer?",
    "What Is an MLOps Engineer? > MLOps Engineer",
    "Day in the Life of an MLOps Engineer",
    "Day in the Life of an MLOps Engineer > Core responsibilities include",
    "Day in the Life of an MLOps Engineer > Meetings",
    "How to Become an MLOps Engineer: Step-by-Step Guide",
    "How to Become an MLOps Engineer: Step-by-Step Guide > Build Software Engineering Foundation",
    "How to Become an MLOps Engineer: Step-by-Step Guide > Gain DevOps Experience",
    "How to Become an MLOps Engineer: Step-by-Step Guide > Learn ML Fundamentals",
    "How to Become an MLOps Engineer: Step-by-Step Guide > Specialize in ML Infrastructure",
    "MLOps Engineer Tools & Technologies",
    "MLOps Engineer Tools & Technologies > Infrastructure & Orchestration",
    "MLOps Engineer Tools & Technologies > ML Platform Tools",
    "MLOps Engineer Tools & Technologies > Model Serving",
    "MLOps Engineer Tools & Technologies > Feature Stores & Data",
    "MLOps Engineer Tools & Technologies > Monitoring & Observability",
    "MLOps Engineer Skills: Technical & Soft",
    "MLOps Engineer Skills: Technical & Soft > Technical Skills",
    "MLOps Engineer Skills: Technical & Soft > Soft Skills",
    "MLOps Engineer Certifications",
    "MLOps Engineer Certifications > Cloud ML certifications",
    "MLOps Engineer Certifications > Infrastructure certifications",
    "Building Your MLOps Portfolio",
    "Building Your MLOps Portfolio > Projects that demonstrate MLOps skills",
    "Building Your MLOps Portfolio > Key metrics to highlight",
    "MLOps Engineer Interview Preparation",
    "MLOps Engineer Interview Preparation > System design questions",
    "MLOps Engineer Interview Preparation > Technical questions",
    "MLOps Engineer Interview Preparation > Coding",
    "Career Challenges for MLOps Engineers",
    "Career Challenges for MLOps Engineers > Common challenges",
    "Career Challenges for MLOps Engineers > How experienced MLOps engineers handle these",
    "MLOps Engineer Salary by State",
    "Top Employers for MLOps Engineers",
    "MLOps Engineer FAQs",
    "Data Sources",
    "About the Author",
]


def original_sentences() -> list[str]:
    """Every sentence and list item of the scraped original, bullet markers removed."""
    out = []
    for line in ORIGINAL.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^- (\d+\.)?", "", line).strip()
        out += [s for s in re.split(r"(?<=[.!?])\s+", line) if s]
    return out


def test_recovered_sections_are_the_guides_headings() -> None:
    guide = load_guide(CORPUS)
    assert [s.heading for s in guide.sections] == EXPECTED_HEADINGS
    ids = [s.id for s in guide.sections]
    assert len(set(ids)) == len(ids)
    assert "mlops-engineer-certifications/infrastructure-certifications" in ids


def test_rendering_keeps_every_character_of_the_original_in_order() -> None:
    """The Markdown rendering only adds heading marks, added headings and line breaks.

    Walk the rendering line by line against the original with white space removed: a body
    line must match the original exactly at that point; a heading either matches (it was a
    line, or the end of a glued line, of the original) or is an added heading.
    """
    original_lines = ORIGINAL.read_text(encoding="utf-8").splitlines()
    stream = "".join("".join(line.split()) for line in original_lines)
    line_ends, pos = set(), 0
    for line in original_lines:
        pos += len("".join(line.split()))
        line_ends.add(pos)
    at, added = 0, []
    for line in RENDERING.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        heading = re.match(r"^#+\s+(.*)$", line)
        text = "".join((heading.group(1) if heading else line).split())
        if heading:
            if stream.startswith(text, at) and at + len(text) in line_ends:
                at += len(text)
            else:
                added.append(heading.group(1))
            continue
        assert stream.startswith(text, at), f"changed or moved: {line!r}"
        at += len(text)
    assert at == len(stream), "the rendering stops before the end of the original"
    assert set(added) == {"Key Takeaways", "Meetings", "Coding", "About the Author"}


def test_lead_in_lines_stay_with_their_lists() -> None:
    sections = {s.heading: s for s in load_guide(CORPUS).sections}
    cloud = sections["MLOps Engineer Certifications > Cloud ML certifications"]
    assert cloud.text.splitlines()[0] == "Cloud ML certifications:"
    assert [u.kind for u in cloud.units] == ["leadin", "item", "item", "item"]
    assert "Azure AI Engineer Associate ($165)" in cloud.units[-1].text


def test_every_sentence_of_the_guide_lands_in_a_chunk_that_carries_its_heading() -> None:
    guide = load_guide(CORPUS)
    chunks = chunk_sections(guide.sections, chunk_size=700, chunk_overlap=100)
    by_section = {s.id: s for s in guide.sections}
    for chunk in chunks:
        assert chunk.embed_text.startswith(by_section[chunk.section_id].heading)
        assert len(chunk.text) <= 700
    text = "\n".join(c.embed_text for c in chunks)
    missing = [s for s in original_sentences() if s not in text]
    # Glued scrape lines ("CAWashington") are split in the rendering; their parts are there.
    glued = {"CAWashington", "WANew York", "NYTexas", "TXMLOps Engineer FAQs"}
    assert {m for m in missing if m not in glued} == {
        m for m in missing if "yearsBuild" in m or "SOC 15-1252A Day" in m
    }
    for part in ["SOC 15-1252A", "Total Time: 4-6 years", "Washington", "New York", "Texas"]:
        assert part in text


def test_chunks_never_cross_a_section() -> None:
    guide = load_guide(CORPUS)
    for chunk in chunk_sections(guide.sections, chunk_size=120, chunk_overlap=20):
        section = next(s for s in guide.sections if s.id == chunk.section_id)
        assert chunk.text in section.text


def test_plain_text_files_are_ingested_the_same_way(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(
        "Salary Notes\nJuniors earn less. Seniors earn more.\nPerks:\n- Remote work\n- Stipend\n",
        encoding="utf-8",
    )
    guide = load_guide(tmp_path)
    assert [s.heading for s in guide.sections] == ["Salary Notes", "Salary Notes > Perks"]
    assert [u.text for u in guide.sections[0].units] == ["Juniors earn less.", "Seniors earn more."]
    assert [u.kind for u in guide.sections[1].units] == ["leadin", "item", "item"]


def test_a_missing_or_empty_corpus_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="put the guide"):
        load_guide(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match="put the guide"):
        load_guide(tmp_path)


def test_a_corpus_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"# Title\n\xff\xfe broken")
    with pytest.raises(CorpusError, match="bad.md is not UTF-8"):
        load_guide(tmp_path)


def test_the_kind_of_answer_a_question_wants() -> None:
    from assistant.question import kind_of

    assert kind_of("How many hours a week do they work?") == "rate"  # hours per week
    assert kind_of("How many hours does the CKA exam take?") == "duration"
    assert kind_of("What's the pass rate of the exam?") == "rate"
    assert kind_of("How much ML theory do I need?") != "amount"
    assert kind_of("How much traffic should the serving design handle?") != "amount"
    assert kind_of("Which certifications are listed?") == "list"
    assert kind_of("cka cost") == "amount"
    # how much in or at a place or an employer is an amount; "how much in total" is not
    assert kind_of("how much in Texas for mlops?") == "amount"
    assert kind_of("how much at google?") == "amount"
    assert kind_of("how much in total does the path take?") != "amount"
    assert kind_of("Is Kubeflow better than MLflow?") == "compare"
    # pay measured between earners, in a verb of its own; not another measure so put
    for ask in [
        "Which state pays MLOps engineers the most?",
        "How does the MLOps salary stack up against a data engineer's?",
        "Which gives more money, MLOps or full-stack development?",
        "Do insurers pay as well as the tech firms do?",
    ]:
        assert kind_of(ask) == "compare", ask
    # a choice asked between things: "go with", "standardize on", "or … the better"
    for ask in [
        "should my team go with dagster or airflow?",
        "Should we standardize on Kubeflow or MLflow for our new platform?",
        "For a five-person ML team, is Kubeflow or MLflow the better choice?",
    ]:
        assert kind_of(ask) == "compare", ask
    for ask in ["which cert matters most for k8s platforms", "which industries hiring mlops most"]:
        assert kind_of(ask) != "compare", ask
    assert kind_of("How many interview rounds are there?") == "count"
    # a time named by its kind ("time-to-hire", "average tenure"), in short forms, a turnover
    for ask in ["avg time-to-hire?", "typical tenure?", "how much time to prep?", "how many yrs?"]:
        assert kind_of(ask) == "duration", ask
    for ask in ["attrition for mlops hires?", "typical turnover?", "avg hrs/wk"]:
        assert kind_of(ask) == "rate", ask
    assert kind_of("what time does the day start?") != "duration"


def test_a_price_compared_in_words_selects_by_price() -> None:
    from assistant.question import read

    for ask in ["which one is more cheap for a small team?", "which is less expensive?"]:
        selection = read(ask).selection
        assert selection is not None and selection.op == "min", ask
    selection = read("which is more expensive?").selection
    assert selection is not None and selection.op == "max"


def test_prompt_lines() -> None:
    from assistant.scope import is_prompt

    assert is_prompt("Explain canary deployments for ML models")
    assert is_prompt("How do you handle model versioning and rollback?")
    assert not is_prompt("Docker: Containerization for reproducible ML environments.")
