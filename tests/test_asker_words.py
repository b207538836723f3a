"""Words of a yes/no ask that are not the property it asks about: the asker's own people ("my
teenager") and words that choose among things ("any particular kinds", "an alternative")."""

from __future__ import annotations

import pytest
from conftest import assert_answered_with, assert_grounded

from assistant import Assistant
from assistant.question import read
from assistant.text import becoming, without_form, without_own_likeness


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Is my daughter going to need a degree?", "Complete Bachelor's in CS or related field"),
        (
            "Does the guide suggest any particular kinds of degree programs I might explore?",
            "Explore Machine Learning degree programs",
        ),
        ("Is there an alternative to Terraform for infrastructure as code?", "Terraform/Pulumi"),
    ],
)
def test_who_asks_and_how_they_choose_are_not_the_property_asked(
    assistant: Assistant, question: str, fact: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert fact in answer.text


@pytest.mark.slow
def test_a_property_of_the_askers_person_is_still_checked(assistant: Assistant) -> None:
    answer = assistant.ask("Does my son need a security clearance?")
    assert answer.refused and answer.diagnostics is not None
    assert answer.diagnostics.property_word == "clearance"  # not "son"


@pytest.mark.slow
def test_an_amount_for_the_askers_own_person_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("how much can my son expect to earn as an MLOps engineer?")
    assert not answer.refused, answer.text
    assert "$120,000-$185,000" in answer.text
    assert assistant.ask("What would a beginner earn?").refused  # of whom the lines never say


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Realistically how long does it take someone to become a qualified MLOps engineer?",
        "If someone starting more or less from scratch went down this road, how many years?",
    ],
)
def test_the_path_timed_to_the_role_at_all_is_answered(assistant: Assistant, question: str) -> None:
    # "qualified" says one is the role at all, no level; "more or less" is roughly, no cut
    answer = assistant.ask(question)
    assert not answer.refused and "Total Time: 4-6 years" in answer.text, answer.text
    assert assistant.ask("how long does it take to become a senior MLOps engineer?").refused


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What's market pay for an MLOps engineer?",  # the market's pay is the pay in general
        "The salary is depend on what factor?",  # "… depending on experience and company"
        "What salary band should I budget for a typical engineer, leaving aside FAANG outliers?",
    ],
)
def test_pay_in_general_what_it_turns_on_or_set_apart_from_a_part_is_answered(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and "$120,000-$185,000" in answer.text, answer.text


@pytest.mark.slow
def test_a_duration_for_anyone_and_a_figure_in_thousands_are_answered(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("how many years would it realistically take somebody to get there")
    assert not answer.refused and "Total Time: 4-6 years" in answer.text, answer.text
    # a time until one *is* the role is a time to become it, whatever follows the ask
    until = assistant.ask("realistically how long till i could be one if im starting from zero")
    assert not until.refused and "Total Time: 4-6 years" in until.text, until.text
    # "250k" is the guide's "$250,000+", said short; a figure it never states is not
    pay = assistant.ask("wait u can make like 250k doing this?? where tho")
    assert not pay.refused and "$250,000+" in pay.text, pay.text
    assert_grounded(pay)
    assert assistant.ask("do mlops ppl make 400k?").refused


@pytest.mark.slow
def test_a_guess_the_guide_never_names_does_not_refuse_what_it_is_a_guess_of(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("what about the coding part of the interview, is it leetcode or what")
    assert not answer.refused and "Coding questions:" in answer.text, answer.text
    assert_grounded(answer)
    assert assistant.ask("do i need leetcode hards for the mlops interview").refused


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("For pipelines orchestration, only Airflow is ok or also other?", "Airflow/Prefect"),
        ("which tool handles experiment tracking plus a model registry?", "MLflow:"),
        # "purpose" frames a what-for ask; "supposedly" hedges it
        ("What is the purpose of Evidently AI?", "Evidently AI:"),
        ("and the terraform cert, what does it supposedly prove?", "HashiCorp Terraform Associate"),
    ],
)
def test_a_focus_word_names_no_topic_to_cover(
    assistant: Assistant, question: str, line: str
) -> None:
    answer = assistant.ask(question)  # "only", "also", "plus": how the ask is put
    assert not answer.refused and line in answer.text, answer.text


@pytest.mark.slow
def test_an_acronym_the_guide_writes_only_inside_names_is_the_askers_word(
    assistant: Assistant,
) -> None:
    # "AI" stands only in "Evidently AI", "Vertex AI", "Azure AI Engineer Associate"
    answer = assistant.ask("do mlops ppl actually build the AI models themselves or nah")
    assert not answer.refused, answer.text
    assert assistant.ask("Describe Google's interview process for MLOps roles.").refused


def test_the_askers_likening_to_their_own_doing_is_theirs() -> None:
    text = "will i be on call, like when i do emergency service calls at night?"
    assert "emergency" not in without_own_likeness(text)
    assert "on call" in without_own_likeness(text)
    # a likeness to no doing of the asker's is what is asked
    assert without_own_likeness("is it like DevOps?") == "is it like DevOps?"


@pytest.mark.slow
def test_an_ask_likened_to_the_askers_own_work_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("would I get paged, the way my vet clinic calls me in for emergencies?")
    assert not answer.refused, answer.text
    assert "Expect to be paged" in answer.text
    assert_grounded(answer)


@pytest.mark.parametrize(
    ("ask", "read"),
    [
        ("how long till i could be one", "how long to become one"),
        (
            "Realistically how long until I'm an MLOps engineer?",
            "Realistically how long to become an MLOps engineer?",
        ),
        ("how long until my son is an mlops engineer", "how long to become an mlops engineer"),
        ("how long until the model is deployed?", "how long until the model is deployed?"),
    ],
)
def test_a_time_until_someone_is_something_is_a_time_to_become_it(ask: str, read: str) -> None:
    assert becoming(ask) == read


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("what on earth is DVC?", "what is DVC?"),
        ("What the heck is Kubeflow", "What is Kubeflow"),
        ("What's DVC when it's at home?", "What is DVC?"),
        ("what in the world is a feature store?", "what is a feature store?"),
    ],
)
def test_the_emphasis_an_ask_is_put_with_asks_nothing(question: str, ask: str) -> None:
    reading = read(question)
    assert reading.ask.replace("What's", "What is") == ask
    # nor is it searched for: "in the world" would find lines of the wide world
    assert reading.searched.replace("What's", "What is") == ask


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        (
            "what do they pay at the very top, out of interest like",
            "what do they pay at the very top",
        ),
        ("Out of curiosity, who wrote the guide?", "who wrote the guide?"),
        # whom the asker addresses
        ("Dear, what is an MLOps Engineer?", "what is an MLOps Engineer?"),
        ("And what's the First step, Dear?", "And what's the First step?"),
        ("what do people love about it?", "what do people love about it?"),
        # a vague tail standing for more of the same, in words or in chat
        ("do I need a degree or anything like that?", "do I need a degree?"),
        ("is it kubernetes or something?", "is it kubernetes?"),
        ("what do they make at google n stuff", "what do they make at google"),
        # not mid-sentence, where the words say something
        (
            "do they use airflow and stuff like kubeflow?",
            "do they use airflow and stuff like kubeflow?",
        ),
        ("what skills and that is needed?", "what skills and that is needed?"),
    ],
)
def test_an_aside_or_a_vague_tail_asks_nothing(question: str, ask: str) -> None:
    assert without_form(question) == ask


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what on earth is DVC?", "DVC: Data version control for ML projects."),
        ("wtf is arize", "Arize: ML observability platform."),
        ("What's Kubeflow when it's at home?", "Kubeflow: End-to-end ML pipelines on Kubernetes."),
        # said to someone, and emphatic: what is searched for is the ask
        ("Dear, what in the World is an MLOps Engineer?", "They create the pipelines"),
    ],
)
def test_an_emphatic_what_is_ask_is_answered(
    assistant: Assistant, question: str, fact: str
) -> None:
    assert_answered_with(assistant, question, fact)
    # what it asks of is still judged: "Berlin" is no place the guide names
    assert assistant.ask("what on earth does an MLOps engineer earn in Berlin?").refused


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # spoken spellings: Scots, and a word with its last "g" dropped
        ("whit dae they earn, the mlops lads?", "MLOps Engineers earn $120,000-$185,000"),
        ("Which cloud should I be learnin first wi this?", "Work with cloud platforms"),
        ("Whit's Airflow used fir?", "Airflow/Prefect/Dagster: Workflow orchestration"),
        # informal words for the job and its people frame the ask ("this gig", "MLOps folk")
        ("is kubernetes something i gotta learn for this gig?", "Kubernetes: Container"),
        ("what do MLOps folk do in the morning?", "Morning: Check overnight model performance"),
        # where the asker heard of a thing is not asked of it
        ("What is Kubeflow, which my colleague mentioned?", "Kubeflow: End-to-end ML pipelines"),
        ("Abeg how much MLOps engineer dey earn?", "MLOps Engineers earn $120,000-$185,000"),
        # whom the role suits, by whatever name: no other job
        ("What kinda feller suits this job?", "Best suited for engineers who enjoy"),
        ("Who's the ideal recruit for this role?", "Best suited for"),
        ("I'm a hands-on fixer. Is this a job that suits folk like me?", "Best suited for"),
        # a superlative selects among the things it names: no name asked about
        ("Cheapest cert listed?", "HashiCorp Terraform Associate ($70)"),
    ],
)
def test_asks_in_spoken_words_are_answered(assistant: Assistant, question: str, fact: str) -> None:
    assert_answered_with(assistant, question, fact)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # a facet of a topic is the topic: "the cloud side of things", "a cost angle"
        ("is there a step where u learn the cloud side of things early on", "cloud platforms"),
        ("Is there a cost angle - would they keep our cloud bill down?", "cost and performance"),
        # (whether they do it: the duty naming it, owning.duties_first)
        ("do they look after the monitoring n alerts side of things too?", "model monitoring"),
        # the asker's judgement of the facet is no thing the interview questions name
        ("whats the bad side of this job, be honest", "On-call burden"),
    ],
)
def test_a_facet_of_a_topic_asks_of_the_topic(
    assistant: Assistant, question: str, fact: str
) -> None:
    assert_answered_with(assistant, question, fact)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # a generic kind of thing names no property: "rollout strategies", "a serving option"
        ("Is there an interview question about rollout strategies like canaries?", "canary"),
        ("is there a framework-agnostic model serving option listed?", "BentoML"),
        # dealing with a thing is handling it; "its deal" is what it is
        (
            "the data scientists dont follow rules. how do MLOps engineers deal with this?",
            "Data scientist friction",
        ),  # fmt: skip
        ("bentoml - what's its deal per the guide?", "BentoML: Framework-agnostic"),
        # every modal verb is a function word: "ought", "shall" as "should"
        ("What ought an MLOps portfolio principally to demonstrate?", "should demonstrate"),
    ],
)
def test_a_generic_kind_of_thing_asks_of_what_it_qualifies(
    assistant: Assistant, question: str, fact: str
) -> None:
    assert_answered_with(assistant, question, fact)
