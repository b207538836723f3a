"""An ask of a theme the guide states in lines of its own (whom the role suits, how its work is
judged) is answered by those lines, however it is worded (assistant/themes.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import assert_grounded, exchange

from assistant import Assistant
from assistant.guide import load_guide
from assistant.owning import in_own_words, main_theme, marks_theme, owns_up
from assistant.themes import theme_lines, theme_of

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("ask", "name"),
    [
        ("who would this job be a great fit for", "suits"),
        ("Is MLOps the right fit if I mostly like tuning models?", "suits"),
        ("what sort of people thrive in this line of work", "suits"),
        ("Who's the role really for?", "suits"),
        ("am I cut out for this?", "suits"),
        ("what kind of engineer does well in this role", "suits"),
        ("Would it suit someone who likes automation?", "suits"),
        ("For whom is the career best suited?", "suits"),
        ("what KPIs would you set for this person?", "judged"),
        ("How is an MLOps engineer's performance evaluated?", "judged"),
        ("how can a manager tell they're doing a good job", "judged"),
        ("what are they held accountable for?", "judged"),
        ("by which metrics is the success of the role evaluated?", "judged"),
        ("how should I evaluate whether this hire is performing?", "judged"),
        ("Which success metrics fit the role?", "judged"),
        ("will I get woken up in the middle of the night?", "on-call"),
        ("do they get woken up at 3am?", "on-call"),
        ("what sets off the pager for these folks?", "on-call"),
        ("do they get called out at night?", "on-call"),
        ("what are the drawbacks of this career?", "downsides"),
        ("be honest, what are the hardest parts?", "downsides"),
        # the downsides one would deal with, not how to deal with them
        ("What are the biggest headaches I'd need to manage as their boss?", "downsides"),
        ("What are the common headaches MLOps people deal with?", "downsides"),
        ("how do people cope with the downsides?", None),
        ("any tips for the pain points?", None),
        ("what sorts of organisations hire these people?", "demand"),
        ("is this career actually in demand?", "demand"),
        ("mlops vs devops, what's the difference?", "devops"),
        ("isn't it just DevOps with a new label?", "devops"),
        ("so is it mostly building AI models all day?", "models"),
        ("do I need to be good at ML math or is it mostly infra?", "models"),
        # math is no model: the guide never speaks of it (the role is set against models)
        ("do I need to be good at math for this?", None),
        ("which managed cloud ML platforms should I know?", "clouds"),
        ("ok, and which numbers I should show in these projects?", "metrics to show"),
        ("what numbers should they bring to back that up?", "metrics to show"),
        ("Which KPIs could I put in their 90-day plan?", "metrics to show"),
        # any form of a verb of showing off
        ("And which numbers should I be bragging about?", "metrics to show"),
        ("what numbers should i flex on my portfolio", "metrics to show"),
        ("is MLOps pay higher than SRE pay? show me numbers", None),  # what people earn
        ("Does the guide put a number on how many tools exist?", None),
        ("Could you give me the basic definition of the role, in a sentence?", "role"),
        ("what does an mlops engineer even do?? my bootcamp keeps saying it", "role"),
        ("how does it define lead time?", None),  # a metric, not the role
        ("what does kubeflow do", None),
        ("Does it define levelling expectations (junior / senior) for MLOps engineers?", None),
        ("which clouds should she learn?", "clouds"),
        ("What IaC tooling is listed for ML platforms?", None),  # tools, not the platforms
        ("What background should candidates ideally come from?", "suits"),
        ("I'm a DevOps engineer. Is MLOps a natural next step for me?", "suits"),
        ("do i need a degree for this or nah", "degree"),
        ("do i need college for this or nah", "degree"),
        ("is university necessary for this?", "degree"),
        ("which college should i go to?", None),  # a school the guide never names
        ("what should i major in if i wanna do this", "degree"),
        ("What should my kid study in college to prepare for this?", "degree"),
        ("Should my portfolio show off the models I've built?", "portfolio"),
        ("my portfolio is all Kaggle notebooks, is that what they want?", "portfolio"),
        ("whats a normal morning like for them", "morning"),
        ("And how does the second half of the day tend to go?", "afternoon"),
        ("and after lunch?", "afternoon"),
        ("what's a normal day like", "day"),
        # what the role does, asked in a form ("in plain English"), is the role's definition
        ("in plain english what does an mlops engineer do all day?", "role"),
        ("what does he actually do day to day, like what's the job?", "role"),
        ("what do they actually do all day", "day"),
        ("What is the job code, the SOC?", None),  # no form of definition
        ("is MLOps a well-defined role yet?", "scope"),
        ("where are the boundaries with data engineering?", "scope"),
        # what to learn is another ask, and a "blurb" is no blur
        ("what ML topics should he learn, since he won't be building models?", None),
        ("What's the guide's blurb for MLflow?", None),
        # how long the whole takes, not a part of it nor a thing built "end-to-end"
        ("And how long does all of that take, end to end?", "how long in all"),
        ("how long does each stage take, in total?", None),
        ("How long does it take to build an end-to-end ML pipeline project?", None),
        # the most one can earn, however put, and pay at the big firms
        ("kids always ask me 'is it well paid?' - what's the top end?", "top pay"),
        ("whats the most u can make like at google or meta lvl", "top pay"),
        ("ok bet but at google or meta tier places how high does it go", "top pay"),
        ("do the big tech places like google pay way more for this?", "top pay"),
        ("what's the median salary at FAANG?", None),  # a figure its line does not state
        # the big ones by a size word before whatever noun names them, not a size said of one
        ("what do they make at the big okes?", "top pay"),
        ("pay at large companies like that?", "top pay"),
        ("could he earn that at one of those giant tech outfits?", "top pay"),
        ("how big does a team need to be before an MLOps hire pays off?", None),
        ("is the pay different at a startup and at a big enterprise?", None),
        ("does google hire mlops engineers?", None),  # no pay asked
        # what the role owns: its responsibilities
        ("If I hire an MLOps engineer, what would they actually own?", "responsibilities"),
        ("what does an MLOps person take off their plate?", "responsibilities"),
        ("What would my son actually be responsible for in this job?", "responsibilities"),
        ("What are the actual responsibilities, day to day?", "responsibilities"),  # not the day
        ("What is Kubeflow, according to the guide's own description?", None),  # no owning
        ("what does mlops own vs ml eng?", None),  # a comparison
        # the soft skills it lists; whom it works with; what it does about infrastructure cost
        ("Is there a people-skills side to this work?", "soft skills"),
        ("Do they need to explain things to non-technical stakeholders?", "soft skills"),
        ("do you have to be really good with people? i'm a bit quiet", "soft skills"),
        ("Would I be working alone, or with other people?", "collaboration"),
        ("do u get to vibe solo or is it lots of teamwork", "collaboration"),
        ("Is keeping the cloud bill down part of this job?", "infrastructure cost"),
        ("Cost optimisation part of job?", "infrastructure cost"),
        ("How should I express infrastructure cost in my portfolio?", None),  # the metric's line
        # a project showing it is among the cost lines ("Cost optimization project showing …")
        ("what portfolio piece would show off cost optimisation skills?", "infrastructure cost"),
        ("is the soft skills section worth the salary bump?", None),  # pay is another ask
        # whom the role serves
        ("Who does this person unblock?", "serves"),
        ("who do mlops guys make life easier for at work?", "serves"),
        ("whos the customer internally, like who do mlops ppl actualy help", "serves"),
        ("who's on the receiving end of an mlops engineer's work", "serves"),
        ("Who coined the term MLOps?", None),  # whom it serves is no ask of who said it
        # helping people, by any name for them
        ("do they help the data science lot out at all?", "serves"),
        ("so basically ur babysitting data scientists?", "serves"),
        ("which model serving stuff do ppl actually use?", None),  # "serving" names no help
        ("which tool helps data scientists track experiments?", None),  # a tool's, not the role's
    ],
)
def test_the_theme_an_ask_is_of(ask: str, name: str | None) -> None:
    theme = theme_of(ask)
    assert (theme.name if theme else None) == name


@pytest.mark.parametrize(
    "ask",
    [
        "Of the monitoring tools, which is aimed at drift detection?",  # a tool's purpose
        "What kinds of projects belong in a portfolio?",
        "How much does an MLOps engineer make?",
        "Does this fit into the DevOps step?",
        # how people cope with the challenges, and the schedule of on-call, are other asks
        "how do seasoned folks cope with those pain points?",
        "What's a typical on-call rotation, one week in four?",
        "what's the AWS cert called in the guide?",
        # a degree the lines do not name, what one is worth, or the author's
        "Does a master's degree bump the salary much?",
        "Who wrote the guide, and where did they get their degrees?",
        "what's a good laptop for college?",
        # when the day starts is no line's
        "What time would he usually have to start in the morning?",
        # the portfolio's projects and metrics are lists of their own
        "what kind of projects should go in an mlops portfolio?",
        "what measures should a portfolio highlight on backing out a faulty model?",
    ],
)
def test_other_asks_are_of_no_theme(ask: str) -> None:
    assert theme_of(ask) is None


def test_the_lines_on_whom_it_suits_are_those_describing_people_by_what_they_enjoy() -> None:
    sections = load_guide(CORPUS).sections
    lines = [unit.text for _, unit in theme_lines("who is this a good fit for?", sections)]
    assert any(line.startswith("Best suited for: DevOps engineers who want") for line in lines)
    assert any(line.startswith("Best for those who get satisfaction") for line in lines)
    assert all(" who " in line for line in lines)
    assert theme_lines("How much does the CKA cost?", sections) == []


def test_the_line_on_how_the_work_is_judged_and_the_word_marking_the_ask() -> None:
    sections = load_guide(CORPUS).sections
    lines = [unit.text for _, unit in theme_lines("what KPIs matter here?", sections)]
    assert len(lines) == 1 and lines[0].startswith("Your success is measured by")
    assert marks_theme("KPIs", "what KPIs matter here?")  # the ask's kind, not a thing
    assert not marks_theme("Google", "what KPIs does Google use?")


def test_the_members_of_a_group_the_top_pay_line_names_mark_its_theme_for_amounts() -> None:
    from assistant.owning import marked_words

    ask = "wats the top pay like at the big tech places like google n facebook"
    assert {"google", "facebook"} <= marked_words(ask, members=True)
    # not as a name of no group: the guide does not mention "Meta" ("salary at Meta?")
    assert "facebook" not in marked_words(ask)
    assert not marks_theme("Meta", "What is the MLOps engineer salary at Meta?")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "wats the top pay like at the big tech places like google n facebook",
        # the group's own noun, and the big ones called so, are whom the pay is of
        "Pay at the big tech outfits?",
        "what do the big tech firms pay at the very top, out of interest like",
        "how much do mlops ppl make at like google n stuff",
    ],
)
def test_the_top_pay_asked_at_named_big_tech_firms_is_answered(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and "$250,000+" in answer.text, answer.text


@pytest.mark.slow
def test_the_top_pay_at_the_big_ones_asked_after_the_pay_is_answered(
    assistant: Assistant,
) -> None:
    top = exchange("what do they earn?", "$120,000-$185,000.")
    fellas = assistant.ask("and the top end at the big fellas?", top)
    assert not fellas.refused and "$250,000+" in fellas.text, fellas.text


def test_a_follow_up_asks_the_theme_it_makes_with_the_question_before_it() -> None:
    from assistant.conversation import with_theme_of

    pay = "What does an MLOps engineer earn?"
    assert with_theme_of("and the big tech firms?", pay, str) == f"{pay} and the big tech firms?"
    # spelt out as the ask was ("dey": "are"), so its words are the guide's
    spelt = with_theme_of(
        "and at the big ones?", "How much dey earn?", lambda t: t.replace("dey", "are")
    )
    assert spelt == "How much are earn? and at the big ones?"
    # an ask of a theme of its own, or after one, or making none, stays as asked
    assert with_theme_of("and the top pay?", pay, str) == "and the top pay?"
    assert with_theme_of("and the certs?", "top pay at FAANG?", str) == "and the certs?"
    assert with_theme_of("and the certs?", pay, str) == "and the certs?"


def test_the_words_naming_the_top_pay_group_as_a_group_not_a_member() -> None:
    from assistant.owning import group_words

    assert {"big", "tech", "mobs"} <= group_words("what do they earn at the big tech mobs?")
    assert group_words("what do they earn at Netflix?") == set()


@pytest.mark.parametrize(
    ("ask", "takes"),
    [
        ("do they do the monitoring too or is that some other poor sod's headache", True),
        ("do mlops own monitoring + alerting or is that the sre team's problem", True),
        ("Are they also the ones looking after the feature stores?", True),
        ("Who's in charge of keeping an eye on the models?", True),
        ("Is cost part of the job?", True),
        ("do they gotta deal w prod fires too or is that someone elses problem", True),
        ("What are the headaches of this job?", False),
    ],
)
def test_an_ask_whether_the_role_takes_something_in(ask: str, takes: bool) -> None:
    from assistant.owning import takes_in

    assert takes_in(ask) is takes
    # someone else's headache is whose the work is, not a downside of the role
    assert (theme_of(ask) is not None and theme_of(ask).name == "downsides") is (not takes)


@pytest.mark.slow
def test_whom_the_role_serves_is_the_line_on_whom_it_enables(assistant: Assistant) -> None:
    answer = assistant.ask("Who in the company benefits from the work of the MLOps engineer?")
    assert not answer.refused and "You enable data scientists" in answer.text, answer.text
    # whether it helps them: the duty supporting them too, not only the line on working with them
    answer = assistant.ask("do they help the data science lot out at all?")
    assert "Supporting data scientists with experimentation infrastructure" in answer.text
    assert_grounded(answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "duty"),
    [
        (
            "do they do the monitoring too or is that some other poor sod's headache",
            "Implementing model monitoring and alerting systems",
        ),
        ("Are they also the ones looking after the feature stores?", "Managing feature stores"),
        (
            "do they have to care about the cloud bill or is that someone else's headache",
            "Optimizing ML infrastructure for cost and performance",
        ),
    ],
)
def test_an_ask_whether_the_role_takes_something_in_is_answered_from_its_duties(
    assistant: Assistant, question: str, duty: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and duty in answer.text, answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "first"),
    [
        # what the role's people do, of a thing a duty names: that duty first
        ("do they look after feature stores", "Managing feature stores and data pipelines"),
        ("do they do monitoring and alarms?", "Implementing model monitoring and alerting"),
        # not when the best line names more of it, nor when its subject is no person
        ("do they ask about canary deployments?", "Explain canary deployments for ML models"),
        ("Does the guide mention tension with data scientists?", "Data scientist friction"),
    ],
)
def test_an_ask_of_what_the_roles_people_do_is_answered_from_the_duty_naming_it(
    assistant: Assistant, question: str, first: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and answer.text.startswith(first), answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "and the big tech firms?",
        "and at the big tech mobs?",
        "dang ok n the big tech ones?",
        "And at the really big companies, like Google or Facebook?",
    ],
)
def test_the_big_tech_pay_asked_after_the_pay_is_answered(
    assistant: Assistant, question: str
) -> None:
    pay = exchange("What does an MLOps engineer earn?", "$120,000-$185,000.")
    answer = assistant.ask(question, pay)
    assert not answer.refused and "$250,000+" in answer.text, answer.text


@pytest.mark.slow
def test_one_big_tech_firm_s_pay_asked_after_the_pay_is_still_refused(
    assistant: Assistant,
) -> None:
    pay = exchange("What does an MLOps engineer earn?", "$120,000-$185,000.")
    assert assistant.ask("And at Facebook?", pay).refused  # the guide gives no member's figure
    assert assistant.ask("and for juniors at google?", pay).refused


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # too short and too far in meaning to be judged on-topic by retrieval alone
        ("who is it a good fit for", "DevOps engineers who want to specialize in ML"),
        ("what kind of person does well at this?", "DevOps engineers who want to specialize"),
        ("i like fixing servers way more than math. good fit for me?", "enjoy infrastructure"),
        ("which KPIs should I track for my new mlops hire?", "Your success is measured by"),
        ("how would a boss know he's doing well", "Your success is measured by"),
        ("what are the drawbacks of doing this job?", "Tool fragmentation"),
        ("which managed cloud ML platforms should I know?", "AWS SageMaker, GCP Vertex AI"),
        # "address" frames an ask about the guide, as "cover" does
        ("Does the guide address overlapping role boundaries?", "Role boundaries with ML"),
        ("never went to college. do you need a degree for this or no", "Bachelor's in CS"),
        ("What background do good MLOps candidates usually come from?", "DevOps engineers who"),
        # "for people who like …" is what is asked, not the asker: nothing asks without it
        (
            "Is MLOps more for people who like building models, or for people who like running "
            "infrastructure?",
            "enjoy infrastructure and automation more than building ML models",
        ),
        ("Is on-call a big deal in this job?", "On-call burden"),
        ("is the discipline mature or still fuzzy?", "Undefined scope"),
        ("does he need to be some math genius building neural networks?", "Best suited for"),
        ("Should a student's portfolio focus on building cool models?", "not model building"),
        ("whats a normal day look like for one of these ppl", "Your day revolves around"),
        (
            "My brother is curious what an MLOps engineer typically does in the afternoon.",
            "Afternoon:",
        ),
        ("how long would all of that take altogether?", "Total Time: 4-6 years"),
        ("what numbers should candidates be showing from past work?", "Deployment frequency"),
        (
            "need a one-sentence definition of an MLOps engineer for our flyer",
            "builds and maintains",
        ),
    ],
)
def test_an_ask_of_a_theme_is_answered_with_its_lines(
    assistant: Assistant, question: str, fact: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert fact in answer.text
    assert_grounded(answer)


@pytest.mark.slow
def test_a_suitability_ask_about_something_else_is_still_refused(assistant: Assistant) -> None:
    answer = assistant.ask("Is a Honda Civic a good fit for a family of four?")
    assert answer.refused, answer.text


@pytest.mark.slow
def test_a_name_beside_the_asks_marking_word_is_still_checked(assistant: Assistant) -> None:
    answer = assistant.ask("What KPIs does Netflix use for its MLOps engineers?")
    assert answer.refused and "Netflix" in answer.text


def test_the_downsides_are_the_part_listing_the_challenges() -> None:
    sections = load_guide(CORPUS).sections
    lines = theme_lines("any downsides?", sections)
    assert {section.title for section, _ in lines} == {"Common challenges"}
    assert [unit.kind for _, unit in lines][:2] == ["leadin", "item"]
    on_call = [unit.text for _, unit in theme_lines("do they get paged at 3am?", sections)]
    assert any(text.startswith("On-call burden:") for text in on_call)


@pytest.mark.slow
def test_an_on_call_figure_the_guide_never_gives_is_still_refused(assistant: Assistant) -> None:
    answer = assistant.ask("How many hours a week are MLOps engineers on call?")
    assert answer.refused, answer.text


def test_an_ask_with_no_topic_of_its_own_is_of_the_theme_of_what_came_before() -> None:
    sections = load_guide(CORPUS).sections
    said = "I'm worried the role will overlap with our data engineers."
    lines = theme_lines("Does the guide address this?", sections, context=said)
    assert any(unit.text.startswith("Undefined scope:") for _, unit in lines)
    assert theme_lines("Does the guide address this?", sections) == []


def test_the_lines_on_a_degree_are_those_naming_one() -> None:
    sections = load_guide(CORPUS).sections
    lines = [unit.text for _, unit in theme_lines("do I need a degree?", sections)]
    assert "Complete Bachelor's in CS or related field" in lines
    assert any(line.startswith("Explore Machine Learning degree programs") for line in lines)
    assert len(lines) == 2


def test_a_part_of_the_day_is_its_labelled_block_of_lines() -> None:
    sections = load_guide(CORPUS).sections
    afternoon = [unit.text for _, unit in theme_lines("and after lunch?", sections)]
    assert afternoon[0].startswith("Afternoon:") and len(afternoon) == 3
    assert not any(text.startswith("Morning:") for text in afternoon)
    morning = [unit.text for _, unit in theme_lines("a typical morning?", sections)]
    assert morning[0].startswith("Morning:") and len(morning) == 3


def test_an_ask_naming_the_role_has_a_topic_of_its_own() -> None:
    """ "what does an MLOps engineer do?" asks of the role, not of the asker's degree before it."""
    sections = load_guide(CORPUS).sections
    said = "My daughter is just finishing her computer science degree."
    ask = "Could you explain what an MLOps Engineer actually does?"
    assert theme_lines(ask, sections, context=said) == []


