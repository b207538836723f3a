"""Reading what a question names when it is typed as people type: lower-case places and
acronyms, years, jobs of other people, chat forms and short forms, and the guide's own item
names that the embedding model does not know."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import assert_answered_with, assert_grounded, exchange

from assistant import Assistant, phrases
from assistant.asking import split_ask
from assistant.dictionary import is_common, spelt_out
from assistant.lexicon import anyone, is_occupation, is_place, is_plain_adverb, is_superlative
from assistant.name_lists import name_words, other_kind, wants_names_of
from assistant.names import (
    mentioned,
    names_in,
    not_examples,
    not_people,
    typed_names,
    without_examples,
    written_as_names,
)
from assistant.policy import decide
from assistant.question import read
from assistant.schema import Section, Unit
from assistant.text import without_purpose
from assistant.tuning import RetrievalSettings
from assistant.vocabulary import Vocabulary, is_evaluative, stem, without_money


@pytest.mark.parametrize(
    ("word", "occupation"),
    [("nurses", True), ("pilot", True), ("psychologists", True), ("chef", True)]
    + [("candidates", False), ("guy", False), ("beginners", False), ("great", False)]
    + [("salary", False)],
)
def test_an_occupation_is_a_person_with_a_job(word: str, occupation: bool) -> None:
    assert is_occupation(word) is occupation


@pytest.mark.parametrize(
    ("word", "place"),
    [("uk", True), ("london", True), ("seattle", True), ("europe", True)]
    + [("nice", False), ("mobile", False), ("state", False), ("remote", False), ("ml", False)],
)
def test_a_place_is_only_a_name_of_a_place(word: str, place: bool) -> None:
    assert is_place(word) is place


@pytest.mark.parametrize(
    ("typed", "word"),
    [("actualy", "actually"), ("somethin", "something"), ("diffrence", "difference")]
    # a letter typed for another may be a name; short forms and terms are kept
    + [("admin", None), ("thanos", None), ("intro", None), ("kserve", None), ("slurm", None)]
    + [("Actualy", None), ("salry", None)]  # typed as a name; a rarer word than is common
    # a function word with two letters swapped after its first; not an acronym's letters
    + [("teh", "the"), ("waht", "what"), ("adn", "and"), ("cpu", None), ("gpu", None)]
    # its last "g" dropped, in speech: any word, not only a common one; not a word of its own
    + [("cuttin", "cutting"), ("learnin", "learning"), ("kin", None), ("plugin", None)],
)
def test_a_common_word_typed_a_letter_short_is_read_as_that_word(
    typed: str, word: str | None
) -> None:
    assert spelt_out(typed) == word


@pytest.mark.parametrize(
    ("word", "common"),
    [("oh", True), ("us", True), ("me", True), ("uk", False), ("london", False), ("id", False)],
)
def test_a_word_english_uses_often_is_a_word_before_it_is_a_place(word: str, common: bool) -> None:
    # WordNet knows each only as a place ("oh": Ohio); typed in lower case "oh" is the interjection
    assert is_place(word)
    assert is_common(word) is common


def vocabulary(words: list[str], names: set[str] | None = None) -> Vocabulary:
    vectors = np.eye(len(words), dtype=np.float32)
    return Vocabulary(words, vectors, RetrievalSettings(), names=names or set())


def test_one_letter_off_an_acronym_is_another_acronym_not_a_typo() -> None:
    words = ["cka", "gpu", "kubernetes", "certification"]
    v = vocabulary(words, written_as_names(["The CKA needs a GPU.", "Kubernetes is key"]))
    assert v.acronyms == {"cka", "gpu"}
    assert v.acronym_variant("ckad") and v.closest("ckad") is None
    assert not v.acronym_variant("gpus")  # the plural
    assert v.closest("kubernets") == "kubernetes"  # a name that is no acronym is misspelt


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("kserve mentioned?", {"kserve"}),
        ("gpu cluster scheduling. slurm covered?", {"slurm"}),
        ("is ray serve covered anywhere?", {"ray", "serve"}),
        ("Which cert on the list is the cheapest?", set()),  # no ask whether it is named
        ("Which certification in the guide has the highest listed price?", set()),
        ("list the certs w prices pls", set()),
        ("feature store options listed", {"feature", "store"}),  # a plural names a kind
        ("Which products are named?", set()),
        ("ray mentioned anywhere? looking at it for training", {"ray"}),
        ("does it mention Argo at all?", {"argo"}),
        ("what does the guide say about pay?", set()),  # no ask whether it names a thing
        ("Snowflake on the tool list?", {"snowflake"}),
        ("kafka — covered?", {"kafka"}),
        ("Kafka for streaming features — mentioned?", {"kafka"}),  # and what it is for
        ("spark is in the guide?", {"spark"}),
        ("Mage or Luigi in there?", {"mage", "or", "luigi"}),
        ("Is it defined anywhere in the guide?", set()),  # "it": what was asked before
        # a superlative selects among what is named: "cheapest cert" is a cert
        ("Cheapest cert listed?", {"cert"}),
        ("most expensive cert on the list?", {"cert"}),
        ("test harness covered?", {"test", "harness"}),  # "test" is no superlative
    ],
)
def test_what_a_mention_ask_asks_the_guide_to_name(text: str, words: set[str]) -> None:
    assert mentioned(text) == words


def test_a_form_goes_on_from_a_shared_stem_by_an_ending_of_forms() -> None:
    v = vocabulary(["interview", "interviews", "certification", "collaboration", "academic"])
    for form in ["interviewers", "cert", "certified", "collaborate", "academia"]:
        assert v.is_form(form), form
    assert not v.is_form("intern")  # "inter|n" and "inter|view": two words, not two forms


def test_chat_forms_and_short_forms_are_read_as_their_words() -> None:
    v = vocabulary(["languages", "kubernetes-based", "difference"])
    assert v.correct("wat langs shud i learn") == "what languages should i learn"
    # a chat form that is no guide word's start: "btwn", "src", "prereq"
    assert v.correct("whats the diff btwn them") == "what is the difference between them"
    assert v.correct("step 1 prereq src") == "step 1 prerequisite source"
    assert v.short_form("diff") == "difference"
    assert v.short_form("kubernets") is None  # too long for a short form: a misspelling
    assert v.short_form("eng") is None  # too short to tell


def test_spoken_spellings_are_read_as_their_words() -> None:
    v = vocabulary(["money", "engineer", "call-outs"])
    assert v.spell_out("Whit kind o money") == "what kind of money"  # Scots
    assert v.spell_out("gettin woken up wi call-outs") == "getting woken up with call-outs"
    assert v.spell_out("dinnae ken") == "do not ken"
    assert v.spell_out("wetin be the salary") == "what be the salary"  # Pidgin
    assert v.spell_out("Whit's Docker fir in aw this?") == "what's Docker for in all this?"
    assert v.spell_out("wots DVC when it's at home") == "what is DVC when it's at home"
    assert v.spell_out("n what about the arvo?") == "and what about the afternoon?"  # Australian
    assert v.spell_out("how much dey earn? I wan know") == "how much are earn? I want know"
    assert v.spell_out("What dem working on?") == "What them working on?"  # patois
    assert v.spell_out("wot do they earn") == "what do they earn"  # informal British
    assert v.spell_out("a sci-fi novel") == "a sci-fi novel"
    assert v.spell_out("a job w/o college") == "a job w/o college"  # "without", not "of"
    # a dropped "g" an apostrophe marks; not a contraction
    assert v.spell_out("keep the thing runnin'?") == "keep the thing running'?"
    assert v.spell_out("don't, ain't, 'login'") == "don't, ain't, 'login'"
    assert v.spell_out("system design Qs, what do they use em for") == (
        "system design questions, what do they use them for"
    )
    # a laugh or an aside says nothing
    assert v.spell_out("whats mlops even mean lol") == "what is mlops even mean "
    assert v.spell_out("ngl the pay LOL") == " the pay "


@pytest.mark.parametrize(
    ("word", "superlative"),
    [("cheapest", True), ("Priciest", True), ("best", True), ("easiest", True)]
    + [("honest", False), ("test", False), ("interest", False), ("latest", False)],
)
def test_a_superlative_is_told_from_words_ending_alike(word: str, superlative: bool) -> None:
    assert is_superlative(word) is superlative


def test_a_name_the_guide_always_capitalises_is_read_first_in_a_sentence_too() -> None:
    names = frozenset(["tecton", "github", "feast"])
    assert typed_names("Tecton licence cost?", names, ()) == ("Tecton",)
    assert typed_names("ok. Tecton pricing vs CKA?", names, ("CKA",)) == ("CKA", "Tecton")
    assert typed_names("what should i put on my github", names, ()) == ()  # the asker's word
    assert typed_names("Feast or famine?", names, ()) == ()  # a dictionary word


def test_written_as_names_are_the_words_always_capitalised() -> None:
    names = written_as_names(["Feast and Tecton store features.", "the feature store: Feast"])
    assert names == {"Feast", "Tecton"}  # "store" and "the" are written in lower case too


def test_a_year_is_a_name_to_ground() -> None:
    assert names_in("mlops salary 2023?") == ["2023"]
    assert names_in("salary in 2025") == ["2025"]


def test_a_wh_question_among_the_sentences_is_no_yes_no_ask() -> None:
    assert read("Is it stressful?").yes_no
    assert not read("Is that range real for beginners? What does it depend on?").yes_no
    assert not read("will interviews make me write code, and if so, in what language?").yes_no


def test_items_side_by_side_answer_a_difference_but_not_a_judgement() -> None:
    from test_policy import make_case

    evidence = ["Feast: Open source feature store.", "Tecton: Enterprise feature store."]
    diff = make_case("feast vs tecton, what's the difference?", evidence=evidence, compared=2)
    assert decide(diff).outcome == "answer"
    judged = make_case("Is Feast better than Tecton?", evidence=evidence, compared=2)
    assert decide(judged).reason == "no_comparison"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "reason", "named"),
    [
        ("ckad cost", "unknown_name", "CKAD"),
        ("mlops salary uk?", "unknown_name", "UK"),
        ("how much do mlops engineers make in london", "unknown_name", "London"),
        ("mlops salary 2023?", "unknown_name", "2023"),
        ("What do airline pilots earn in their first year?", "other_role", "pilots"),
    ],
)
def test_lower_case_names_years_and_other_jobs_are_refused(
    assistant: Assistant, question: str, reason: str, named: str
) -> None:
    answer = assistant.ask(question)
    assert answer.refused, answer.text
    assert answer.diagnostics is not None and answer.diagnostics.reason == reason
    assert named in (answer.diagnostics.unknown_names or [])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("wat langs shud i learn 4 mlops", ["Python, Go"]),
        ("feast vs tecton diff?", ["Feast: Open source feature store", "Tecton: Enterprise"]),
        ("what was the mlops salary in 2025?", ["$120,000-$185,000"]),
        ("cka price", ["$395"]),
        ("Which companies hire MLOps engineers?", []),
        # how closely the answer is to be given is no property of the salary
        ("What precise pay range does the guide give?", ["$120,000-$185,000"]),
        # an interjection WordNet knows only as a state's abbreviation (Ohio) names no place
        ("oh ok, and what tool handles the model registry?", ["MLflow"]),
        # "actualy" read as "actually": an ask of what the role does
        ("what does an mlops engineer actualy DO, like in plain words?", ["builds and maintains"]),
        ("whats the diff btwn ml engineer n mlops engineer", ["While ML Engineers focus"]),
    ],
)
def test_terse_and_chatty_asks_the_guide_answers_are_answered(
    assistant: Assistant, question: str, facts: list[str]
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    for fact in facts:
        assert fact in answer.text
    assert_grounded(answer)


def test_an_attribute_of_an_item_its_line_does_not_give_is_refused() -> None:
    from test_policy import make_case

    case = make_case("What is the passing score of the CKA?", unsaid_attribute="score")
    assert decide(case).reason == "unstated_attribute"
    assert decide(make_case("What does the CKA validate?")).outcome == "answer"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("What is the passing score for the HashiCorp Terraform Associate exam?", False),
        ("seldon core license type? apache?", False),
        ("How long is the Google Professional Machine Learning Engineer exam, in minutes?", False),
        ("What does the CKA exam validate?", True),
        ("What is Tecton used for?", True),
        ("What does lead time mean in this context?", True),
        ("how do experienced ppl deal with the tool fragmentation one", True),
        ("How does the guide describe DVC, word for word if possible?", True),
        # its line's description says what it is for
        ("What does the CKA cost, and for what reason is it considered important?", True),
    ],
)
def test_an_item_is_answered_for_what_its_line_gives(
    assistant: Assistant, question: str, answered: bool
) -> None:
    answer = assistant.ask(question)
    assert answer.refused is not answered, answer.text


@pytest.mark.slow
def test_the_item_a_follow_up_points_at_is_answered_for_what_its_line_gives(
    assistant: Assistant,
) -> None:
    history = [
        {"role": "user", "content": "How much is the Terraform cert?"},
        {"role": "assistant", "content": "The HashiCorp Terraform Associate costs $70."},
    ]
    assert assistant.ask("What's the pass mark on that one?", history).refused
    assert not assistant.ask("What does it validate?", history).refused
    # "that figure" is of a line, not a named item: the guide gives its source
    salary = [
        {"role": "user", "content": "How much do they make?"},
        {"role": "assistant", "content": "MLOps Engineers earn $120,000-$185,000."},
    ]
    assert "Levels.fyi" in assistant.ask("where does that figure come from?", salary).text
    assert not assistant.ask("What role does dbt play in this stack?").refused


def test_a_long_title_in_a_sentence_is_one_name_and_a_title_cased_line_is_not() -> None:
    long = "How much does the AWS Certified Machine Learning Engineer Associate cost?"
    assert names_in(long) == ["AWS Certified Machine Learning Engineer Associate"]
    assert names_in("How Much Does The CKA Cost?") == ["CKA"]
    # a short question whose one name is capitalised is no title: it has a word in lower case
    assert names_in("Is Kueue covered?") == ["Kueue"]
    assert names_in("do Epic Games or Unity Technologies hire MLOps engineers?") == [
        "Epic Games",
        "Unity Technologies",
    ]


def test_a_money_word_that_qualifies_another_asks_no_amount() -> None:
    from assistant.question import kind_of

    assert kind_of("What is the cost-related portfolio metric, and how is it measured?") != "amount"
    assert kind_of("What is the cost of the CKA?") == "amount"


def test_an_english_word_is_no_acronym_variant() -> None:
    v = vocabulary(["soc", "cka"], written_as_names(["SOC 15-1252A", "the CKA"]))
    assert not v.acronym_variant("sec")  # "per sec": a word, not "soc" one letter off
    assert v.acronym_variant("ckad")


def test_a_short_ordinary_word_in_capitals_is_no_name() -> None:
    from assistant.lexicon import common_abbreviation

    assert common_abbreviation("AM") and common_abbreviation("PM")
    assert not common_abbreviation("US") and not common_abbreviation("EU")  # places, bodies
    assert not common_abbreviation("SRE") and not common_abbreviation("CKAD")
    assert not common_abbreviation("R")  # a lone capital names ("in R")


def test_where_the_asker_heard_of_a_thing_is_not_asked_of_it() -> None:
    from assistant.text import without_set_aside

    ask = "What is this MLflow that everyone whispers about in the corridors?"
    assert without_set_aside(ask) == "What is this MLflow?"
    assert without_set_aside("And DVC, which one of my students mentioned?") == "And DVC?"
    ask = "what does the 'drift' thing my nephew talked about mean?"
    assert without_set_aside(ask) == ask  # the clause does not end the ask: it is kept
    assert without_set_aside("what's Airflow, my tutor said?") == "what's Airflow?"
    # a comparison with what they say is asked ("as bad as everyone says?")
    ask = "Is the on-call really as bad as everyone says?"
    assert without_set_aside(ask) == ask


def test_what_an_ask_sets_aside_is_not_searched_for() -> None:
    from assistant.text import without_set_aside

    ask = "Besides the technical stuff, what people skills does the guide say matter?"
    assert without_set_aside(ask) == "what people skills does the guide say matter?"
    assert without_set_aside("Other than that?") == "Other than that?"  # nothing else is left
    # an opening "and" or "ok" is no part of what is set aside
    ask = "And beyond system design, what technical questions does it anticipate?"
    assert without_set_aside(ask) == "what technical questions does it anticipate?"
    # nor what it sets aside after the ask, past a comma, "I mean" or in brackets, or right
    # after a noun by a phrase that only sets aside ("other than", not "not")
    assert without_set_aside("What tools other than Kubernetes are listed?") == "What tools ?"
    assert without_set_aside("the technical questions apart from system design?") == (
        "the technical questions ?"
    )
    assert without_set_aside("is it not hard?") == "is it not hard?"
    after = "ok and the technical questions, not the design ones?"
    assert without_set_aside(after) == "ok and the technical questions ?"
    assert "sys" not in without_set_aside("the technical q's i mean not sys design")
    assert "system" not in without_set_aside("which technical (not system-design) questions?")
    leaving = "the salary band for a typical engineer, leaving aside the FAANG outliers?"
    assert "outliers" not in without_set_aside(leaving)


@pytest.mark.slow
def test_a_set_aside_list_is_not_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Besides the technical stuff, what people skills does the guide say matter?"
    )
    assert "Working with data scientists, ML engineers, and platform teams." in answer.text
    assert "Container orchestration" not in answer.text
    answer = assistant.ask("And the technical questions, not the design ones? Which they can ask?")
    assert "Explain canary deployments for ML models" in answer.text
    assert "Design a model training pipeline" not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "And the technical questions apart from system design?",
        "And beyond system design, what technical questions does it anticipate?",
    ],
)
def test_a_follow_up_setting_aside_what_the_last_answer_named_asks_for_others(
    assistant: Assistant, question: str
) -> None:
    design = exchange(
        "What system design questions should I expect in an MLOps interview?",
        "System design questions: Design a model training pipeline that handles 100TB of data",
    )
    answer = assistant.ask(question, design)
    assert "Explain canary deployments for ML models" in answer.text, answer.text
    assert "Design a model training pipeline" not in answer.text


@pytest.mark.slow
def test_an_ask_setting_aside_a_guide_thing_is_about_the_guide(assistant: Assistant) -> None:
    answer = assistant.ask("What should the coding portion of the loop cover besides Python?")
    assert not answer.refused and "Terraform configuration reviews" in answer.text, answer.text


def test_a_follow_up_naming_a_part_of_the_guide_stands_on_its_own() -> None:
    from assistant.queries import names_a_title, title_words

    titles = title_words(["Model Serving", "Infrastructure & Orchestration", "Salary"])
    assert names_a_title("Which model serving tools does it list then?", titles)
    assert not names_a_title("and the second one?", titles)
    assert not names_a_title("what about the salary?", titles)  # one word: too little to tell


def test_a_short_follow_up_with_new_words_of_one_title_stands_on_its_own() -> None:
    from assistant.queries import names_a_title, title_words

    titles = title_words(
        ["Monitoring & Observability", "Infrastructure & Orchestration",
         "Infrastructure certifications", "Feature Stores & Data"]
    )  # fmt: skip
    before = "Which feature store tools does the guide mention? Feast and Tecton."
    assert names_a_title("and monitoring tools?", titles, before)  # new, and of one title
    assert not names_a_title("and monitoring tools?", titles)  # a long ask: no last exchange
    assert not names_a_title("and the infrastructure ones?", titles, before)  # of two titles
    assert not names_a_title("and the feature store ones?", titles, before)  # said before
    on_call = title_words(["On-call burden"])
    assert not names_a_title("what is it called?", on_call, before)  # a third of its words


@pytest.mark.slow
def test_a_follow_up_naming_a_list_gets_that_list(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "What tool categories does the guide have?"},
        {
            "role": "assistant",
            "content": "Infrastructure & Orchestration, ML Platform Tools, "
            "Model Serving, Feature Stores & Data, Monitoring & Observability.",
        },
    ]
    answer = assistant.ask("Which model serving tools does it list then?", history)
    assert "Triton Inference Server" in answer.text and "Kubernetes:" not in answer.text


def test_a_year_is_no_count() -> None:
    from test_policy import make_case

    stated = ["MLOps Engineers earn $120,000-$185,000 (Levels.fyi, 2025)"]
    case = make_case("How many MLOps job openings are there?", evidence=stated)
    assert decide(case).reason == "no_count"


@pytest.mark.parametrize(
    "question", ["How many MLOps job openings are there?", "How many MLOps jobs are open?"]
)
def test_the_roles_name_names_nothing_counted(question: str) -> None:
    from test_policy import make_case

    # "MLOps" is in the line, but the line counts tools, not jobs
    stated = ["Tool fragmentation: The MLOps ecosystem has dozens of overlapping tools."]
    assert decide(make_case(question, evidence=stated)).reason == "no_count"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Portfolio project ideas: how many are listed and which one is last?", "6 in all"),
        ("how many certifications does the guide list?", "6 in all"),
        ("How many MLOps job openings are there right now?", None),
        # of the parent's lists, the one whose title names it too ("Common challenges")
        ("How many career challenges are listed?", "5 in all"),
        # the items counted, then named: "they" are those, not the line quoted first
        ("How many key metrics should a portfolio show, and what are they?", "4 in all"),
        ("How many career challenges does it name? List them.", "5 in all"),
        # a list named by its whole title, when what is counted is of it
        ("How many tools does the guide list under Model Serving?", "4 in all"),
        ("How many people work on an ML platform team?", None),
        # what is counted is people in the role, not the lists of its guide
        ("How many MLOps engineers should we have per data scientist?", None),
        # the guide's steps by another word, of its path
        ("How many stages are there on the path into MLOps?", "4 in all"),
        ("How many phases does the ML lifecycle have?", None),
    ],
)
def test_a_count_is_over_the_list_its_words_name(
    assistant: Assistant, question: str, counted: str | None
) -> None:
    answer = assistant.ask(question)
    if counted is None:
        assert "in all" not in answer.text  # no list of the guide is of job openings
    else:
        assert answer.text.startswith(counted), answer.text


@pytest.mark.slow
def test_a_paraphrased_line_item_is_named_by_its_opening_words(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "What portfolio projects does the guide recommend?"},
        {
            "role": "assistant",
            "content": "End-to-end ML pipeline, model monitoring dashboard, "
            "a Kubernetes-based model serving platform, and a cost optimization project.",
        },
    ]
    answer = assistant.ask("what about the kubernetes one, what feature should it have?", history)
    assert "Kubernetes-based model serving platform with autoscaling" in answer.text


def test_a_relative_clause_is_no_ask() -> None:
    from assistant.asking import split_ask

    ask, context = split_ask(
        "I've made flashcards for all the tools, which is maybe overkill, but it helps me. "
        "I'm stuck on Kubeflow - what is it used for again?"
    )
    assert ask == "what is it used for again?" and "Kubeflow" in context
    assert split_ask("i work in QA, which tools should i learn")[0] == "which tools should i learn"


def test_a_question_joined_to_a_question_asks_both() -> None:
    """A conjunction between two questions joins two asks, read as two sentences; the first
    is no description of the asker for naming them ("a man of *my* vintage")."""
    ask, context = split_ask(
        "I am sixty-four; is a man of my vintage too old to retrain, and would employers "
        "look askance at my grey hair?"
    )
    assert ask == (
        "is a man of my vintage too old to retrain? would employers look askance at my grey hair?"
    )
    assert context == "I am sixty-four;"
    assert split_ask("Should we offer a signing bonus, and what is typical?")[0] == (
        "Should we offer a signing bonus? what is typical?"
    )


@pytest.mark.parametrize(
    ("question", "ask", "context"),
    [
        (  # a statement about the asker after the ask
            "what kinda projects should i build, i've got like 3 months of severance",
            "what kinda projects should i build",
            "i've got like 3 months of severance",
        ),
        (  # a yes/no ask after a clause about the asker, with no question mark
            "in QA we always had friction with devs lol, is there something like that in mlops",
            "is there something like that in mlops",
            "in QA we always had friction with devs lol",
        ),
        # a clause that asks stays in the ask
        ("What should I learn first, I mean which language?", "What should I learn first, I mean "
         "which language?", ""),
        ("Which tools does the guide list, and which do I need?", "Which tools does the guide "
         "list, and which do I need?", ""),
        # with no other asking sentence, one opened by a filler asks, and what follows is aside
        ("ok what's the actual pay range for mlops. skip the hype.", "ok what's the actual pay "
         "range for mlops.", "skip the hype."),
        # a sentence ends at its stop before a closing quote too
        ("Games pay me in 'passion.' What's the actual MLOps range?", "What's the actual MLOps "
         "range?", "Games pay me in 'passion.'"),
    ],
)  # fmt: skip
def test_what_the_asker_says_of_themself_within_the_asking_sentence(
    question: str, ask: str, context: str
) -> None:
    from assistant.asking import split_ask

    assert split_ask(question) == (ask, context)


def test_a_list_of_names_is_many_names_and_a_quantity_is_none() -> None:
    assert names_in("I've been a DevOps engineer for 5 years (Ansible, Jenkins, AWS).") == [
        "DevOps", "Ansible", "Jenkins", "AWS"
    ]  # fmt: skip
    assert names_in("How much is the AWS Certified Machine Learning - Specialty?") == [
        "AWS Certified Machine Learning Specialty"
    ]
    assert names_in("in terms a 17-year-old would get, for a 12-week course") == []


def listing(title: str, names: list[str]) -> Section:
    units = tuple(Unit(text=n, kind="item", position=i) for i, n in enumerate(names))
    return Section(title.lower(), (title,), "\n".join(f"- {n}" for n in names), "g.md", 0, units)


def test_a_which_ask_of_a_listing_of_names_of_another_kind_is_found() -> None:
    places = listing("Top Employers for Nurses", ["California", "CA", "New York", "NY", "Texas"])
    asked = "Which companies are the top employers of nurses?"
    assert other_kind(asked, [places]) == ("companies", "Top Employers for Nurses")
    assert other_kind("Which states are the top employers?", [places]) is None
    assert other_kind("Which companies hire nurses?", [places]) is None  # names no listing
    # names asked for by their kind before "names"; "no names" asks for no kind
    titled = ("company", "Top Employers for Nurses")
    assert other_kind("top employers of nurses - company names pls", [places]) == titled
    assert other_kind("top employers of nurses? state names", [places]) is None
    assert other_kind("top employers of nurses? I see no names there", [places]) is None
    # names WordNet does not know are of no kind it can tell: another guide's companies
    firms = listing("Top Employers for Nurses", ["Acme Health", "Globex Care", "Initech"])
    assert other_kind(asked, [firms]) is None


def test_a_which_ask_of_a_kind_the_guide_writes_only_in_names_is_found() -> None:
    author = listing("About the Author", ["Editor (B.A. Psychology, University of Washington)"])
    assert stem("university") in name_words([author])
    asked = "Which universities have the best MLOps programs?"
    assert other_kind(asked, [author]) == ("universities", "")
    assert phrases.not_of_kind("universities", "") == "The guide names no universities."
    assert other_kind("Which tools are listed?", [author]) is None
    # a guide that also speaks of universities in lower case may name some
    study = listing("Study", ["Editor (University of Washington)", "Pick a university with labs"])
    assert other_kind(asked, [study]) is None


def test_a_which_ask_wants_names_of_a_kind_every_name_of_a_listing_is_of() -> None:
    places = listing("Top Employers", ["California", "CA", "Washington", "New York", "NY"])
    assert wants_names_of("Which states are in the salary-by-state part?", places)
    assert wants_names_of("Which state does the guide include?", places)  # a fixed typo
    # a plural made the guide's singular before any verb, a name before it, "any" asked of
    assert wants_names_of("Which state appear in the salary-by-state section?", places)
    assert wants_names_of("Which US state are listed in the salary by state part?", places)
    assert wants_names_of("Does the guide single out any particular US states?", places)
    assert not wants_names_of("Does the guide name any companies?", places)
    assert not wants_names_of("Which source does the guide cite?", places)
    assert not wants_names_of("Which companies hire?", places)
    firms = listing("Top Employers", ["Acme Health", "Globex Care"])
    assert not wants_names_of("Which states are listed?", firms)


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("What's Kubeflow used for, in a sentence?", "What's Kubeflow used for?"),
        ("what does it do, in plain English?", "what does it do?"),
        ("Prometheus is used for what, according to the text?", "Prometheus is used for what?"),
        ("the exact wording of the fourth one for a quote", "the exact wording of the fourth one"),
        ("What is the salary in terms of equity?", "What is the salary in terms of equity?"),
        ("in one word?", "in one word?"),  # nothing else to ask
        # where the asker will put it
        (
            "need a one-sentence definition of a nurse for our flyer",
            "need a one-sentence definition of a nurse",
        ),
        (
            "Need a one-liner for the JD intro: what does a nurse do?",
            "Need a one-liner: what does a nurse do?",
        ),
        ("what salary for a junior nurse?", "what salary for a junior nurse?"),  # whom, not where
        # the papers a hire is made on
        ("Which tools should show up on a strong CV?", "Which tools should show up?"),
        ("Which certs do I look for when screening CVs?", "Which certs do I look for?"),
        ("For a job description draft: what does it own?", "what does it own?"),
        (
            "What's the difference between a CV and a resume?",
            "What's the difference between a CV and a resume?",
        ),
        # whom it is put for, and why it is asked
        ("explain it like im a photographer lol. what is mlops", "explain it. what is mlops"),
        ("Arize: what does it do, no waffle?", "Arize: what does it do?"),
        ("For screening purposes, what is Arize?", "what is Arize?"),
        ("is there no jargon in interviews?", "is there no jargon in interviews?"),  # asked
        ("what is the purpose of a feature store?", "what is the purpose of a feature store?"),
    ],
)
def test_how_the_answer_should_be_put_is_not_what_is_asked(question: str, ask: str) -> None:
    from assistant.question import read

    reading = read(question)
    assert reading.ask == ask and "English" not in reading.names
    # retrieval searches with the ask as worded, but for why or where the asker will use it
    assert reading.searched == without_purpose(question)


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("What's Kubeflow used for, in a sentence?", "What's Kubeflow used for, in a sentence?"),
        ("Which certs should I look for on a contractor's CV?", "Which certs should I look for?"),
        (
            "What qualifications should we look for on candidates' CVs?",
            "What qualifications should we look for?",
        ),
        ("For screening purposes, what is Arize?", "what is Arize?"),
        ("what do the big firms pay, out of interest?", "what do the big firms pay?"),
    ],
)
def test_why_and_where_the_asker_uses_it_is_not_searched_for(question: str, searched: str) -> None:
    from assistant.question import read

    assert read(question).searched == searched


def test_the_source_of_a_figure_is_the_line_that_states_it_with_its_citation() -> None:
    from assistant.question import read
    from assistant.sources import cited

    pay = Unit(text="Nurses earn $60,000-$90,000 a year (BLS, 2024)", kind="sentence", position=0)
    fee = Unit(text="The NCLEX costs $200", kind="sentence", position=1)
    wages = Unit(text="Nursing wage data", kind="item", position=0)
    jobs = Unit(text="Hospital staffing survey", kind="item", position=1)
    guide = [
        Section("pay", ("Pay",), f"{pay.text}\n{fee.text}", "g.md", 0, (pay, fee)),
        Section("src", ("Sources",), f"{wages.text}\n{jobs.text}", "g.md", 1, (wages, jobs)),
    ]
    # the figure's line with its citation, then the guide's sources of pay
    found = cited(read("where does the salary data come from?"), "", guide)
    assert [e.unit for e in found] == [pay, wages]
    assert cited(read("And where's that number from?"), "About $60,000 to $90,000.", guide)
    assert cited(read("where does that $90k number even come from lol"), "", guide)[0].unit is pay
    # of nothing in particular: the guide's whole list of sources
    found = cited(read("Where does the guide get its numbers?"), "", guide)
    assert [e.unit for e in found] == [wages, jobs]
    assert not cited(read("where do the exam prices for the NCLEX come from?"), "", guide)
    assert not cited(read("What sources does the guide list?"), "", guide)  # no figure asked
    assert not cited(read("Where do most nurses come from?"), "", guide)
    # a word the guide never uses tells no figure apart ("which *site*"), and pay cut short
    # is pay ("the *comp* figures")
    found = cited(read("Where does the pay data come from? Like which site?"), "", guide)
    assert [e.unit for e in found] == [pay, wages]
    found = cited(read("source + year for comp figures"), "", guide)
    assert [e.unit for e in found] == [pay, wages]


def test_a_person_named_by_being_hired_is_the_askers_own() -> None:
    from assistant.grounding import askers_own

    assert askers_own("How should I measure whether the hire is succeeding?") == {"hire"}
    assert askers_own("what should a new hire be evaluated on") == {"hire"}
    assert askers_own("What salary range should we budget for an MLOps hire?") == {"hire"}
    assert askers_own("a contractor instead of a full-time hire?") == frozenset()  # qualified
    # whom the asker tells is no one the answer is of
    assert askers_own("how many years should I tell a student it takes?") == {"student"}
    # and whom they quote or offer a figure
    assert askers_own("what salary range should I quote MLOps candidates?") == {"candidates"}
    assert askers_own("what should I be offering a candidate?") == {"candidate"}
    assert askers_own("what's the average time-to-hire?") == frozenset()  # no person
    assert askers_own("will we hire soon?") == frozenset()  # a verb
    # anyone at all is whoever it is: "how long would it take *somebody*?" asks of no one
    assert askers_own("how long would it take somebody to get there") == {"somebody"}
    # the asker and their kind: "like us nurses" likens the role to the asker's own work
    assert askers_own("do they get paged at night like us nurses lol") == {"nurses"}
    assert askers_own("is it like for us teachers, summers off?") == {"teachers"}


def test_a_time_of_day_is_no_name() -> None:
    assert names_in("do they page you at 3am or what") == []
    assert names_in("on call at 2:30am, or 11PM?") == []
    assert names_in("Is the DP-100 exam hard?") == ["DP-100"]  # a word with digits still is


def test_a_word_first_meaning_a_person_is_one_as_its_phrases_head() -> None:
    from assistant.lexicon import is_person

    assert not is_person("graduate")  # "a graduate student": an adjective too
    assert is_person("graduate", head=True)  # "a brand new graduate"
    assert not is_person("salary", head=True)


def test_a_noun_spelt_as_a_verb_opening_the_guides_steps_is_another_word(
    assistant: Assistant,
) -> None:
    from assistant.lexicon import opening_verbs

    steps = ["Learn Docker and Kubernetes", "Master CI/CD pipelines", "Work with platform teams"]
    names = ["AWS Machine Learning Specialty", "Google Professional ML Engineer", "Azure AI"]
    lines = [*steps, *names, "Teams work on Azure ML and Kubernetes"]
    # a list of steps opens with verbs; "Azure" is a verb too in WordNet, but also a name
    # inside a line, and "Work" is written inside one
    assert opening_verbs([steps, names], lines) == {"learn", "master"}

    vocabulary = assistant.retriever.vocabulary
    assert vocabulary.nouns_of_verbs("Is a master's degree worth it?") == ["master's"]
    assert vocabulary.nouns_of_verbs("do i need a masters for this") == ["masters"]
    assert vocabulary.nouns_of_verbs("which CI/CD tools should I master?") == []
    assert vocabulary.nouns_of_verbs("Complete Bachelor's in CS") == []  # the guide's own
    answer = assistant.ask("Is a master's degree worth it for getting into MLOps?")
    assert answer.refused and "master's" in answer.text.split(".")[0]
    assert answer.diagnostics.reason == "unknown_name"
    kept = assistant.ask("which ci/cd tools should i master")
    assert not kept.refused and "Master CI/CD pipelines" in kept.text


def test_initials_around_an_ampersand_are_the_name_they_spell(assistant: Assistant) -> None:
    from assistant.names import ampersand_initials

    lines = ["Weights & Biases: Experiment tracking", "Rhythm & Rhyme", "Rock & Roll", "R & d"]
    assert ampersand_initials(lines) == {"w&b": "Weights & Biases"}  # "r&r": which of two?
    vocabulary = assistant.retriever.vocabulary
    assert vocabulary.spell_out("mlflow vs w&b?") == "mlflow vs Weights & Biases?"
    assert vocabulary.spell_out("R&D budget") == "R&D budget"  # no "are&D": no chat form
    answer = assistant.ask("w&b for what")
    assert not answer.refused and "Weights & Biases: Experiment tracking" in answer.text
    both = assistant.ask("MLflow vs W&B - what does the guide say each one is for?")
    assert not both.refused and "Weights & Biases:" in both.text and "MLflow:" in both.text
    priced = assistant.ask("mlflow vs w&b pricing")  # the guide prices neither
    assert priced.refused


def test_a_word_that_praises_or_faults_is_evaluative_but_a_price_is_not() -> None:
    for word in ("cool", "great", "wrong", "brilliant"):
        assert is_evaluative(word), word
    for word in ("free", "cheap", "remote", "online", "clinical", "models"):
        assert not is_evaluative(word), word


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the asker's judgement of the thing asked about, not a property to find stated
        ("Should my portfolio be about brilliant model architectures?", True),
        ("should my portfolio be about building cool models?", True),
        # a fact about the thing is still one the guide must state
        ("Is the HashiCorp Terraform Associate exam taken with a remote proctor?", False),
        ("Does Weights & Biases have a free plan?", False),
    ],
)
def test_a_judgement_put_on_the_thing_asked_about_is_the_askers(
    assistant: Assistant, question: str, answered: bool
) -> None:
    answer = assistant.ask(question)
    assert answer.refused is not answered, answer.text
    if answered:
        assert "not model building" in answer.text


@pytest.mark.slow
def test_what_a_yes_no_ask_is_set_against_needs_no_cover(assistant: Assistant) -> None:
    """ "…, or is it just resume padding?" offers the other answer; the guide need not speak
    of padding for the first to be answered."""
    answer = assistant.ask("Is the Terraform Associate worth it for MLOps, or is it just padding?")
    assert not answer.refused, answer.text
    assert "HashiCorp Terraform Associate ($70)" in answer.text
    assert answer.diagnostics is not None
    assert answer.diagnostics.least_covered_word != "padding"


def test_a_pay_ask_is_matched_against_lines_without_their_money_words() -> None:
    line = "MLOps Engineers earn $120,000-$185,000 with top compensation at FAANG"
    assert "compensation" not in without_money("does the salary include equity?", [line])[0]
    assert without_money("does the CKA expire?", [line]) == [line]


@pytest.mark.slow
def test_what_pay_includes_is_no_property_the_pay_lines_state(assistant: Assistant) -> None:
    """ "equity" and "bonuses" are near "compensation" because both are money; the salary
    line says nothing of them (the property check refuses it, or, where "bonuses" comes near
    enough to a quoted word, the check of what pay includes: unstated.py)."""
    answer = assistant.ask("Do the salary figures include equity and bonuses?")
    assert answer.refused and answer.diagnostics is not None, answer.text
    assert answer.diagnostics.reason in ("unstated_property", "no_pay_part"), answer.text


def test_a_word_that_only_begins_like_a_guide_word_is_not_its_form(assistant: Assistant) -> None:
    """ "intern" is no form of "interview": what an intern earns is not what the guide states."""
    answer = assistant.ask("How much does an MLOps intern make?")
    assert answer.refused, answer.text


@pytest.mark.parametrize(
    ("name", "text", "guess"),
    [
        ("leetcode", "what coding should i expect? like leetcode style or something else?", True),
        ("Epic", "Charting - is it Epic, or what?", True),
        ("leetcode", "is it leetcode or nah", True),
        ("leetcode", "do i need leetcode hards for the interview", False),  # asked about
        ("QA", "anything about QA testers? is there a path for ppl like me or nah", False),
        ("Brazil", "There is discount for Brazil or other countries?", False),  # no guess
    ],
)
def test_a_name_offered_with_an_open_alternative_is_a_guess(
    name: str, text: str, guess: bool
) -> None:
    from assistant.grounding import guessed

    assert guessed(name, text) is guess


def test_a_name_of_the_guide_typed_apart_is_that_name(assistant: Assistant) -> None:
    """ "ml ops", "dev-ops", "git hub": the guide's names typed as two words read as the name, so
    the role is the guide's, not "ml" and an unknown "ops"."""
    vocabulary = assistant.retriever.vocabulary
    assert vocabulary.spell_out("is ml ops worth it vs dev-ops?") == "is mlops worth it vs devops?"
    assert vocabulary.spell_out("git hub actions") == "github actions"
    assert vocabulary.spell_out("on call at night") == "on call at night"  # no name
    answer = assistant.ask("is it better to do ml ops or be a data scientist, which one pays more")
    assert answer.refused, answer.text


