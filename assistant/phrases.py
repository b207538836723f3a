"""User-facing phrases and prompts, as named constants that tests and the evaluation refer to."""

from __future__ import annotations

#: Said when the guide does not cover a question; the nearest sections follow it.
NOT_COVERED = "The guide does not cover this."
NOT_MENTIONED = "The guide does not mention {names}."
NOT_STATED = "The guide does not state this."
NOT_STATED_FOR = "The guide does not state this for {names}."
NOT_OF_KIND = "The guide names no {kind} under “{listing}”."
NO_NAMES_OF = "The guide names no {kind}."
NOT_A_QUESTION = (
    "The guide does not cover this: I answer questions about the MLOps Engineer career guide."
)
#: Said to a question written in another language, which is not read.
OTHER_LANGUAGE = (
    "I can only read questions in English, the language of the guide: please ask in English."
)
UNDEFINED = "The guide names this but does not say what it is."
ASKED_NOT_ANSWERED = "The guide lists this as an interview question but does not answer it."
NEAREST_SECTIONS = "The nearest sections of the guide are: {sections}."
#: Labels of answers computed over the guide's items.
COUNT_LABEL = "{count} in all:"
CHEAPEST = "Cheapest:"
DEAREST = "Most expensive:"
BELOW = "Under ${amount}:"
ABOVE = "Over ${amount}:"
#: After a refusal: what the guide does say nearest, each line cited.
NEAREST_SAID = "What it says nearest:"
#: A caveat: what the asker said of themself that the guide does not address.
NOT_ADDRESSED = "The guide does not mention {names}; here is what it says."

EMPTY_QUESTION = "Please type a question about the MLOps Engineer career guide."
QUESTION_TOO_LONG = (
    "Your question is {length} characters long; please shorten it to at most {limit}."
)
BAD_CHARACTERS = (
    "Your question contains control characters or undecodable bytes; "
    "please retype it as plain text."
)
BAD_HISTORY = (
    "The conversation history is malformed: {reason}; send a list of "
    '{{"role": "user"|"assistant", "content": text}} items.'
)
HISTORY_TOO_LONG = "The conversation history is too long ({detail}); start a new conversation."
MISSING_CORPUS = "No guide found in {path}; put the guide's .md or .txt file there (see README)."
CHROMA_UNREACHABLE = (
    "The Chroma server at {url} did not answer ({reason}); start it with `chroma run` or unset "
    "ASSISTANT_CHROMA_URL to use the local index."
)
OS_ERROR = (
    "{error}; check the folders set by ASSISTANT_INDEX_DIR, ASSISTANT_DATA_DIR and "
    "ASSISTANT_CORPUS_DIR."
)
INDEX_BROKEN = "The index in {path} could not be read ({reason}); run `assistant ingest --rebuild`."

# --- chat page, widget and HTTP API -------------------------------------------------------------
APP_TITLE = "MLOps Engineer career guide assistant"
APP_DESCRIPTION = (
    "Ask about becoming and working as an MLOps Engineer. Every answer quotes the guide; "
    "open a citation [n] to see the section and the exact words."
)
CHAT_PLACEHOLDER = "Ask a question about the MLOps Engineer career guide"
COVERAGE_QUESTION = "What does the guide cover?"
CONTENTS_INTRO = "The guide covers:"
EXAMPLE_QUESTIONS = (
    "What skills does an MLOps engineer need?",
    "What cloud ML certifications are there?",
    "Which tools are used for model serving?",
    COVERAGE_QUESTION,
)
FEEDBACK_COMMENT_SAVED = "Comment saved. Thank you!"
LOADING = "The assistant is still loading the guide's index; retry in a few seconds."
LOAD_FAILED = "The assistant could not start: {reason}"
BAD_JSON = "The request body is not valid JSON ({reason}); send a JSON object."
BAD_FIELD = "Field `{field}`: {message}."
BODY_TOO_LARGE = (
    "The request body is larger than {limit} bytes; send a shorter question or history."
)
ORIGIN_NOT_ALLOWED = (
    "The origin {origin} may not use this API; the operator can add it to "
    "ASSISTANT_ALLOWED_ORIGINS."
)
HOST_NOT_ALLOWED = (
    "This server does not answer to the host {host!r}; the operator can add it to "
    "ASSISTANT_ALLOWED_HOSTS."
)
PAGE_REQUEST_FAILED = "The chat page could not process this request; reload the page and ask again."
UPLOADS_OFF = "Uploads are not accepted: the chat page needs none."
RATE_LIMITED = "Too many requests from your address; please wait {seconds} s before asking again."
INTERNAL_ERROR = "Something went wrong on the server while answering; please try again."
BODY_UNREADABLE = (
    "The request body could not be parsed (not UTF-8 text, or nested too deeply); send a "
    "JSON object encoded as UTF-8."
)
NOT_AN_OBJECT = (
    "The request body must be a JSON object, sent with the header Content-Type: application/json."
)

