"""Asks typed as a topic then a question ("tool sprawl - how do ppl deal"), and names typed
short: numeronyms ("k8s") and acronyms for words the guide spells out ("AWS ML Specialty")."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import assert_grounded, assert_refused_for, exchange

from assistant import Assistant, phrases
from assistant.asking import split_ask
from assistant.question import kind_of
from assistant.terms import said_spelt
from assistant.tuning import RetrievalSettings
from assistant.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("question", "ask", "context"),
    [
        ("tool sprawl - how do ppl deal", "tool sprawl - how do ppl deal", ""),
        ("Kubeflow vs MLflow - how does it describe each?", "Kubeflow vs MLflow - how", ""),
        ("Support engineer at VMware, what should I learn?", "what should I learn?", "Support"),
        ("ten years as a windows admin so what do I do first", "what do I do first", "ten years"),
        ("Realistically, how long does it take?", "how long does it take?", "Realistically"),
        # a person after "of" is not whom the fragment describes
        ("And the afternoon of this engineer, how is it?", "And the afternoon of this", ""),
        # nor is a thing named by a word for a person ("architect", "prefect")
        ("the solutions architect one, what it validates?", "the solutions architect one", ""),
        ("airflow or prefect, which one is easier?", "airflow or prefect, which", ""),
        # "what I do" after a preposition names a thing: the sentence does not ask
        ("Explaining is most of what I do. Any soft skills?", "Any soft skills?", "Explaining"),
        # what the asker would do with the answer is theirs, not the ask's
        ("Is there a code I could use for HR forms?", "Is there a code", "I could use for HR"),
        # an ask put as what the asker wonders is not split off at its "and if so, how"
        ("I'm curious whether they ask about drift, and if so, how?", "I'm curious whether", ""),
    ],
)
def test_a_leading_fragment_is_the_topic_unless_it_describes_the_asker(
    question: str, ask: str, context: str
) -> None:
    got_ask, got_context = split_ask(question)
    assert got_ask.startswith(ask)
    assert got_context.startswith(context)


def test_a_trailing_clause_is_the_askers_only_when_what_remains_asks_something() -> None:
    assert split_ask("What certs matter for someone with a sysadmin background?") == (
        "What certs matter",
        "for someone with a sysadmin background?",
    )
    question = "Is MLOps more for people who like models, or for people who like servers?"
    assert split_ask(question) == (question, "")  # "Is MLOps more" asks of nothing


@pytest.mark.parametrize(
    ("question", "ask", "context"),
    [
        ("On-call. How bad is it?", "On-call. How bad is it?", ""),
        ("Good afternoon. What do they earn?", "What do they earn?", "Good afternoon."),
        ("ok thanks. and the tools?", "and the tools?", "ok thanks."),
        ("Ten years in QA. What should I learn?", "What should I learn?", "Ten years in QA."),
        ("I run a bakery. Who should I hire?", "Who should I hire?", "I run a bakery."),
        # only before the ask: after it, a sentence comments on it ("HR wants it.")
        ("What do they earn? HR wants it.", "What do they earn?", "HR wants it."),
    ],
)
def test_a_topic_set_before_the_ask_is_part_of_it(question: str, ask: str, context: str) -> None:
    assert split_ask(question, lambda sentence: True) == (ask, context)
    assert split_ask("On-call. How bad is it?", lambda sentence: False)[1] == "On-call."


@pytest.mark.slow
def test_an_age_or_a_work_arrangement_no_line_states_is_refused(assistant: Assistant) -> None:
    assert_refused_for(assistant.ask("do mlops engineers work from home?"), "no_arrangement")
    assert_refused_for(assistant.ask("part-time mlops jobs, are they a thing?"), "no_arrangement")
    assert_refused_for(assistant.ask("avg age of people switching into mlops?"), "no_age")
    onsite = assistant.ask("which system design questions come up in the onsite loop?")
    assert not onsite.refused and "Design a model training pipeline" in onsite.text


@pytest.mark.slow
def test_a_topic_set_before_the_ask_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("On-call. How bad is it?")  # not "how bad is it?" alone
    assert not answer.refused and "Expect to be paged" in answer.text, answer.text
    assert_grounded(answer)
    answer = assistant.ask("Tech debt. what kind piles up?")
    assert "orphaned pipelines" in answer.text, answer.text


def test_a_numeronym_is_spelt_as_the_guide_word_it_counts() -> None:
    words = ["kubernetes", "kafka", "yaml"]
    v = Vocabulary(words, np.eye(3, dtype=np.float32), RetrievalSettings())
    assert v.spell_out("interviews include k8s yaml?") == "interviews include kubernetes yaml?"
    assert v.spell_out("k3s cluster") == "k3s cluster"  # counts no guide word
    assert v.spell_out("a1 b2") == "a1 b2"
    assert v.spell_out("wats the pay, k8s?") == "what is the pay, kubernetes?"  # chat forms too


def test_a_names_acronyms_match_the_words_they_spell() -> None:
    line = ["AWS Machine Learning Specialty ($300): Validates SageMaker and AWS ML services."]
    assert said_spelt("AWS ML Specialty", line)
    assert not said_spelt("AWS DL Specialty", line)
    assert not said_spelt("ML", line)  # a bare acronym is no name of an item
    assert not said_spelt("AI", ["automation and infrastructure"])  # not by stopwords


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("tool sprawl - how do ppl deal", ["Standardize on a core set of tools"]),
        ("Kubeflow vs MLflow - how does the guide describe each?", ["Kubeflow:", "MLflow:"]),
        ("interviews include k8s yaml?", ["Kubernetes YAML"]),
        ("Does this job have emergencies too?", ["paged"]),  # "too" asks nothing
        ("Do certs actually matter for MLOps or is it a waste of money?", ["most valuable"]),
        ("Compare Feast and Tecton as the guide characterises them.", ["Feast:", "Tecton:"]),
        ("what even is mlops", ["builds and maintains the infrastructure"]),  # the role is it
        # the section's lead line leads its sub-sections' lists: the projects are its contents
        ("what should be in my portfolio", ["End-to-end ML pipeline with training"]),
        # the best line leads a list of what is asked for in a word no line uses ("prompts")
        ("which system design prompts does it list?", ["Design a model training pipeline"]),
        # a stage of the interview is no property its lines must name
        ("will the coding round have infra config or just python", ["Terraform configuration"]),
        (
            "Between the Google Professional ML Engineer cert and the AWS ML Specialty, which"
            " is cheaper?",
            ["Google Professional Machine Learning Engineer ($200)"],
        ),
    ],
)
def test_topics_and_short_names_are_answered(
    assistant: Assistant, question: str, facts: list[str]
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    for fact in facts:
        assert fact in answer.text
    assert_grounded(answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "How much does Tecton cost for an enterprise license?",
        "how much is the Seldon Core license?",
    ],
)
def test_a_quantity_of_an_item_its_line_does_not_state_is_refused(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.refused, answer.text
    assert answer.diagnostics is not None
    assert answer.diagnostics.reason == "unstated_attribute"
    assert not assistant.ask("How much does the CKA cost?").refused


@pytest.mark.slow
def test_a_quantity_per_hour_week_or_month_needs_a_line_stating_one(assistant: Assistant) -> None:
    for question in ("mlops engineer working hours per week", "how many incidents a week?"):
        answer = assistant.ask(question)
        assert answer.refused and answer.diagnostics is not None, answer.text
        assert answer.diagnostics.reason == "no_rate"  # "Daily standup" is not of incidents


@pytest.mark.slow
def test_a_chat_form_ask_is_read_for_the_kind_of_answer_it_wants(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "which states r listed for salary"},
        {"role": "assistant", "content": "It lists California, Washington, New York and Texas."},
    ]
    answer = assistant.ask("wats the pay in texas then", history)
    assert answer.refused, answer.text  # the states are listed with no figure
    assert answer.diagnostics is not None and answer.diagnostics.kind == "amount"
    assert answer.question == "wats the pay in texas then"  # the asker's words, as typed


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "How many interview rounds are typical for an MLOps position?",  # no list of rounds
        "How many women work as MLOps engineers?",  # "dozens of … tools" counts no women
        # how many one needs is no count of the items the guide lists
        "ok but how many projects i need minimum? 3? 5?",
        "Does the guide specify how many portfolio projects a candidate should have?",
    ],
)
def test_a_count_of_what_the_guide_does_not_count_is_refused(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.refused, answer.text
    assert answer.diagnostics is not None and answer.diagnostics.reason == "no_count"


@pytest.mark.slow
def test_a_count_over_a_list_it_names_is_computed(assistant: Assistant) -> None:
    assert assistant.ask("how many cloud certs are there").text.startswith("3 in all")
    assert "$70" in assistant.ask("How many certifications cost under $300?").text
    assert assistant.ask("How many portfolio projects does the guide list?").text.startswith(
        "6 in all"
    )
    # of the items the last answer named, how many one needs is still no count of them
    turns = exchange("Which portfolio projects should I build?", "End-to-end ML pipeline [1]")
    answer = assistant.ask("How many of those would a candidate need?", turns)
    assert_refused_for(answer, "no_count")


@pytest.mark.slow
def test_an_amount_for_someone_the_amount_lines_do_not_speak_of_is_refused(
    assistant: Assistant,
) -> None:
    beginner = assistant.ask("What would a beginner earn in their first MLOps job out of college?")
    assert beginner.refused, beginner.text
    assert beginner.diagnostics is not None
    assert beginner.diagnostics.reason == "unstated_attribute"
    for question in (
        "how much dough do mlops folks make at FAANG?",
        "What salary can a devops engineer switching to MLOps expect?",  # a guide word
        "what's the maximum salary for mlops at faang?",  # a bound of the range stated
    ):
        answer = assistant.ask(question)
        assert not answer.refused, answer.text
        assert "$120,000-$185,000" in answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how much do junior mlops engineers make?",  # near "experience" in meaning, yet unsaid
        "What's the salary for a senior or staff-level MLOps Engineer?",
        "how much do MLOps interns get paid?",
        # who earns it said before what they earn
        "what's the entry level salary for mlops?",
        "what is a junior mlops salary?",
        # the tagger takes "engineer" for a verb before "with": the person is still who earns
        "whats the starting salary for a junior mlops engineer with no experience",
        # a word with an adjective sense is a person as its phrase's head
        "what does a brand new graduate earn?",
        # whoever earns, in words the dictionary does not give as people
        "what do new grads get paid in mlops?",
        "how much do junior mlops ppl make?",
        "what do junior positions in mlops pay?",
    ],
)
def test_an_amount_for_a_level_the_amount_line_only_depends_on_is_refused(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.refused, answer.text
    assert "$120,000-$185,000" in answer.text  # the nearest the guide says, cited


@pytest.mark.slow
def test_a_duration_of_something_the_duration_line_does_not_time_is_refused(
    assistant: Assistant,
) -> None:
    for question in (
        "how many years until promotion to senior level?",
        "How many years of experience does a senior MLOps engineer need?",
        "typical time-to-hire for an mlops engineer?",  # a span named by what ends it
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
        assert "Total Time: 4-6 years" in answer.text  # the nearest the guide says, cited
    # where it starts, and who takes it, are the asker's; what is timed is where it ends
    for question in (
        "How long is the path from beginner to MLOps engineer?",
        "Roughly how many years should a student expect it to take to reach this role?",
    ):
        path = assistant.ask(question)
        assert not path.refused, path.text
        assert "Total Time: 4-6 years" in path.text
    staff = assistant.ask("how long would it take a student to become a staff MLOps engineer?")
    assert staff.refused, staff.text  # the end qualified by a word the guide never times


@pytest.mark.slow
def test_an_amount_for_a_name_no_amount_line_holds_is_refused(assistant: Assistant) -> None:
    answer = assistant.ask(
        "What's the salary difference between an MLOps Engineer and an ML Engineer?"
    )
    assert answer.refused, answer.text
    assert not assistant.ask("How much do MLOps engineers make at FAANG?").refused


def test_a_place_the_ask_points_at_is_the_askers_earlier_place(assistant: Assistant) -> None:
    from assistant.conversation import with_place
    from assistant.question import read

    reading = with_place(read("I live in Germany - what do they earn there?"), assistant.reader)
    assert reading.names == ("Germany",) and reading.context_names == ()
    kept = read("I live in Texas. Are there ways to not get paged?")  # "are there": no place
    assert with_place(kept, assistant.reader) == kept
    for question in (
        "I live in Germany - what do MLOps engineers earn there?",
        "I'm based in Manchester, in the UK. What do MLOps Engineers earn over here?",
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
        assert answer.caveat is None


def test_a_plural_word_for_a_part_of_the_guide_is_no_property(assistant: Assistant) -> None:
    from assistant.ordinals import STRUCTURAL

    assert {"stages", "sections", "steps"} <= STRUCTURAL
    answer = assistant.ask("What are the main stages of the path into MLOps, in order?")
    assert not answer.refused, answer.text
    assert "Build Software Engineering Foundation" in answer.text


def test_a_step_picked_among_those_named_is_told_by_all_its_lines(assistant: Assistant) -> None:
    history = exchange(
        "What steps does the guide lay out?",
        "Build Software Engineering Foundation, Gain DevOps Experience, "
        "Learn ML Fundamentals, and Specialize in ML Infrastructure.",
    )
    answer = assistant.ask("Which of those steps covers learning Docker and Kubernetes?", history)
    assert not answer.refused, answer.text
    assert answer.text.startswith("Gain DevOps Experience")  # its line "Learn Docker, …"
    assert "Learn ML Fundamentals" not in answer.text  # "learning" is said of every step


def test_no_bare_name_answers_a_yes_no_ask(assistant: Assistant) -> None:
    answer = assistant.ask(
        "I hold a PE license. Will that count for anything with MLOps employers?"
    )
    assert "California [" not in answer.text and "TX [" not in answer.text
    listed = assistant.ask("Which states does the guide list in its salary-by-state section?")
    assert not listed.refused and "California [" in listed.text


@pytest.mark.parametrize(
    "question",
    [
        "Which states appear in the salary-by-state section?",  # not the salary line
        "which states does it break out",  # far from the guide by meaning: its kind is listed
        "Does the guide single out any particular US states?",
    ],
)
def test_an_ask_for_names_of_the_kind_a_listing_holds_gets_the_listing(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and answer.text.startswith("California ["), answer.text


def test_a_word_corrected_to_the_listings_kind_does_not_ask_for_its_names(
    assistant: Assistant,
) -> None:
    # "stats" is read as the guide's "state" for retrieval, but the asker typed "stats"
    answer = assistant.ask("are there any stats on salary?")
    assert answer.text.startswith("MLOps Engineers earn $120,000-$185,000"), answer.text


def test_pay_compared_between_people_is_stated_for_each_side(assistant: Assistant) -> None:
    from assistant.amounts import unpaid_people

    pay = ["MLOps Engineers earn $120,000-$185,000 depending on experience and company"]
    ask = "How much do ML engineers earn compared to MLOps engineers?"
    assert unpaid_people(ask, pay, assistant.reader) == "ml engineers"
    assert unpaid_people("what do MLOps engineers earn vs FAANG?", pay, assistant.reader) is None
    assert unpaid_people("ml engineer vs mlops salary?", ["Docker: containers"], assistant.reader)
    for question in (ask, "ml engineer vs mlops salary, which is higher"):
        assert_refused_for(assistant.ask(question), "unstated_attribute")


@pytest.mark.slow
def test_an_amount_for_the_people_the_amount_line_names_is_answered(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("What's the average salary for an experienced MLOps Engineer at FAANG?")
    assert not answer.refused, answer.text
    assert "$250,000+" in answer.text
    # a word for where one works that says nothing of which ("places") is no condition
    places = assistant.ask("what's the top end pay, like at the big tech places?")
    assert not places.refused and "$250,000+" in places.text, places.text
    assert assistant.ask("what do they pay at places in Texas?").refused


@pytest.mark.slow
def test_pay_compared_between_earners_the_guide_does_not_pay_is_refused(
    assistant: Assistant,
) -> None:
    for question in (
        "Which state pays MLOps engineers the most?",  # the states are named, no pay of each
        "How does MLOps pay stack up against prompt engineering roles?",
    ):
        answer = assistant.ask(question)
        assert answer.refused and "$120,000-$185,000" in answer.text, answer.text
    assert not assistant.ask("which cert matters most for k8s-based ML platforms").refused


@pytest.mark.slow
def test_a_choice_between_two_listed_tools_the_guide_does_not_make_is_refused(
    assistant: Assistant,
) -> None:
    for question in (
        "Should we standardize on Kubeflow or MLflow for our new platform?",
        "For a five-person ML team, is Kubeflow or MLflow the better choice?",
    ):
        assert assistant.ask(question).refused, question


@pytest.mark.slow
def test_a_yes_no_property_of_one_item_must_be_in_its_own_line(assistant: Assistant) -> None:
    # "open source" the guide says of Feast, in Feast's line, not of Arize
    for question in (
        "is kubeflow free or do u gotta pay",
        "Is Evidently AI free or paid?",
        "is Arize open source?",
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
        assert answer.diagnostics is not None
        assert answer.diagnostics.reason == "unstated_attribute"
    # what a named thing does, asked with a verb the guide never uses of it
    for question in (
        "does the CKA expire or is it good forever",
        "do these certs expire?",
        "bentoml free or paid?",  # no verb: a thing and its two answers
    ):
        answer = assistant.ask(question)
        assert answer.refused and answer.diagnostics is not None
        assert answer.diagnostics.reason == "unstated_property"
    for question, line in (
        ("Is Feast open source?", "Feast: Open source feature store."),
        ("Does Kubeflow run on Kubernetes?", "Kubeflow: End-to-end ML pipelines on Kubernetes."),
    ):
        answer = assistant.ask(question)
        assert not answer.refused, answer.text
        assert line in answer.text


def test_a_noun_phrase_is_its_head_and_the_words_before_it() -> None:
    from assistant.scope import reader
    from assistant.settings import Settings

    read_ = reader(Settings().reader_model)
    assert ("senior", "staff", "level", "mlops", "engineer") in read_.phrases(
        "What's the salary for a senior or staff-level MLOps Engineer?"
    )


@pytest.mark.slow
def test_a_count_of_the_paths_steps_counts_its_steps(assistant: Assistant) -> None:
    answer = assistant.ask("how many steps r there to become one")
    assert answer.text.startswith("4 in all"), answer.text
    assert "Specialize in ML Infrastructure" in answer.text
    assert assistant.ask("How many engineers usually sit on an ML platform team?").refused


@pytest.mark.slow
def test_a_follow_up_naming_a_lines_label_stands_on_its_own(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "steps?"},
        {"role": "assistant", "content": "Build Software Engineering Foundation → Gain DevOps"},
    ]
    assert "4-6 years" in assistant.ask("total time?", history).text


def test_a_name_written_with_a_symbol_is_a_name() -> None:
    from assistant.names import names_in

    assert names_in("do i need c++ for triton") == ["c++"]
    assert names_in("I am a C# developer, is .NET useful?") == ["C#", ".NET"]


@pytest.mark.slow
def test_a_language_the_guide_never_names_is_refused_or_caveated(assistant: Assistant) -> None:
    answer = assistant.ask("do i need c++ for triton")
    assert_refused_for(answer, "unknown_name")
    background = assistant.ask("I'm a C# developer. What steps should I follow?")
    assert not background.refused and background.diagnostics is not None
    assert background.diagnostics.outcome == "caveat"


@pytest.mark.slow
def test_an_items_acronym_names_it(assistant: Assistant) -> None:
    answer = assistant.ask("What's the passing score for the CKA exam?")
    assert_refused_for(answer, "unstated_attribute")  # the CKA's line has no score
    priced = assistant.ask("How does the CKA price compare with the Terraform Associate?")
    assert not priced.refused and "($395)" in priced.text and "($70)" in priced.text


@pytest.mark.slow
def test_a_price_comparison_with_an_unpriced_item_is_refused(assistant: Assistant) -> None:
    answer = assistant.ask("What does Tecton cost compared with running Feast ourselves?")
    assert_refused_for(answer, "unstated_attribute")
    described = assistant.ask("Feast vs Tecton: how does the guide distinguish them?")
    assert not described.refused
    assert "Open source feature store." in described.text
    assert "Enterprise feature store platform." in described.text


def test_a_short_phrase_with_no_question_word_is_bare() -> None:
    from assistant.asking import is_bare

    assert is_bare("renewal?") and is_bare("and the total time?")
    assert not is_bare("how long?") and not is_bare("is it free")


@pytest.mark.slow
def test_a_bare_follow_up_asks_about_what_the_last_answer_named(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "CKA cost?"},
        {"role": "assistant", "content": "The Certified Kubernetes Administrator (CKA) is $395."},
    ]
    renewal = assistant.ask("renewal?", history)
    assert renewal.refused and renewal.diagnostics is not None
    assert renewal.diagnostics.reason == "unstated_attribute"
    price = assistant.ask("price?", history)
    assert not price.refused and "($395)" in price.text


def test_the_words_that_grade_things_are_read() -> None:
    from assistant.scope import reader
    from assistant.settings import Settings

    read_ = reader(Settings().reader_model)
    assert read_.graded("which one is easier, airflow or dagster?") == ("easier",)
    assert read_.graded("Which is more popular with employers?") == ("popular",)
    assert read_.graded("which certs matter most for someone like me") == ()
    assert read_.graded("Which of those four pays the most?") == ("pays",)  # the verb graded
    assert read_.graded("which skill carries the most weight?") == ()  # "most valuable", reworded


@pytest.mark.slow
def test_a_judgement_between_things_the_guide_does_not_make_is_refused(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("airflow or dagster, which one is easier for a beginner to learn?")
    assert_refused_for(answer, "unstated_judgement")
    stated = assistant.ask("Which certification is the most valuable?")  # the guide grades
    assert not stated.refused and "most valuable" in stated.text
    priced = assistant.ask("Which certification is the cheapest?")  # computed over prices
    assert not priced.refused and "$70" in priced.text
    states = [
        {"role": "user", "content": "Which states are top employers?"},
        {"role": "assistant", "content": "California, Washington, New York, and Texas."},
    ]
    # pay measured between the states is a comparison the evidence does not make
    assert_refused_for(assistant.ask("Which of those four pays the most?", states), "no_comparison")
    # a price selection over lines that state no price
    tools = exchange(
        "which monitoring tools does it list?", "Prometheus/Grafana, Evidently AI, and Arize."
    )
    assert_refused_for(assistant.ask("which one's the cheapest?", tools), "unstated_judgement")
    # graded low or high, a thing that is no price ("latency") is no selection over prices
    serving = exchange("which serving tools are listed?", "Triton, TensorFlow Serving, BentoML.")
    lowest = assistant.ask("which of those has the lowest latency in benchmarks?", serving)
    assert lowest.refused and lowest.diagnostics is not None, lowest.text
    # a benchmark figure asked is a target value no line states, checked before the judgement
    assert lowest.diagnostics.reason in {"unstated_judgement", "no_target"}, lowest.text
    rated = assistant.ask("Which certs does the guide rate highest for this, and why?")
    assert not rated.refused and "most valuable" in rated.text  # "highest for": no thing
    more_so = "i love setting up servers way more so would i spend most time on models or pipelines"
    assert not assistant.ask(more_so).refused  # "more so": a function word grades nothing
    # set against another job ("than"), unless it asks why the judgement it makes holds
    assert_refused_for(assistant.ask("is mlops more stressful than ux?"), "unstated_judgement")
    why = assistant.ask("Why the on-call is harder in MLOps than normal ops?")
    assert not why.refused and "not just infrastructure failures" in why.text
    # a yes/no ask with a comparative sets two ways against each other; a superlative in it
    # picks a part, which the guide may name
    faster = "can they do it faster if they skip college?"  # and taken off the total time
    assert_refused_for(assistant.ask(faster), "no_duration")
    worst = assistant.ask("is this job stressful?? like whats the worst part about it honestly")
    assert not worst.refused, worst.text


@pytest.mark.slow
def test_an_order_or_a_superlative_among_listed_things_needs_a_line_that_ranks(
    assistant: Assistant,
) -> None:
    challenges = exchange(
        "main challenges in mlops?", "On-call burden, tool fragmentation, data scientist friction."
    )
    # "best practices" in a challenge's line chooses none of them
    quits = assistant.ask("which one makes most people quit", challenges)
    assert_refused_for(quits, "unstated_judgement")
    certs = exchange("What certs are most valuable?", "Cloud and Kubernetes certifications.")
    assert_refused_for(assistant.ask("Which one should I take first?", certs), "unstated_judgement")
    serving = exchange("which serving tools are listed?", "Triton, TensorFlow Serving, BentoML.")
    biggest = assistant.ask("Which one has the biggest market share?", serving)
    assert biggest.refused and "Triton" in biggest.text, biggest.text  # and cites the nearest
    # the guide's own order answers a place in it
    steps = exchange("what are the steps?", "Build Software Engineering Foundation, then DevOps.")
    first = assistant.ask("Which of those is listed first?", steps)
    assert not first.refused, first.text


@pytest.mark.slow
def test_a_question_about_skills_along_those_lines_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Explaining things is most of what I do as a teacher. Does the guide list any soft "
        "skills along those lines?"
    )
    assert not answer.refused, answer.text
    assert "Documenting systems and explaining infrastructure to non-experts." in answer.text


def test_what_the_guide_says_a_thing_covers_is_no_contents_ask() -> None:
    from assistant.question import read

    assert read("What does the guide say MLflow covers?").kind != "contents"
    assert read("What does the guide actually cover?").kind == "contents"
    assert read("What else does the guide cover?").kind == "contents"


def test_a_money_words_figure_asked_with_what_is_an_amount() -> None:
    from assistant.question import read

    assert read("What's the salary figure it gives for Texas?").kind == "amount"
    assert read("what salary data does the guide use").kind != "amount"


@pytest.mark.slow
def test_an_ask_that_only_points_back_is_about_the_guides_names_before_it(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("I keep seeing 'DVC' mentioned. Could you tell me what it is used for?")
    assert not answer.refused and "Data version control for ML projects." in answer.text
    pair = assistant.ask(
        "I've seen both Feast and Tecton mentioned. What's the difference between those two?"
    )
    assert "Open source feature store." in pair.text
    assert "Enterprise feature store platform." in pair.text
    java = assistant.ask("I'm a Java developer. Is it hard to switch?")  # Java: not the guide's
    assert java.diagnostics is not None and java.diagnostics.outcome == "caveat"


def test_a_chat_messages_opening_filler_does_not_hide_the_kind_of_answer() -> None:
    from assistant.question import read

    assert read("ok whats the pay in texas tho").kind == "amount"
    assert read("so how long does it take").kind == "duration"


@pytest.mark.slow
def test_words_about_the_answers_wording_frame_the_ask(assistant: Assistant) -> None:
    answer = assistant.ask("What is Kubeflow, according to the guide's own description?")
    assert not answer.refused and "End-to-end ML pipelines on Kubernetes." in answer.text
    tbh = assistant.ask("is the on-call bad tbh?").diagnostics  # an aside, no word "honest"
    assert tbh is not None and "honest" not in tbh.ask
    assert tbh.least_covered_word != "tbh" and tbh.property_word != "tbh"
    # "wording" asks how the answer is given, not about a thing named so
    prompt = "An interview prompt about a model underperforming after launch. What's the wording?"
    worded = assistant.ask(prompt)
    assert not worded.refused and "worse in production than in training" in worded.text


@pytest.mark.slow
def test_an_amount_of_a_thing_beside_a_named_item_is_refused(assistant: Assistant) -> None:
    beside = assistant.ask("How much would the study materials for the CKA cost?")
    assert beside.refused and beside.diagnostics is not None
    assert beside.diagnostics.reason == "unstated_attribute"
    own = assistant.ask("How much does the CKA exam cost?")
    assert not own.refused and "($395)" in own.text
    history = [
        {"role": "user", "content": "What does the Google ML engineer certification cost?"},
        {"role": "assistant", "content": "The Google Professional ML Engineer is $200."},
    ]
    assert "($165)" in assistant.ask("and the Azure equivalent — how much?", history).text


@pytest.mark.slow
def test_the_guides_author_answers_only_questions_about_the_author(assistant: Assistant) -> None:
    # "background" is said only of the author: the career's asks get the career's lines
    for question in (
        "What background do good MLOps candidates come from?",
        "What should my kid study in college to prepare for this?",
    ):
        answer = assistant.ask(question)
        assert all(s.section != "About the Author" for s in answer.sources), answer.text
    assert "Taylor Rupe" in assistant.ask("who wrote this guide?").text
    # with an adverb, or asked of the outlet behind it: the person's section, from its start
    for question in (
        "Who actually wrote this guide, and do they have a tech background?",
        "what website or company puts out this guide",
    ):
        answer = assistant.ask(question)
        assert "Taylor Rupe" in answer.text and "Hakia" in answer.text, answer.text
    assert kind_of("Is there a company behind Feast?") != "person"  # not this guide's
    history = [
        {"role": "user", "content": "Who is Taylor Rupe?"},
        {"role": "assistant", "content": "Taylor Rupe is the guide's co-founder and editor."},
    ]
    assert "Oregon State" in assistant.ask("where did he go to school?", history).text


@pytest.mark.slow
def test_an_ask_with_no_topic_of_its_own_is_judged_by_what_the_asker_said(
    assistant: Assistant,
) -> None:
    # "any advice?" alone is near nothing in the guide; the sentence before it is its topic
    answer = assistant.ask(
        "Nobody on my team knows who owns what between ML engineering, data engineering and "
        "DevOps. Any advice?"
    )
    assert not answer.refused, answer.text
    assert answer.diagnostics is not None and answer.diagnostics.relevance > 0.5


@pytest.mark.slow
def test_whether_a_listed_thing_is_useful_is_answered_by_its_line(assistant: Assistant) -> None:
    # "relevant", "useful", "necessary" ask whether the guide counts it, not a property of it
    for question in ("Is Kubeflow relevant for MLOps?", "is docker useful for this job?"):
        answer = assistant.ask(question)
        assert not answer.refused, answer.text
    assert assistant.ask("Is Kubeflow free to use?").refused  # a property its line does not state


@pytest.mark.slow
def test_a_thing_asked_of_one_item_its_lines_never_name_is_refused(assistant: Assistant) -> None:
    # "discount" is near "$395" in meaning, yet the guide names no discount
    for question in (
        "Is there a student discount for the CKA?",
        "Are there prerequisites for the HashiCorp Terraform Associate?",
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
    # a price word is said by the price; a question asked within a yes/no one is asked
    assert not assistant.ask("Is there an Azure certification and what is its price?").refused
    history = [
        {"role": "user", "content": "What challenges does the guide list?"},
        {"role": "assistant", "content": "On-call burden, tool fragmentation, …"},
    ]
    within = assistant.ask("does it say how people cope with the tool overload one?", history)
    assert not within.refused, within.text


@pytest.mark.slow
def test_a_word_of_a_name_is_not_the_name(assistant: Assistant) -> None:
    # "new" is no part of "New York": the section of state names answers only about them
    answer = assistant.ask("Is MLOps an established field or something new?")
    assert "New York" not in answer.text, answer.text
    assert "Texas" in assistant.ask("Which states are the top employers for MLOps engineers?").text


@pytest.mark.slow
def test_names_of_a_kind_the_listing_it_names_does_not_hold_are_refused(
    assistant: Assistant,
) -> None:
    # the guide's Top Employers are states: companies are not what it lists there
    answer = assistant.ask("Which specific companies are the top employers of MLOps engineers?")
    assert_refused_for(answer, "other_kind")
    assert answer.text.startswith(
        phrases.not_of_kind("companies", "Top Employers for MLOps Engineers")
    )
    assert "Texas" in assistant.ask("Which states are the top employers?").text
    assert not assistant.ask("Which companies hire MLOps engineers?").refused  # the sectors
    # names of the kind the listing holds are read from it, whatever the ask calls the section
    states = assistant.ask("Which states does the guide include in its salary-by-state section?")
    assert "California" in states.text and "Texas" in states.text, states.text
    # a place said before the kind of the listed places says where they are ("US states")
    us = assistant.ask("Which US states are the top employers for MLOps engineers?")
    assert not us.refused and "Texas" in us.text, us.text
    assert assistant.ask("How many MLOps job openings are there in the US right now?").refused


@pytest.mark.slow
def test_the_qualified_thing_a_what_is_ask_names_must_be_stated(assistant: Assistant) -> None:
    # "signing bonus" and "pass mark" are near the salary and the prices only as words are
    for question in (
        "What's a typical signing bonus for an MLOps engineer?",
        "whats the pass mark for the CKA exam",
        "What is the average age of people who move into MLOps as a second career?",
    ):
        answer = assistant.ask(question)
        assert_refused_for(answer, "unstated_property")
    # a ratio is a share: no quoted line states one
    ratio = assistant.ask("What's the ideal ratio of MLOps engineers to data scientists?")
    assert_refused_for(ratio, "no_rate")
    # a bare noun, and a form of what the guide states, keep the looser bar
    assert not assistant.ask("What are the downsides of this job?").refused
    figure = assistant.ask("What is the top compensation figure the guide quotes at FAANG?")
    assert "$250,000+" in figure.text, figure.text


@pytest.mark.slow
def test_the_nth_one_counts_the_steps_the_last_answer_said_with_articles(
    assistant: Assistant,
) -> None:
    history = [
        {"role": "user", "content": "what are the stages?"},
        {
            "role": "assistant",
            "content": "Four stages: build a software engineering foundation, gain DevOps "
            "experience, learn ML fundamentals, and then specialize in ML infrastructure.",
        },
    ]
    answer = assistant.ask("wats in the second one", history)
    assert "Master CI/CD pipelines" in answer.text, answer.text


@pytest.mark.slow
def test_the_nth_one_of_listed_names_is_the_name_the_ask_is_about(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "Which states are the top employers?"},
        {"role": "assistant", "content": "It lists California, Washington, New York, and Texas."},
    ]
    answer = assistant.ask("What's the average salary for the second one?", history)
    assert answer.refused, answer.text  # the guide gives no salary for a state
    assert answer.text.startswith(phrases.not_stated_for(["Washington"])), answer.text


@pytest.mark.slow
def test_a_bare_follow_up_asks_for_the_kind_the_last_question_asked(assistant: Assistant) -> None:
    """After "how much do they make?", "what about in Texas?" asks for an amount in Texas,
    which no line states; "which states does it list?" has a kind of its own."""
    pay = exchange(
        "how much do mlops engineers make", "$120,000-$185,000 depending on experience and company."
    )
    for ask in ["what about in texas specifically?", "ok so what's the figure for washington?"]:
        answer = assistant.ask(ask, pay)
        assert answer.refused, (ask, answer.text)
    listed = assistant.ask("and which states does it list as top employers?", pay)
    assert not listed.refused and "California" in listed.text
    cka = exchange("What does the CKA validate?", "Kubernetes skills for ML platforms.")
    assert not assistant.ask("what about the terraform one?", cka).refused


@pytest.mark.slow
def test_a_time_of_day_no_line_states_is_refused(assistant: Assistant) -> None:
    answer = assistant.ask("what time is the daily standup?")
    assert_refused_for(answer, "no_clock_time")  # "Daily standup …" gives no time of day


@pytest.mark.slow
def test_an_hourly_rate_of_people_no_line_prices_is_refused(assistant: Assistant) -> None:
    answer = assistant.ask("What's the going hourly rate for a freelance MLOps contractor?")
    assert answer.refused, answer.text  # the guide states yearly pay of engineers only


@pytest.mark.slow
def test_a_price_of_a_thing_no_line_prices_is_refused(assistant: Assistant) -> None:
    # the guide prices certifications, not degrees; no line holds all of a name it lacks
    for question in (
        "How much does a master's degree in computer science cost?",
        "how much would the aws machine learning engineer associate exam cost?",
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
    assert "($395)" in assistant.ask("How much does the CKA exam cost?").text


@pytest.mark.slow
def test_what_people_earn_is_not_what_a_certification_costs(assistant: Assistant) -> None:
    for question in (
        "What does Google pay its MLOps engineers?",  # the Google line prices a certification
        "What's the salary for the Azure AI Engineer role?",
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
    assert "$120,000-$185,000" in assistant.ask("What do MLOps engineers earn?").text


@pytest.mark.slow
def test_the_askers_own_people_are_no_other_job(assistant: Assistant) -> None:
    answer = assistant.ask("There are so many MLOps tools. How should our hire deal with that?")
    assert not answer.refused, answer.text
    answer = assistant.ask("What salary band should I be budgeting for this hire?")
    assert not answer.refused and "$120,000-$185,000" in answer.text, answer.text
    answer = assistant.ask("What recurring meetings will the hire be part of?")  # any determiner
    assert not answer.refused and "Common meetings" in answer.text, answer.text
    assert assistant.ask("How do I become a travel nurse?").refused


@pytest.mark.slow
def test_an_ask_about_the_asker_as_described_is_judged_with_the_description(
    assistant: Assistant,
) -> None:
    """ "is mlops a good fit for ppl like me" says little on its own: who "me" is was said
    before it, as a short ask's topic is."""
    answer = assistant.ask("im devops guy 5 yrs, is mlops good fit for ppl like me")
    assert not answer.refused and "DevOps" in answer.text, answer.text
    assert assistant.ask("I'm a nurse. Is pasta carbonara good for someone like me?").refused