def test_a_plain_adverb_is_one_not_made_of_an_adjective() -> None:
    assert is_plain_adverb("already") and is_plain_adverb("someday")
    # made of an adjective, it keeps its meaning ("work remotely"); a noun is no adverb
    assert not is_plain_adverb("remotely") and not is_plain_adverb("realistically")
    assert not is_plain_adverb("overtime")


@pytest.mark.slow
def test_a_plain_adverb_names_nothing_the_guide_must_cover(assistant: Assistant) -> None:
    answer = assistant.ask(
        "What technical skills should I put on my CV to apply for MLOps someday?"
    )
    assert not answer.refused, answer.text
    assert_grounded(answer)


def test_a_name_given_as_an_example_of_a_kind_is_not_asked_about() -> None:
    assert (
        not_examples(("Google",), "Can my kid make more at big tech companies like Google?") == ()
    )
    assert not_examples(("Google",), "whats the most u can earn, like at google n that") == ()
    # what it is like there asks of the place itself
    assert not_examples(("Google",), "What's the interview process like at Google?") == ("Google",)
    assert without_examples("the big yins like Google pay?") == "the big yins pay?"
    # several examples, but no word after them that is no name
    many = "big companies, like Google or Facebook?"
    assert not_examples(("Google", "Facebook"), many) == ()
    assert without_examples("firms like Google and what they pay") == "firms and what they pay"


