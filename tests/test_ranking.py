"""Which guide lines an answer rests on: the list a list question gets, and the lines of the
part of the guide the ask names."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.listing import lists
from assistant.schema import Section, Unit
from assistant.vocabulary import stem


def _section(title: str, units: list[tuple[str, str]]) -> Section:
    return Section(
        id=title.lower(),
        path=("Skills", title),
        text="\n".join(t for _, t in units),
        source="guide.md",
        order=0,
        units=tuple(Unit(text=t, kind=k, position=i) for i, (k, t) in enumerate(units)),
    )


def test_a_lists_lead_line_names_what_it_lists_but_a_first_item_does_not() -> None:
    led = _section(
        "Gain DevOps Experience",
        [("sentence", "Develop infrastructure and automation skills."), ("item", "Learn Docker")],
    )
    assert lists(led, stem("automation"))
    prose = _section(
        "Soft Skills",
        [("sentence", "Working with platform teams."), ("sentence", "Debugging issues.")],
    )
    assert not lists(prose, stem("platforms"))  # one of its lines, not what it is a list of
    assert lists(prose, stem("skills"))  # its title


@pytest.mark.slow
def test_a_list_question_gets_the_line_that_names_what_it_asks_for(assistant: Assistant) -> None:
    answer = assistant.ask("Which cloud ML platforms does the guide list under technical skills?")
    assert "AWS SageMaker, GCP Vertex AI, or Azure ML." in answer.text
    assert "Debugging" not in answer.text  # not the list of soft skills


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What do MLOps engineers do in the afternoon, according to the day in the life section?",
        "what exactly do I work on in the afternoon?",
    ],
)
def test_an_ask_naming_a_lines_label_gets_that_line(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.text.startswith("Afternoon: Continue building"), answer.text
    assert "Review a pull request for a training pipeline change." in answer.text


def test_the_part_an_answer_rests_on_is_its_list_and_the_lists_lead() -> None:
    from assistant.listing import answer_part
    from assistant.schema import Evidence

    parent = Section(
        id="skills", path=("Skills",), text="Cloud certs matter most.", source="g", order=0
    )
    lead = Unit(text="Cloud certs matter most.", kind="sentence", position=0)
    child = _section("Cloud", [("leadin", "Cloud:"), ("item", "AWS ($300): x")])
    other = _section("Other", [("item", "CKA ($395): y")])
    evidence = [
        Evidence(parent, lead, 1.0),
        *(Evidence(child, u, 1.0) for u in child.units),
        Evidence(other, other.units[0], 0.5),
    ]
    assert answer_part(evidence) == ["Cloud certs matter most.", "Cloud:", "AWS ($300): x"]
    assert answer_part([]) == []
    # the first line's part, though a lower line is from another: "Total Time" heads the steps
    apart = Section(id="c", path=("Challenges", "Common"), text="x", source="g", order=1)
    steps = [Evidence(parent, lead, 1.0), Evidence(apart, other.units[0], 0.9)]
    steps.append(Evidence(child, child.units[1], 0.8))
    assert answer_part(steps) == ["Cloud certs matter most.", "AWS ($300): x"]


@pytest.mark.slow
def test_an_amount_stated_in_a_list_under_a_lead_line_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask(
        "What are the prices of the AWS Machine Learning Specialty and the Google Professional "
        "Machine Learning Engineer certifications?"
    )
    assert not answer.refused, answer.text
    assert "($300)" in answer.text and "($200)" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "ML specific concerns = what exactly? list",
        "what do you mean ml specific concerns like what",
        "What does the guide mean by 'ML-specific concerns'?",
    ],
)
def test_a_line_holding_two_words_of_the_ask_side_by_side_is_searched(
    assistant: Assistant, question: str
) -> None:
    """The one line with "ML-specific concerns" sits in Key Takeaways, whose chunk (five
    topics) and whose line's cosine (0.30 for "what are the ML-specific concerns") rank below
    five other sections: its section is searched all the same."""
    retriever = assistant.retriever
    vector = assistant.embedder.embed_query(question)
    hits = retriever.search([(question, vector, 1.0)])
    n = assistant.settings.retrieval.answer_sections
    assert "key-takeaways" not in [h.section_id for h in hits[:n]]
    assert "key-takeaways" in [h.section_id for h in retriever.phrased(hits, question, vector, n)]
    answer = assistant.ask(question)
    assert "model versioning, feature stores, training pipelines" in answer.text, answer.text
    # two words side by side in more than one line pick out no line ("MLOps engineer")
    assert retriever.phrased(hits, "what does an MLOps engineer do", vector, n) == hits[:n]