@pytest.mark.slow
def test_an_ask_about_a_third_person_is_judged_on_its_own_words(assistant: Assistant) -> None:
    """ "him" is a function word, as "them" is: no word of the ask the guide lacks."""
    answer = assistant.ask("What would a typical morning look like for him?")
    assert not answer.refused and "Check overnight model performance alerts" in answer.text


@pytest.mark.slow
def test_chat_asides_are_no_words_of_the_ask(assistant: Assistant) -> None:
    """ "or nah", "tbh": how the asker speaks, not a property asked about ("honest")."""
    for ask in [
        "wait will i get to build neural networks in this job or nah",
        "is mlops more about pipelines or neural nets tbh?",
    ]:
        answer = assistant.ask(ask)
        assert not answer.refused and "than on neural networks" in answer.text, ask


@pytest.mark.slow
def test_the_x_one_after_a_reworded_list_is_the_item_sharing_most_of_x(
    assistant: Assistant,
) -> None:
    """The last answer says "friction with data scientists" for "Data scientist friction";
    "the data scientist one" is that challenge, not "Undefined scope" (whose line says "data
    engineering"), and "the fourth one" counts it."""
    from assistant.items import mentioned

    said = "It lists on-call burden, friction with data scientists, and undefined scope."
    assert [i.name for i in mentioned(assistant.items, said, reworded=True)] == [
        "On-call burden",
        "Data scientist friction",
        "Undefined scope",
    ]
    assert "Data scientist friction" not in [i.name for i in mentioned(assistant.items, said)]
    history = exchange(
        "what challenges does it list?",
        "It lists on-call burden, tool fragmentation, friction with data scientists, undefined "
        "scope, and technical debt.",
    )
    fix = assistant.ask("ok and what's the fix for the data scientist one", history)
    assert "Create self-service tools" in fix.text and "Undefined scope" not in fix.text
    fourth = assistant.ask("And the fourth one on that list, what's that about?", history)
    assert fourth.text.startswith("Undefined scope"), fourth.text