@pytest.mark.slow
def test_an_off_topic_ask_mentioning_college_is_still_refused(assistant: Assistant) -> None:
    answer = assistant.ask("what are some cheap meal prep ideas for college students?")
    assert answer.refused, answer.text


def test_the_theme_of_the_main_clause_not_of_a_clause_qualifying_something_else() -> None:
    theme = main_theme("Is on-call a big deal in this job?")
    assert theme is not None and theme.name == "on-call"
    assert main_theme("Should I reject MLOps candidates who don't have a CS degree?") is None
    assert main_theme("Any legal issues with asking candidates about on-call?") is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Should I reject MLOps candidates who don't have a CS degree?",
        "Would I qualify for student loan forgiveness if I go back for a CS degree?",
    ],
)
def test_a_property_of_something_the_theme_only_qualifies_is_still_refused(
    assistant: Assistant, question: str
) -> None:
    assert assistant.ask(question).refused


def test_a_quantity_asked_with_a_theme_needs_a_line_stating_it() -> None:
    sections = load_guide(CORPUS).sections
    ask = "what's the top pay, and which kinds of companies hire them?"
    assert theme_lines(ask, sections)  # the demand line
    assert theme_lines(ask, sections, re.compile(r"\$\d")) == []  # it states no pay
    assert theme_of("Which companies are the top employers?") is None  # names, not kinds


