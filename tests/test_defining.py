"""What a thing is: the guide defines a term only in a line the term heads (assistant/defining.py).
Shown on lines of a made-up nursing guide, so no line of the MLOps guide is assumed."""

from __future__ import annotations

import pytest

from assistant.defining import asks_what_it_is, heads, only_asked, undefined
from assistant.question import without_kind_doubt
from assistant.schema import Section, Unit
from assistant.vocabulary import stem

NURSING = [
    "Charting: Recording each patient's care in the record.",
    "Tools: Epic, a triage scale, and bedside monitors.",
    "Charge nurses coordinate the shift and the ward's beds.",
    "Triage scale training with senior staff",
    "What's the difference between acuity and triage?",
]


def guide(lines: list[str]) -> list[Section]:
    units = tuple(Unit(text=t, kind="item", position=i) for i, t in enumerate(lines))
    return [Section("nursing", ("Nursing",), "\n".join(lines), "n.md", 0, units)]


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what's a triage scale?", "triage scale"),  # named in a list, in a project
        ("What exactly do bedside monitors do?", "bedside monitors"),
        ("what does 'acuity' actually mean?", "acuity"),  # only asked about
        ("what is a triage scale used for?", "triage scale"),  # "used for" ends the name
        ("ok what even is a triage scale", "triage scale"),  # a filler opening it is no part
        ("wait what's a 'triage scale'? sounds odd lol", "triage scale"),
        ("the ward says what is a triage scale", None),  # what comes first is no "what is" ask
        # an ask of its own after a lead clause, or before another ask
        ("the guide mentions acuity - what exactly is acuity?", "acuity"),
        ("what is a triage scale and how is it used on the ward?", "triage scale"),
        (
            "Thanks. Could you give me the exact definition of acuity as the guide puts it?",
            "acuity",
        ),
        ("define triage scale", "triage scale"),
        ("what's the definition of charting?", None),  # its line's label
        # asked as "explain what X is", and the words to say it in or the domain set aside
        ("Can you explain what a 'triage scale' actually is in plain English?", "triage scale"),
        ("what exactly is a triage scale in simple terms?", "triage scale"),
        ("What exactly is acuity for an ML model?", "acuity"),
        # after the asker's words, or before a clause of their own
        ("Sorry if this is silly, what exactly is a 'triage scale'? Explain it?", "triage scale"),
        ("whats a triage scale they keep saying it on the ward and i dont get it", "triage scale"),
    ],
)
def test_a_term_the_guide_only_names_is_undefined(question: str, term: str | None) -> None:
    assert undefined(question, guide(NURSING)) == term


@pytest.mark.parametrize(
    "question",
    [
        "what is charting?",  # the label of its line
        "What's a charge nurse?",  # the subject of its line, a verb after it
        "what is a discharge summary?",  # never named: other checks judge that
        "what is the salary?",  # a figure, no term
        "what is this triage scale they use at my hospital",  # the asker's own thing
        "What are the tools?",  # a list
        "what is senior staff triage scale training?",  # more words than a term
        "What is a triage scale supposed to show?",  # a clause after it: what it shows
        "For the last one, what is the triage scale used for?",  # "the": pointed at
        "What is difference between charting and triage scale?",  # a difference, no term
    ],
)
def test_a_defined_unnamed_or_pointed_thing_is_not_undefined(question: str) -> None:
    assert undefined(question, guide(NURSING)) is None


def test_a_line_is_headed_by_its_label_or_its_subject_only() -> None:
    def words(*ws: str) -> set[str]:
        return {stem(w) for w in ws}

    assert heads(words("charting"), NURSING[0])
    assert heads(words("charge", "nurses"), NURSING[2])
    # "Triage scale *training*": a noun after it, so the line is about training
    assert not heads(words("triage", "scale"), NURSING[3])
    assert not heads(words("epic"), NURSING[1])  # inside the line, after another label