@pytest.mark.slow
def test_how_the_answer_should_be_put_is_no_attribute_of_the_item(assistant: Assistant) -> None:
    answer = assistant.ask(
        "She keeps talking about something called MLflow. What is it, in plain terms?"
    )
    assert not answer.refused and "Experiment tracking, model registry" in answer.text, answer.text
    answer = assistant.ask("What's Kubeflow used for, in a sentence?")
    assert not answer.refused and "End-to-end ML pipelines on Kubernetes" in answer.text


@pytest.mark.slow
def test_a_pick_among_those_by_what_none_of_them_states_is_refused(assistant: Assistant) -> None:
    """ "which of those …" picks among the last answer's items only (Feast is no monitoring
    tool), and by what one of them states; the guide never says which is free."""
    tools = exchange(
        "Which tools does the guide list for monitoring?",
        "Prometheus/Grafana for infrastructure and model metrics, Evidently AI for model "
        "monitoring and drift detection, and Arize as an ML observability platform.",
    )
    # what a which-ask says of them is a property their lines must state, as of one
    asks = {
        "Which one of these is free to use?": "unstated_property",
        "Which of those are open source and free?": "unstated_judgement",
    }
    for ask, reason in asks.items():
        answer = assistant.ask(ask, tools)
        assert_refused_for(answer, reason)
        assert "Feast" not in answer.text, ask
    answer = assistant.ask("which of those does drift detection?", tools)
    assert not answer.refused and "Evidently AI" in answer.text and "Arize" not in answer.text