@pytest.mark.parametrize(
    ("ask", "owning_up"),
    [
        ("does the guide at least admit the tooling landscape is a mess?", True),
        ("Is that really a known issue?", True),
        ("Does the guide flag role confusion?", True),
        ("a graveyard of half-dead pipelines. Is that a known phenomenon or just us?", True),
        ("Is age discrimination a real problem for career switchers?", False),  # a property
        ("Is the tooling landscape a mess?", False),
    ],
)
def test_an_ask_whether_the_guide_owns_up_to_a_problem(ask: str, owning_up: bool) -> None:
    assert owns_up(ask) is owning_up


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("does the guide at least admit the tooling landscape is a mess?", "Tool fragmentation"),
        ("ppl say the mlops tool landscape is a mess, does the guide agree", "Tool fragmentation"),
        ("data scientists push back on our rules. is that a known issue?", "friction"),
    ],
)
def test_a_problem_the_guide_owns_up_to_is_answered_in_the_askers_words(
    assistant: Assistant, question: str, fact: str
) -> None:
    """ "a mess", "half-dead pipelines": the asker's words for a challenge the guide lists are
    for retrieval to find it by, no property its line must state."""
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert_grounded(answer)
    assert fact in answer.text


@pytest.mark.parametrize(
    ("ask", "own"),
    [
        ("does cost fall under their job?", True),
        ("Is keeping compute spend down part of the core remit?", True),
        ("is the MLOps person on the hook for model accuracy or not?", True),
        ("Is incident work part of the role?", True),
        # what is asked of a thing is a property its line must state
        ("Is the CKA exam part of a bundle with the CKAD?", False),
        ("is the terraform cert valid for life?", False),
    ],
)
def test_an_ask_whether_the_role_takes_something_in_is_in_the_askers_words(
    ask: str, own: bool
) -> None:
    assert in_own_words(ask) is own