# --- generative backends (llamacpp, openai) ------------------------------------------------------
#: The instructions; the exact "cannot answer" phrase is NOT_COVERED.
LLM_SYSTEM_PROMPT = (
    "Answer the question from the numbered sources of the MLOps Engineer career guide. "
    "Write a few short sentences and end each one with the number of the source it comes from, "
    "like [1]. Use only the sources, no other knowledge. If the sources do not answer the "
    "question, write only: " + NOT_COVERED
)
#: The sources are "[n] quote" lines, one per selected guide sentence or list item.
LLM_USER_PROMPT = "Sources:\n{sources}\n\nQuestion: {question}"
#: For a local base model without a chat template: the same text as a completion prompt.
LLM_COMPLETION_PROMPT = "{system}\n\n{user}\n{cue}"
LLM_ANSWER_CUE = "Answer:"
LLM_SOURCE_LINE = "[{n}] {quote}"
#: Where a completion-style draft ends (the model starts another question).
LLM_STOP = ("\nQuestion:", "\nSources:", "\n\n\n")
#: Rewriting a follow-up as a standalone question, tried only within the rewrite budget
#: (settings.generation.llm_rewrite_budget_s).
LLM_REWRITE_SYSTEM = (
    "Rewrite the last question of this conversation about the MLOps Engineer career guide as "
    "one standalone question: replace words such as 'it', 'that' or 'the first one' with what "
    "they refer to. Write only the question, on one line."
)
LLM_REWRITE_USER = "Conversation:\n{history}\n\nLast question: {question}"
LLM_REWRITE_TURN = "{role}: {content}"
LLM_REWRITE_CUE = "Standalone question:"

LLM_EXTRA_MISSING = (
    "The {backend} backend needs the optional llm extra; install it with "
    "`pip install -e '.[llm]'`. Showing the guide's own sentences."
)
LLM_SERVER_DOWN = (
    "The model server at {url} did not answer ({reason}); showing the guide's own sentences."
)
LLM_MODEL_FAILED = "The model could not answer ({reason}); showing the guide's own sentences."
LLM_TIMED_OUT = (
    "The model took longer than {seconds:g} s; showing what of its draft the guide supports."
)
LLM_NOTHING_SUPPORTED = (
    "No sentence of the model's draft was supported by its cited source; showing the guide's "
    "own sentences."
)
LLM_SOME_REMOVED = "{count} unsupported sentence(s) of the model's draft were removed."


def _joined(names: list[str]) -> str:
    first: dict[str, str] = {}  # "Ansible" and "ansible": once, as first typed
    for name in names:
        first.setdefault(name.lower(), name)
    quoted = [f"“{name}”" for name in first.values()]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def not_mentioned(names: list[str]) -> str:
    """'The guide does not mention “Germany” or “Netflix”.'"""
    return NOT_MENTIONED.format(names=_joined(names))


def not_of_kind(kind: str, listing: str) -> str:
    """'The guide names no companies under “Top Employers for MLOps Engineers”.'"""
    if not listing:  # 'The guide names no universities.'
        return NO_NAMES_OF.format(kind=kind)
    return NOT_OF_KIND.format(kind=kind, listing=listing)


def not_stated_for(names: list[str]) -> str:
    """'The guide does not state this for “Texas”.'"""
    return NOT_STATED_FOR.format(names=_joined(names))


def not_addressed(names: list[str]) -> str:
    """'The guide does not mention “Java”; here is what it says.'"""
    return NOT_ADDRESSED.format(names=_joined(names))
