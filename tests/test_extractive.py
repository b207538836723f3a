"""Answer composition's reading of the guide's lines (no model): what a sentence is about."""

from __future__ import annotations

from assistant.extractive import _defined, _labels, _opens_with, is_list_question, stems
from assistant.guide import load_guide
from assistant.settings import PROJECT_ROOT
from assistant.vocabulary import stem


def test_every_sentence_of_a_labelled_line_carries_its_label() -> None:
    guide = load_guide(PROJECT_ROOT / "corpus")
    day = next(s for s in guide.sections if "Afternoon: Continue building" in s.text)
    labels = _labels(day)
    # Not only the sentence the label opens: the whole line is the afternoon.
    assert labels["Review a pull request for a training pipeline change."] == stems("Afternoon")
    assert labels["Daily standup with the ML platform team."] == stems("Morning")
    # A line with no label gives its sentences none.
    plain = [u.text for u in day.units if u.kind == "sentence" and u.text not in labels]
    assert plain, "the section has unlabelled sentences too"


def test_a_definition_ask_is_about_its_term() -> None:
    assert _defined("what is an MLOps engineer, in one sentence?") == ["mlop", "engineer"]
    assert _defined("What does an MLOps engineer actually do?") == ["mlop", "engineer"]
    assert _defined("What is Feast?") == ["feast"]
    assert _defined("How much does the CKA cost?") == []  # no definition ask
    # put in a form or hedged, the ask is still for what the thing is
    assert _defined("In plain words, what is an MLOps engineer?") == ["mlop", "engineer"]
    assert _defined("what exactly is a feature store") == ["feature", "store"]
    # in the sentence that asks it, past an opener and the form it is wanted in
    memo = "What is, exactly, an MLOps engineer? I need a short definition for a memo to the board."
    assert _defined(memo) == ["mlop", "engineer"]
    assert _defined("wait what even is an mlops engineer? explain it") == ["mlop", "engineer"]
    assert _defined("what is Feast in plain english. no fluff") == ["feast"]


def test_a_definition_opens_with_its_term_after_an_article_or_before_a_colon() -> None:
    term = ["mlop", "engineer"]
    assert _opens_with("An MLOps Engineer builds and maintains the infrastructure.", term)
    assert not _opens_with("MLOps Engineers earn $120,000-$185,000.", term)  # a statement
    assert not _opens_with("They create the pipelines.", term)
    assert _opens_with("DVC: Data version control for ML projects.", ["dvc"])


def test_which_tools_gets_the_line_that_names_examples_of_them() -> None:
    from assistant.extractive import select
    from assistant.schema import Evidence
    from assistant.settings import Settings

    guide = load_guide(PROJECT_ROOT / "corpus")
    sections = {s.id: s for s in guide.sections}
    units = [(s, u) for s in guide.sections for u in s.units]
    ci = next((s, u) for s, u in units if u.text.startswith("Master CI/CD pipelines"))
    duty = next((s, u) for s, u in units if u.text.startswith("Creating CI/CD pipelines"))
    scored = [Evidence(*duty, 0.42), Evidence(*ci, 0.36)]  # the duty scores better
    mode, chosen = select(scored, "Which CI/CD tools does the guide name?", Settings(), sections)
    assert chosen[0].unit.text == "Master CI/CD pipelines (GitHub Actions, Jenkins, etc.)"
    # A modifier common across the guide ("ML") picks no line by itself.
    ml = next((s, u) for s, u in units if u.text.startswith("Learn ML-specific tools"))
    scored = [Evidence(*duty, 0.42), Evidence(*ml, 0.40)]
    _, chosen = select(scored, "What ML basics do I need?", Settings(), sections)
    assert chosen[0].unit.text != ml[1].text
    # A clause is no noun phrase, and a citation is no enumeration of examples.
    pay = next((s, u) for s, u in units if u.text.startswith("MLOps Engineers earn"))
    scored = [Evidence(*duty, 0.5), Evidence(*pay, 0.45)]  # "(Levels.fyi, 2025)" is cited
    _, chosen = select(scored, "What do MLOps engineers earn in Texas?", Settings(), sections)
    assert chosen[0].unit.text == duty[1].text


def test_an_ask_that_opens_with_its_thing_has_a_head_phrase() -> None:
    from assistant.question import head_phrase

    assert head_phrase("CI/CD tools named in the roadmap?") == (["CI/CD"], "tools")
    assert head_phrase("Which cloud platforms should I know?") == (["cloud"], "platforms")
    assert head_phrase("How do I become an MLOps engineer?") == ([], "")


def test_a_paragraphs_opening_sentence_brings_the_rest_of_it() -> None:
    from assistant.extractive import Evidence, _sentences
    from assistant.schema import Section, Unit
    from assistant.settings import Settings

    text = "Your day revolves around systems. Expect a mix of incident response.\nMorning: Check."
    units = [
        Unit(kind="sentence", text="Your day revolves around systems.", position=0),
        Unit(kind="sentence", text="Expect a mix of incident response.", position=1),
        Unit(kind="sentence", text="Morning: Check.", position=2),
    ]
    section = Section("day", ("Day",), text, "guide.txt", 0, tuple(units))
    scored = [Evidence(section, units[2], 0.9), Evidence(section, units[0], 0.88)]
    chosen = _sentences(scored, scored[0], Settings())
    assert [e.unit.text for e in chosen] == [u.text for u in units]


def test_an_ask_for_what_a_thing_holds_asks_for_a_list() -> None:
    assert is_list_question("what should be in my portfolio")
    assert is_list_question("what do i put in a portfolio if ive never had an engineering job")
    assert is_list_question("what does the CI/CD pipeline include?")
    # what it is for, or when something happens, holds no list
    assert not is_list_question("what should my portfolio focus on")
    assert not is_list_question("what do they do in the morning")


def test_of_several_lists_of_it_the_one_whose_items_say_what_it_is_for_answers() -> None:
    from assistant.extractive import select
    from assistant.schema import Evidence
    from assistant.settings import Settings

    guide = load_guide(PROJECT_ROOT / "corpus")
    sections = {s.id: s for s in guide.sections}
    units = {u.text.split(":")[0]: (s, u) for s in guide.sections for u in s.units}
    scored = [  # the portfolio's metrics lead; a tool list of another purpose scores next
        Evidence(*units["Key metrics to highlight"], 0.63),
        Evidence(*units["Weights & Biases"], 0.52),
        Evidence(*units["Prometheus/Grafana"], 0.50),
        Evidence(*units["Docker"], 0.48),
    ]
    _, chosen = select(scored, "Metrics dashboards. Which tools.", Settings(), sections)
    said = [e.unit.text for e in chosen]
    assert "Prometheus/Grafana: Infrastructure and model metrics." in said
    assert not any(t.startswith(("Kubernetes", "MLflow")) for t in said), said  # no other list
    # two lists each saying part of the ask ("versioning", "reproducible") are both asked for
    ask = "Which tools deal with versioning data and reproducible environments?"
    _, chosen = select(scored[1:], ask, Settings(), sections)
    said = [e.unit.text for e in chosen]
    assert any(t.startswith("Docker") for t in said) and any(t.startswith("DVC") for t in said)


def test_what_is_used_for_something_is_a_tool() -> None:
    from assistant.listing import asked_noun

    assert asked_noun("what do they use for dashboards and metrics") == stem("tools")
    assert asked_noun("what do these folks use to schedule their pipelines?") == stem("tools")
    assert asked_noun("what do they do all day?") == ""  # nothing used
    assert asked_noun("which certifications are used for hiring?") == stem("certifications")