@pytest.mark.slow
def test_an_ask_of_a_kind_by_its_example_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Can my kid make more at big tech companies like Google?")
    assert not answer.refused and "FAANG" in answer.text, answer.text
    assert assistant.ask("What's the interview process like at Google, how many rounds?").refused


@pytest.mark.parametrize(
    "text",
    [
        "My grandson Eli says the pay varies. What does it hinge on? Is Eli right?",
        "My 19-year-old son, Tomas, wants MLOps. Does Tomas need a degree?",
        "We just had tape and a man named Derek.",
    ],
)
def test_a_person_the_asker_names_is_no_name_asked_about(text: str) -> None:
    assert not_people(names_in(text), text) == ()


def test_a_name_given_no_person_is_still_asked_about() -> None:
    text = "A friend named Raj works at Acme on a tool called Kueue with my team's AWS account."
    assert not_people(names_in(text), text) == ("Acme", "Kueue", "AWS")


@pytest.mark.slow
def test_an_ask_about_the_askers_named_person_is_answered(assistant: Assistant) -> None:
    question = "My son Tomás wants to be an MLOps engineer. Does Tomás need a degree?"
    assert_answered_with(assistant, question, "Complete Bachelor's in CS or related field")
    # named in an earlier turn
    turns = exchange("My son Eli is 19 and likes computers.", "The guide does not say.")
    answer = assistant.ask("Does Eli need a degree for MLOps?", turns)
    assert not answer.refused and "degree programs" in answer.text, answer.text
    assert assistant.ask("Does Eli need a degree for MLOps?").refused  # who Eli is: unsaid