@pytest.mark.parametrize(
    "question",
    [
        "what's the diff between acuity and triage fr",  # "diff", and slang after it
        "How does the guide define acuity?",
        'How does the guide define the term "acuity"?',  # "the term": no part of the thing
        "how does acuity differ from triage?",
    ],
)
def test_a_thing_named_only_in_an_interview_question_is_only_asked(question: str) -> None:
    assert only_asked(question, ["What's the difference between acuity and triage?"])
    assert not only_asked(question, ["Acuity: how sick a patient is, unlike triage."])


@pytest.mark.parametrize(
    "question",
    [
        "Acuity and triage, what is the difference?",  # named before the ask
        "can you explain how acuity is different from triage in practice",
    ],
)
def test_a_difference_the_guide_only_asks_is_only_asked_wherever_the_ask_names_it(
    question: str,
) -> None:
    prompt = "What's the difference between acuity and triage?"
    assert only_asked(question, [prompt])
    # a line that states it answers; one word of the two is no ask of that difference
    assert not only_asked(question, [prompt, "Acuity and triage: how sick, and how urgent."])
    assert not only_asked("Triage, is it different for children?", [prompt])


def test_the_name_asked_about_ends_where_the_evidence_stops_naming_it() -> None:
    """What follows the name is the asker's talk ("pls its on the list"), not part of it."""
    prompt = "Explain the triage scale to new nurses"
    assert only_asked("explain the triage scale pls its on the interview list lol", [prompt])
    assert not only_asked(
        "explain the triage scale pls its on the interview list", [prompt, NURSING[1]]
    )


def test_a_thing_the_evidence_misses_is_judged_on_the_whole_guide() -> None:
    """The evidence may be another list; the guide names the thing only in its question."""
    other = ["Charting: Recording each patient's care in the record."]
    assert only_asked(
        "what is the distinction between acuity and triage?", other, "", guide(NURSING)
    )
    assert not only_asked("what is a triage scale?", other, "", guide(NURSING))


@pytest.mark.parametrize(
    ("question", "context"),
    [
        (
            "Does the guide explain it?",
            "I'd like to understand the difference between acuity and triage.",
        ),
        (
            "could you explain what distinguishes the two?",
            "I keep reading about acuity and triage.",
        ),
    ],
)
def test_an_ask_naming_nothing_asks_of_what_its_context_names(question: str, context: str) -> None:
    prompt = "What's the difference between acuity and triage?"
    assert only_asked(question, [prompt], context)
    assert not only_asked(question, [prompt])  # nothing named, no context: no thing asked
    # an ask naming its own thing is not read against the context
    assert not only_asked("what do charge nurses do?", [prompt], context)


@pytest.mark.parametrize(
    ("ask", "asks"),
    [
        ("whats epic, saw it on the rota", True),  # a remark after it
        ("what is Epic, sounds like a video game haha", True),
        ("epic... whats the deal with that, sounds like a law firm", True),  # pointed at
        ("what is epic used for on the ward", True),  # where it is used
        ("what is epic, and what licence is it under", False),  # a second ask
        ("whats the licence of epic", False),  # an attribute of it
        ("epic, what's its claim to fame", False),
        ("Epic?? haha what's it for", True),  # its name alone, then the ask
        ("Epic?? what's it for, and what licence?", False),
    ],
)
def test_a_what_is_ask_is_told_from_the_remarks_beside_it(ask: str, asks: bool) -> None:
    assert asks_what_it_is(ask, {"epic"}) is asks


@pytest.mark.parametrize(
    ("ask", "read"),
    [
        ("Epic, is that a real tool or a gym brand? what's it for", "Epic, what's it for"),
        ("Epic?? is that a tool or a video game haha what's it for", "Epic?? haha what's it for"),
        (
            "Epic. Is that a real tool or did a marketing dept name it? What's it for",
            "Epic. What's it for",
        ),
        # alone, or with a property among the kinds, the doubt is what is asked
        ("is that a tool or a game?", "is that a tool or a game?"),
        (
            "Is Epic a free tool or a paid one? what is it for",
            "Is Epic a free tool or a paid one? what is it for",
        ),
    ],
)
def test_a_doubt_what_kind_of_thing_it_is_beside_what_its_for_is_no_ask(
    ask: str, read: str
) -> None:
    assert without_kind_doubt(ask) == read