@pytest.mark.slow
def test_the_source_of_the_salary_figure_is_its_cited_line(assistant: Assistant) -> None:
    answer = assistant.ask("where does the salary data come from")
    assert not answer.refused and "(Levels.fyi, 2025)" in answer.text, answer.text
    assert "MLOps and ML Engineer compensation data" in answer.text  # its source of pay
    assert "Industry survey on MLOps practices" not in answer.text  # no source of pay
    numbers = assistant.ask("Where does the guide get its numbers? I check sources.")
    assert "Software Developers employment data" in numbers.text, numbers.text
    listed = assistant.ask("What sources does the guide cite?")  # the guide's list of sources
    assert "Industry survey on MLOps practices" in listed.text


@pytest.mark.slow
def test_a_condition_of_an_amount_near_only_to_money_is_unstated(assistant: Assistant) -> None:
    """ "tax" is near "compensation" in meaning because both are money, not because the salary
    line says anything of tax."""
    pay = exchange(
        "How much do MLOps engineers make?",
        "$120,000-$185,000 depending on experience and company, FAANG top comp $250,000+",
    )
    assert assistant.ask("before tax or after", pay).refused
    assert not assistant.ask("and at FAANG?", pay).refused
    # asked yes or no, of no item: what the amount is of, as in a wh-ask
    assert assistant.ask("is that before tax?", pay).refused
    assert assistant.ask("Does it break that down for Washington state?", pay).refused
    assert not assistant.ask("is that per year?", pay).refused