@pytest.mark.slow
def test_a_certification_named_with_a_clipped_word_is_answered(assistant: Assistant) -> None:
    question = "Quick check on the AWS Solutions Architect Pro price they quote."
    assert_answered_with(assistant, question, "AWS Solutions Architect Professional ($300)")
    assert assistant.ask("How much is the Google Cloud Pro certification?").refused


@pytest.mark.slow
def test_an_ask_in_chat_abbreviations_is_answered(assistant: Assistant) -> None:
    question = "how big do they make the system design Qs? like what numbers"
    assert_answered_with(assistant, question, "Design a model training pipeline that handles 100TB")


@pytest.mark.slow
def test_a_size_is_answered_only_where_the_guide_states_a_figure(assistant: Assistant) -> None:
    answer = assistant.ask("How big is a typical ML platform team?")
    assert answer.refused and answer.diagnostics and answer.diagnostics.reason == "no_size"
    question = "How big are the data volumes in the system design questions?"
    assert_answered_with(assistant, question, "handles 100TB of data")


@pytest.mark.slow
def test_an_ask_put_for_someone_or_for_a_purpose_is_answered(assistant: Assistant) -> None:
    assert_answered_with(
        assistant, "For screening purposes, what is Arize?", "Arize: ML observability"
    )
    # the papers a hire is made on, with whose they are
    contractor = (
        "Which certs should I look for on a contractor's CV to know they're solid on infra?"
    )
    assert_answered_with(assistant, contractor, "Certified Kubernetes Administrator (CKA)")
    question = "Explain MLOps to me like I'm a Leaving Cert student who has stopped listening."
    answer = assistant.ask(question)
    assert not answer.refused and "Leaving Cert" not in answer.text, answer.text


