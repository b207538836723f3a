"""The refusal checks that need no threshold, on their own: job titles, the things a question
names (spaCy), and spelling correction that leaves real words alone."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import assert_refused_for

from assistant import Assistant
from assistant.dictionary import is_english
from assistant.roles import as_titled, audience, holders, roles, suited
from assistant.scope import jobs_become, other_roles, reader
from assistant.settings import PROJECT_ROOT, Settings
from assistant.tuning import RetrievalSettings
from assistant.vocabulary import Vocabulary, weakest

GUIDE = (PROJECT_ROOT / "corpus" / "mlops-engineer-career-guide.md").read_text()


def test_the_guides_job_titles() -> None:
    assert {"mlops engineer", "ml engineer", "data scientist", "devops engineer"} <= set(
        roles(GUIDE)
    )
    assert "data engineer" not in roles(GUIDE)


def test_a_plain_word_for_a_person_after_a_jobs_field_is_that_job() -> None:
    """ "an MLOps *guy*", "the MLOps *bloke*", "mlops *persons*": the job's holder, by its title;
    not a word for a person of some kind ("nurse"), nor for people in general ("people")."""
    fields = holders(roles(GUIDE))
    assert fields["mlops"] == "engineer" and fields["data"] == "scientist"
    assert as_titled("what does an MLOps bloke actually do", fields) == (
        "what does an MLOps engineer actually do"
    )
    assert as_titled("is it the mlops persons job to fix it", fields) == (
        "is it the mlops engineers job to fix it"
    )
    assert as_titled("im a devops guy, is mlops for me?", fields) == (
        "im a devops engineer, is mlops for me?"
    )
    for kept in ("is it good for a devops nurse", "do MLOps people care", "is evidently ai free"):
        assert as_titled(kept, fields) == kept


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("righto what does an MLOps bloke actually do", "builds and maintains the infrastructure"),
        ("when something break in production, mlops guy handle it or somebody else?", "paged"),
        ("is it the mlops persons job to deal with it when stuff breaks", "break in production"),
    ],
)
def test_the_job_by_a_plain_word_for_its_holder_is_answered(
    assistant: Assistant, question: str, fact: str
) -> None:
    answer = assistant.ask(question)  # "bloke", "guy": no property, no word the guide lacks
    assert not answer.refused and fact in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("How do I become a data engineer?", ["data engineer"]),
        ("What certifications should a cloud architect get?", ["cloud architect"]),
        ("And what about data engineers?", ["data engineers"]),
        # Jobs the guide names, grades of a job, and questions about moving to MLOps pass.
        ("Do data scientists push back on productionization?", []),
        ("What does a senior engineer earn?", []),
        ("How do I move from backend developer to MLOps?", []),
        ("What does a machine learning operations engineer do?", []),
        ("How do seasoned engineers handle undefined scope?", []),  # a grade
        ("Who wrote this guide? is he engineer?", []),  # a pronoun
        # whom the asker's work is for: the audience, not a job asked about
        ("What numbers should I highlight to impress hiring managers?", []),
        ("Give me two technical ones so our hiring managers can calibrate", []),
        ("What do hiring managers earn?", ["hiring managers"]),
    ],
)
def test_a_question_about_another_job(question: str, other: list[str]) -> None:
    assert other_roles(question, set(roles(GUIDE))) == other


@pytest.mark.parametrize(
    ("question", "become"),
    [
        ("how to become data scientist instead, what are the steps", ["data scientist"]),
        ("Should I just become a data scientist instead?", ["data scientist"]),
        ("what about ml engineer instead, how do i get there", ["ml engineer"]),
        # the guide's jobs beside the role, and moving from one of them to MLOps, pass
        ("Do data scientists push back on productionization?", []),
        ("I'm a data scientist, how do I become an MLOps engineer?", []),
        ("is it harder than being a devops engineer", []),
    ],
)
def test_the_way_into_a_job_the_guide_names_beside_the_role(
    question: str, become: list[str]
) -> None:
    assert jobs_become(question, set(roles(GUIDE))) == become


@pytest.mark.parametrize(
    ("question", "aimed"),
    [
        ("which numbers I should show to the recruiters?", {"recruiters"}),
        ("what projects should i put on github so recruiters do not ignore me", {"recruiters"}),
        ("which numbers should I show for impress the recruiter?", {"recruiter"}),
        ("which of those impresses recruiters the most?", set()),  # whom a thing impresses
        ("what do recruiters charge to place one?", set()),
    ],
)
def test_whom_the_askers_work_is_shown_to_is_its_audience(question: str, aimed: set[str]) -> None:
    assert aimed <= audience(question)
    assert bool(audience(question)) is bool(aimed)


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What kinda feller does good at this gig?", {"feller"}),
        ("So who's the ideal recruit, then?", {"recruit"}),
        ("what type of candidate do they want", {"candidate"}),
        ("What do hiring managers earn?", set()),  # another job, asked of
        ("Would this job suit a girl like her?", {"girl"}),
        ("Is this the sort of job that suits folk like me?", {"folk"}),
        ("What's the typical headcount of a platform team?", set()),  # no person
    ],
)
def test_the_person_an_ask_asks_the_role_suits(question: str, who: set[str]) -> None:
    assert who <= suited(question)
    assert bool(suited(question)) is bool(who)


def test_real_words_are_not_misspellings_of_similar_guide_words() -> None:
    words = ["inferences", "interviews", "kubernetes", "requirement"]
    vocabulary = Vocabulary(words, np.eye(len(words), dtype=np.float32), RetrievalSettings())
    assert is_english("conferences") and not is_english("kubernets")
    assert vocabulary.closest("conferences") is None  # not "inferences"
    assert vocabulary.closest("retirement") is None  # not "requirement"
    assert vocabulary.closest("interviewers") == "interviews"  # a form of the word
    assert vocabulary.closest("kubernets") == "kubernetes"  # a typo


def test_how_close_and_how_long_a_misspelling_must_be_are_settings() -> None:
    words = ["kubernetes", "mlflow"]
    vectors = np.eye(len(words), dtype=np.float32)
    default = Vocabulary(words, vectors, RetrievalSettings())
    assert default.correct("kubernets and mlflw") == "kubernetes and mlflow"
    assert default.unknown("kubernets mlflw") == []
    strict = Vocabulary(words, vectors, RetrievalSettings(spelling_cutoff=0.95))
    assert strict.correct("kubernets and mlflw") == "kubernets and mlflw"
    assert strict.unknown("kubernets mlflw") == ["mlflw"]  # "kubernets" is read by its stem
    longer = Vocabulary(words, vectors, RetrievalSettings(min_corrected_length=6))
    assert longer.correct("kubernets and mlflw") == "kubernetes and mlflw"
    assert longer.unknown("kubernets mlflw") == ["mlflw"]


def test_the_retriever_reads_misspellings_with_its_settings(tiny_settings: Settings) -> None:
    from fakes import HashEmbedder

    from assistant.core import Assistant

    strict = tiny_settings.updated({"retrieval.spelling_cutoff": 0.95})
    for settings, corrected in [(tiny_settings, "kubernetes"), (strict, "kubernets")]:
        assistant = Assistant(settings, embedder=HashEmbedder()).load()
        assert assistant.retriever.vocabulary.correct("kubernets") == corrected


def test_a_short_word_is_not_read_as_a_typo_of_a_guide_word() -> None:
    words = ["cka", "certification"]
    vocabulary = Vocabulary(words, np.eye(len(words), dtype=np.float32), RetrievalSettings())
    assert vocabulary.unknown("Is the CKAD certification better?") == ["ckad"]  # not "cka"


def test_each_unknown_word_has_its_match_and_the_weakest_is_the_coverage() -> None:
    words = ["certification", "price", "free"]
    vocabulary = Vocabulary(words, np.eye(3, dtype=np.float32), RetrievalSettings())

    def embed(texts: list[str]) -> np.ndarray:  # "expire" leans on "certification"
        rows = {"expire": [0.3, 0.0, 0.0], "remote": [0.0, 0.0, 0.0], "cheap": [0.0, 0.8, 0.2]}
        return np.array([rows[t] for t in texts], dtype=np.float32)

    matches = vocabulary.matches("Is the cheap certification remote or does it expire", embed)
    assert matches == pytest.approx({"cheap": 0.8, "remote": 0.0, "expire": 0.3})
    assert weakest(matches).word == "remote" and weakest(matches).score == 0.0
    assert weakest(matches, ["cheap", "expire"]).word == "expire"
    # Matched only against the words of the evidence: "free" is not in "certification price".
    within = vocabulary.matches("Is it cheap?", embed, within=["the certification"])
    assert within == pytest.approx({"cheap": 0.0})
    assert weakest({}).score == 1.0 and weakest({}).word is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("On-call.", True),
        ("ok the 2nd one, the devops part.", True),
        ("top end comp.", True),
        ("budget is tight.", False),  # a verb: a statement, not a topic
        ("Writing the job ad now.", False),
        ("physics PhD, lots of Fortran.", False),  # no guide word
        # a noun the tagger reads as a verb, closing the phrase after a noun or an article
        ("the devops step.", True),
        ("devops step.", True),
        ("the devops team steps up.", False),  # a verb before more of the phrase
    ],
)
def test_a_phrase_with_no_verb_that_names_a_guide_word_is_a_topic(text: str, topic: bool) -> None:
    words = {"call", "devops", "comp", "budget", "job", "ad"}
    assert reader(Settings().reader_model).names_topic(text, words) is topic


@pytest.mark.slow
def test_the_nouns_and_adjectives_of_a_question() -> None:
    nominal = reader(Settings().reader_model).nominal("Are most MLOps jobs remote or in-office?")
    assert {"jobs", "remote"} <= nominal
    assert "are" not in nominal and "or" not in nominal
    # the tagger takes a sentence-final "remote" for a verb; WordNet knows it only as an adjective
    assert "remote" in reader(Settings().reader_model).nominal("Are most MLOps jobs remote?")


@pytest.mark.slow
def test_the_verb_a_yes_no_question_asks_of_a_named_thing() -> None:
    asked = reader(Settings().reader_model).asked_verbs
    assert asked("does the CKA expire or is it good forever") == {"expire"}
    assert asked("Does Hakia offer its own MLOps course?") == {"offer"}
    # of the guide, of people, of the asker: the asker's frame, not a property
    assert not asked("Does the guide acknowledge technical debt?")
    assert not asked("do they grill you on rollback")
    assert not asked("What does the CKA cost?")  # a wh-question: "cost" is the quantity
    # "it" of a question it opens stands for the thing named before ("does it expire")
    assert asked("does it expire") == {"expire"} and asked("and does it expire?") == {"expire"}
    assert not asked("airflow. where does it fit")  # of what it is for
    assert not asked("Is Kubeflow relevant, and what does it provide?")
    # a state asked with "is"/"has" and a participle
    assert asked("Is the AWS Machine Learning Specialty certification being retired?") == {
        "retired"
    }
    assert not asked("Is the guide based on surveys?")  # of the guide: no named thing
    assert not asked("What is the CKA used for?")  # not opening with it
    # a verb closing its clause after things, of a question its auxiliary opens
    assert asked("do these certifications expire?") == {"expire"}
    assert asked("do they expire or is it once off?") == {"expire"}
    assert not asked("do you think?")  # of the asker
    assert not asked("when do they expire?")  # not opening: "how do they *judge*?" is framing


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("What is the MLOps salary in germany?", ["germany"]),
        ("how much do mlops engineers make in london", ["london"]),
        ("Does Netflix hire MLOps engineers?", []),
        ("list the main responsibilties of an mlops eng pls", []),
    ],
)
def test_the_places_a_question_names_even_in_lower_case(question: str, places: list[str]) -> None:
    assert reader(Settings().reader_model).places(question) == places


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Does Netflix hire MLOps engineers?", ["Netflix"]),
        ("How much is the CKA?", ["CKA"]),
        (
            "How much is the AWS DevOps Engineer Professional cert?",
            ["AWS DevOps Engineer Professional"],
        ),
        ("Is KServe a good choice for model serving?", ["KServe"]),
        ("whats the max pay for mlops at like FAANG companies", ["FAANG"]),
        ("list the main responsibilties of an mlops eng pls", []),
    ],
)
def test_the_names_a_question_types(question: str, names: list[str]) -> None:
    from assistant.question import names_in

    assert names_in(question) == names


def test_a_term_is_a_word_no_dictionary_holds_that_is_no_typo() -> None:
    from assistant.dictionary import is_term

    assert is_term("databricks") and is_term("bootcamp")
    # One letter from an English word: a typo or slang, not a term.
    assert not is_term("actualy") and not is_term("pls") and not is_term("yrs")
    assert not is_term("certification")  # an English word
    # ... but a typo keeps a long word's first letter: one letter from English only there
    assert is_term("kserve") and is_term("karpenter") and is_term("figma")
    assert not is_term("2nd") and not is_term("acually")  # with a digit, or a typo inside


def test_a_typo_or_slang_word_is_no_topic_to_cover() -> None:
    words = ["meetings", "engineers"]
    vocabulary = Vocabulary(words, np.eye(2, dtype=np.float32), RetrievalSettings())

    def embed(texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), 2), dtype=np.float32)  # nothing comes near anything

    matches = vocabulary.matches("what meetings do engineers sit in lol", embed)
    assert "lol" not in matches and "sit" in matches  # slang says nothing; "sit" is English
    assert "bootcamp" in vocabulary.matches("any bootcamp for engineers", embed)  # a term
    # a word for the answer's form says nothing of the topic either
    assert vocabulary.matches("lead time, definition per guide", embed).keys() == {"lead", "time"}


@pytest.mark.slow
def test_the_guides_path_is_not_stated_for_a_job_it_names_beside_the_role(
    assistant: Assistant,
) -> None:
    asked = assistant.ask("how to become data scientist instead, what are the steps")
    assert_refused_for(asked, "unsaid_name")
    assert "data scientist" in asked.text
    assert not assistant.ask("I'm a data scientist, how do I become an MLOps engineer?").refused