@pytest.mark.slow
def test_an_amount_in_a_place_or_trade_its_line_does_not_state_is_refused(
    assistant: Assistant,
) -> None:
    """The salary line pays "depending on experience and company": no trade's or state's pay,
    however near "healthcare" is to "company" in meaning, and Texas stands in the guide with
    no figure. "firms" is as near "company" as a form of it, and "the ad" is where the asker
    puts the figure, not where it is earned."""
    pay = exchange(
        "How much do MLOps engineers make?",
        "$120,000-$185,000 depending on experience and company, FAANG top comp $250,000+",
    )
    for question in (
        "what's the pay like in healthcare specifically?",
        "what do mlops engineers earn at telecom companies?",
    ):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
        assert "$120,000-$185,000" in answer.text  # the nearest the guide says, cited
    assert assistant.ask("and in texas?", pay).refused
    # the people it is asked for, even of the guide's words
    assert assistant.ask("and for data scientists, what range does the guide give?", pay).refused
    assert not assistant.ask("what's the salary for mlops engineers?").refused
    for question in (
        "What's the ceiling on pay at the big tech firms?",
        "What salary range should I put in the ad?",
    ):
        answer = assistant.ask(question)
        assert not answer.refused, answer.text
        assert "$120,000-$185,000" in answer.text


