"""Asks that have the guide choose, rank or grade things, and the lines that do it
(assistant/choosing.py). Shown on made-up lines, so no line of the MLOps guide is assumed."""

from __future__ import annotations

import pytest

from assistant.choosing import choice_unmade, compared_in, compared_with, pay_unnamed, sides_stated

TOOLS = ["Airflow/Dagster: Workflow orchestration."]
RATED = ["Cloud and Kubernetes certifications are the most valuable for these roles."]


@pytest.mark.parametrize(
    ("ask", "evidence", "unmade"),
    [
        ("which one would it recommend?", TOOLS, True),
        ("which one do most employers actually use?", TOOLS, True),  # a rank by a measure
        ("which of those is listed first?", TOOLS, False),  # a place in the list, no rank
        ("Which one should I take first?", TOOLS, True),  # an order to take them in
        ("which of the three should i start with?", TOOLS, True),
        ("Which one has the biggest market share?", TOOLS, True),  # a rank by a superlative
        # "best practices" choose nothing
        (
            "which one makes most people quit",
            ["You'll need patience to enforce best practices."],
            True,
        ),
        # the choice after "so that I can" is the asker's own
        ("which services does it name, so that I can decide which one to try first?", TOOLS, False),
        ("which one would it recommend?", ["Best for those who like systems."], False),
        ("Which of the certs cost $200 or less?", TOOLS, False),  # a bound, no rank
        # the choice asked without "which"
        ("is airflow or dagster better for ML pipelines?", TOOLS, True),
        ("is airflow or dagster better for ML pipelines?", ["Airflow is best for …"], False),
        ("is airflow used for ML or for data?", TOOLS, False),  # no choice between them
    ],
)
def test_a_choice_or_a_rank_needs_a_line_that_makes_it(
    ask: str, evidence: list[str], unmade: bool
) -> None:
    assert choice_unmade(ask, False, False, evidence) is unmade


def test_a_computed_selection_is_no_choice_asked_of_the_guide() -> None:
    assert not choice_unmade("which one is the cheapest?", True, False, TOOLS)


def test_a_grade_of_worth_is_judged_by_a_line_rating_things_by_worth() -> None:
    # "count" is said in no line (unjudged), but a line rates the certifications by worth
    assert not choice_unmade("Which kinds of certifications count the most?", False, True, RATED)
    assert choice_unmade("Which kinds of certifications count the most?", False, True, TOOLS)
    # a grade that is no worth ("easier") is not judged by it
    assert choice_unmade("which one is easier to learn?", False, True, RATED)


def test_the_sides_of_x_vs_y_each_in_what_an_items_line_says_are_compared() -> None:
    lines = ["Feast: Open source feature store.", "Tecton: Enterprise feature store platform."]
    assert sides_stated("the open-source vs enterprise options for feature stores?", lines)
    assert not sides_stated("open-source vs hosted options?", lines)  # one side unsaid
    # a side only the role's name or a line of no item names compares nothing
    pay = ["MLOps Engineers earn $120,000-$185,000", "Data: Feast and dbt."]
    assert not sides_stated("mlops vs data engineer who earn more?", pay)


def test_pay_compared_needs_a_line_comparing_that_speaks_of_pay() -> None:
    suited = ["Best suited for engineers who enjoy infrastructure"]
    assert compared_in("which tool is best for monitoring?", suited)
    # "best" compares, but nothing of pay: no answer to which pays best
    assert not compared_in("Which state pays best?", suited)
    assert not compared_in("do contractors get paid less than employees?", suited)
    # money the asker lacks compares no pay: the line rating certifications answers
    rated = ["Cloud and Kubernetes certifications are the most valuable for MLOps roles"]
    assert compared_in("money is tight, so which certs are most valuable?", rated)
    pay = ["Seniors earn more than juniors: $185,000 against $120,000."]
    assert compared_in("who gets paid more, seniors or juniors?", pay)


UNIQUE = [
    "What makes this role unique: While ML Engineers focus on building and training models, "
    "MLOps Engineers focus on everything around the model",
    "Best suited for: DevOps engineers who want to specialize in ML, or software engineers who "
    "enjoy infrastructure more than model development.",
]


@pytest.mark.parametrize(
    ("ask", "compared"),
    [
        ("How is MLOps different from ML engineering?", True),  # "While ML Engineers …"
        ("How is MLOps different from DevOps?", True),  # "DevOps engineers … more than …"
        # what the role is compared with, named in no comparing line: no comparison to quote
        ("is it better to go into MLOps or into data engineering?", False),
        ("How does this role compare with a research software engineer?", False),
        ("do u need a phd for ml research roles vs mlops", False),
        # the asker's own contrast is no side the guide must name
        ("what would an mlops hire own vs what my DS folks keep doing?", True),
    ],
)
def test_what_the_role_is_compared_with_is_named_in_a_comparing_line(
    ask: str, compared: bool
) -> None:
    assert compared_in(ask, UNIQUE) is compared


def test_the_sides_of_a_comparison_are_the_words_next_to_it() -> None:
    assert compared_with("How does MLOps pay compare to a senior SOC analyst?") == [
        ["senior", "soc", "analyst"]
    ]
    assert compared_with("How does the work compare with that of a database administrator?")
    assert compared_with("TX vs CA?") == []  # the role is neither side


def test_pay_compared_with_another_job_needs_a_pay_line_naming_it() -> None:
    pay = [
        "MLOps Engineers earn $120,000-$185,000 depending on experience and company, with top "
        "compensation at FAANG reaching $250,000+"
    ]
    assert pay_unnamed("Should I become a data scientist instead? Which one pays more?", pay)
    assert pay_unnamed("data scientist earn more or mlops earn more?", pay)
    assert not pay_unnamed("does FAANG pay more?", pay)  # no other job: the line answers
    assert not pay_unnamed("what do data scientists do?", pay)  # no pay compared
    both = ["Data scientists earn less than MLOps engineers."]
    assert not pay_unnamed("who earns more, a data scientist or an MLOps engineer?", both)


@pytest.mark.parametrize(
    ("text", "ask", "unmade"),
    [
        # the options lead the ask in its clause
        ("Airflow, Prefect or Dagster: which does it recommend?", "which does it recommend?", True),
        ("SageMaker or self-host Kubeflow, which saves more?", "which saves more?", True),
        # options in a sentence before it are another clause
        ("I use airflow or cron. Which does it recommend?", "Which does it recommend?", False),
    ],
)
def test_the_options_leading_an_ask_are_what_it_chooses_between(
    text: str, ask: str, unmade: bool
) -> None:
    assert choice_unmade(ask, False, False, TOOLS, text) is unmade