@pytest.mark.slow
def test_a_short_ask_with_a_laugh_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("wait whats mlops even mean lol")  # was below the relevance bar
    assert not answer.refused and "pipelines" in answer.text, answer.text
    assert_grounded(answer)


def test_a_fragment_naming_the_guides_things_is_the_asks_topic() -> None:
    """A tool WordNet also knows as a person (a docker is a dock worker, Prometheus a Titan) is
    the guide's thing, not a description of the asker, when the guide names it."""
    things = {"docker", "prometheus", "grafana", "prefect"}
    assert split_ask("prometheus n grafana - what they for in mlops land", things=things) == (
        "prometheus n grafana - what they for in mlops land",
        "",
    )
    assert split_ask("docker - why, specifically, for ML", things=things)[1] == ""
    # without the guide's names the word reads as a person, as before
    assert split_ask("docker - why, for ML") == ("why, for ML", "docker")
    # a person stays the asker's context
    assert split_ask("support engineer at a bank - what do I learn first?", things=things) == (
        "what do I learn first?",
        "support engineer at a bank",
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("prometheus n grafana - what they for in mlops land", "Infrastructure and model metrics"),
        ("airflow / prefect / dagster — what do mlops ppl even use those for", "Workflow orch"),
        ("docker - why, specifically, for ML", "Containerization for reproducible ML"),
    ],
)
def test_a_tool_named_before_the_ask_is_what_it_asks_about(
    assistant: Assistant, question: str, fact: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_word_for_a_person_by_no_more_than_being_one() -> None:
    assert [anyone(w) for w in ("guy", "bloke", "persons", "lady", "guys")] == (
        ["one", "one", "many", "one", "many"]
    )
    # a kind of person, people in general, an adjective, a group: none
    assert not any(anyone(w) for w in ("nurse", "candidate", "people", "free", "crowd", "kid"))