@pytest.mark.slow
def test_a_short_follow_up_naming_another_list_gets_that_list(assistant: Assistant) -> None:
    """The last exchange does not pull "and monitoring tools?" toward the feature stores."""
    stores = exchange(
        "Which feature store tools does the guide mention?",
        "Feast (open source) and Tecton (an enterprise feature store platform).",
    )
    answer = assistant.ask("and monitoring tools?", stores)
    assert "Evidently AI: ML model monitoring and drift detection." in answer.text, answer.text
    assert "Feast" not in answer.text


@pytest.mark.slow
def test_a_short_ask_after_what_the_asker_says_is_judged_with_it(assistant: Assistant) -> None:
    """ "what's the top end?" alone is too far from every line (below scope.min_relevance);
    read with the description before it, it is the salary's."""
    answer = assistant.ask("honestly pay is a big reason I'm looking. what's the top end?")
    assert not answer.refused, answer.text
    assert "$250,000+" in answer.text
    # a description naming what the guide lacks: the short ask is about that name
    named = assistant.ask(
        "I hold CompTIA Security+ from my time in service. Does that count for anything in MLOps?"
    )
    assert named.refused, named.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("message", "quoted", "far"),
    [
        # an ask pointing back at the sentence before it ("deal with *that*") is read with it
        (
            "Our data scientists keep resisting productionization. "
            "How do good MLOps engineers deal with that?",
            "Data scientists may resist productionization requirements",
            "I fix a squeaky bike chain every weekend. How do people cope with it?",
        ),
        # an ask is off topic only when the whole message is: the sentence before it sets its
        # subject ("distinguish *the two*")
        (
            "Our hiring committee keeps mixing up ML engineers and MLOps engineers. "
            "How does the guide distinguish the two?",
            "While ML Engineers focus on building and training models",
            "I fix bikes every weekend. What gear ratio is best for climbing hills?",
        ),
    ],
)
def test_an_ask_is_judged_with_the_sentences_before_it(
    assistant: Assistant, message: str, quoted: str, far: str
) -> None:
    """The ask alone is far from every line; with the sentence before it, it is the guide's.
    A message far from the guide as a whole stays off topic."""
    answer = assistant.ask(message)
    assert not answer.refused, answer.text
    assert quoted in answer.text
    assert_refused_for(assistant.ask(far), "off_topic")


@pytest.mark.slow
def test_an_ask_pointing_at_a_thing_the_guide_names_is_answered_of_that_thing(
    assistant: Assistant,
) -> None:
    """The sentence before names a tool of the guide's ("A colleague mentioned 'Docker'"), in
    a sentence about the asker's people; "what part does *it* play?" is answered of it."""
    answer = assistant.ask(
        "A younger colleague mentioned 'Docker' in passing as though everyone knew what it was. "
        "What part does it play in this line of work?"
    )
    assert "Docker: Containerization for reproducible ML environments." in answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("before", "said", "follow_up", "wanted", "unwanted"),
    [
        (
            "What infrastructure certifications are listed?",
            "CKA ($395), AWS Solutions Architect Professional ($300), and HashiCorp Terraform "
            "Associate ($70).",
            "And the cloud ML ones?",
            "Azure AI Engineer Associate ($165)",
            "Certified Kubernetes Administrator",
        ),
        (
            "what certs should I get for mlops",
            "The guide lists cloud ML certifications: AWS Machine Learning Specialty ($300), "
            "Google Professional Machine Learning Engineer ($200), and Azure AI Engineer "
            "Associate ($165).",
            "and the infrastructure ones?",
            "Certified Kubernetes Administrator (CKA) ($395)",
            None,
        ),
        (
            # longer, and pointing back ("those"): the kind it names is still the other list
            "Which infrastructure certifications does the guide list?",
            "CKA at $395, AWS Solutions Architect Professional at $300, and HashiCorp Terraform "
            "Associate at $70.",
            "OK, and the cloud ML ones - how much are those, roughly?",
            "Google Professional Machine Learning Engineer ($200)",
            "Certified Kubernetes Administrator",
        ),
    ],
)
def test_a_follow_up_naming_another_list_by_its_title_gets_that_lists_items(
    assistant: Assistant,
    before: str,
    said: str,
    follow_up: str,
    wanted: str,
    unwanted: str | None,
) -> None:
    """ "ML" alone is in the CKA's line; "cloud ML" is in the other list's title only."""
    answer = assistant.ask(follow_up, exchange(before, said))
    assert wanted in answer.text, answer.text
    assert unwanted is None or unwanted not in answer.text


@pytest.mark.slow
def test_a_yes_no_ask_typed_without_its_verb_needs_its_property_stated(
    assistant: Assistant,
) -> None:
    """Read as yes/no, its nouns and adjectives must be near what the evidence says
    (scope.property_threshold): the guide says nothing of the exam's or the job's language."""
    for question in ("azure exam can do in portuguese?", "need english fluent for interview?"):
        answer = assistant.ask(question)
        assert answer.refused, answer.text
    assert not assistant.ask("need python for mlops?").refused


@pytest.mark.slow
@pytest.mark.parametrize(
    ("before", "said", "follow_up", "wanted"),
    [
        (
            "iac tools?",
            "The guide lists 'Terraform/Pulumi: Infrastructure as code for ML platforms.'",
            "cert for that? price",
            "HashiCorp Terraform Associate ($70)",
        ),
        (
            "what's docker and kubernetes",
            "Docker is containerization for reproducible ML environments, and Kubernetes is "
            "container orchestration for ML workloads.",
            "is there a certification for the kubernetes one, and what does it cost?",
            "Certified Kubernetes Administrator (CKA) ($395)",
        ),
    ],
)
def test_a_follow_up_naming_another_list_for_the_item_pointed_at_gets_that_lists_item(
    assistant: Assistant, before: str, said: str, follow_up: str, wanted: str
) -> None:
    """A certification *for* the tool the last answer named is the certification whose name
    shares the tool's ("Terraform"), not the tool's own line again."""
    answer = assistant.ask(follow_up, exchange(before, said))
    assert wanted in answer.text, answer.text


@pytest.mark.slow
def test_the_x_one_is_the_item_all_of_whose_words_x_names(assistant: Assistant) -> None:
    certs = exchange(
        "Which certs matter?", "e.g. AWS Machine Learning Specialty ($300) and the CKA ($395)."
    )
    architect = assistant.ask("And the AWS architect one?", certs)
    assert "AWS Solutions Architect Professional" in architect.text, architect.text
    both = exchange("which certification for AWS?", "AWS ML Specialty and AWS Solutions Architect.")
    validates = assistant.ask("the solutions architect one, what it validates?", both)
    assert "Deep AWS infrastructure knowledge" in validates.text, validates.text


@pytest.mark.slow
def test_cheaper_ones_after_one_price_are_those_priced_below_it(assistant: Assistant) -> None:
    cka = exchange("What certificates should he get?", "e.g. the CKA ($395).")
    cheaper = assistant.ask("Any cheaper ones?", cka)
    assert "Under $395" in cheaper.text and "HashiCorp Terraform Associate ($70)" in cheaper.text
    assert "Certified Kubernetes Administrator" not in cheaper.text
    # cheaper ones of a kind the ask names: no other Kubernetes certification is listed
    kind = assistant.ask("is there a cheaper kubernetes one?", cka)
    assert "Under $395" not in kind.text, kind.text


@pytest.mark.slow
def test_a_verb_asking_to_be_told_is_no_match_for_a_line_using_it(assistant: Assistant) -> None:
    # "explain what …" frames the ask: not the duty "explaining infrastructure to non-experts"
    answer = assistant.ask("Could you explain what is an MLOps Engineer in simple words, please?")
    assert "builds and maintains the infrastructure" in answer.text, answer.text
    assert "explaining infrastructure to non-experts" not in answer.text
    # a verb that is the topic still matches its line
    duty = assistant.ask("Does she need to be good at explaining things to non-technical people?")
    assert "explaining infrastructure to non-experts" in duty.text, duty.text
