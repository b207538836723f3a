"""The things a text names, as typed: acronyms, product names, capitalised phrases and words
with digits ("CKAD", "KServe", "AWS DevOps Engineer Professional", "DP-100", "Netflix"). Takes
a question's text; gives the names, each later grounded in the guide's own terms
(assistant/items.py). Nothing here knows the guide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from assistant.asking import SENTENCES
from assistant.dictionary import is_english
from assistant.lexicon import is_person, is_superlative

#: A word-like token as typed: "CKAD", "DP-100", "Levels.fyi", "KServe", "Weights", "C#".
_WORD = re.compile(r"\.?[A-Za-z0-9][A-Za-z0-9.+/-]*[A-Za-z0-9+#]|[A-Za-z]#?")
#: A name written with a symbol: "C++", "C#", "F#", ".NET".
_SYMBOL_NAME = re.compile(r"[A-Za-z]{1,3}(\+\+|#)|\.[A-Za-z]{2,}")
_WH_WORDS = (
    "what whats what's which who whom whose when where why how is are was were do does did can "
    "could should would will shall may might must i i'm im i've ive the a an and or of to in on "
    "for with by at as my me it its if so please hi hello hey ok okay"
)
_WH = frozenset(_WH_WORDS.split())


_ORDINAL_NUMBER = re.compile(r"\d+(st|nd|rd|th)")
_YEAR = re.compile(r"(19|20)\d\d")
#: A number joined to the words it measures: "17-year-old", "12-week", "45-minute".
_MEASURE = re.compile(r"\d+(-[a-z]+)+")
#: A time of day: "3am", "11pm", "2:30am".
_CLOCK = re.compile(r"\d{1,2}(?::\d\d)?(?:am|pm)")


def names_in(text: str) -> list[str]:
    """Acronyms, product names, capitalised phrases and words with digits, as typed.

    A run of such words is one name ("AWS DevOps Engineer Professional"). A capitalised word
    counts only where capitals are not just the start of a sentence or a title-cased line.
    """
    out: list[str] = []
    for sentence in SENTENCES.split(text):
        words = list(_WORD.finditer(sentence))
        plain = [w.group(0) for w in words if w.group(0).isalpha()]
        # A title-cased line capitalises its small words too ("How Much Does The CKA Cost");
        # a sentence naming a long title does not ("How much does the AWS Certified … cost").
        small = [w for w in plain[1:] if w.lower() in _WH]
        capitals = small if len(small) >= 2 else plain
        titled = sum(1 for w in capitals if w[:1].isupper()) > 0.6 * max(len(capitals), 1)
        # nor a line with a word of its own in lower case ("Is Kueue *covered*?" names Kueue)
        titled = titled and not any(w.islower() and w not in _WH and len(w) > 3 for w in plain)
        run: list[str] = []
        for i, m in enumerate(words):
            word = m.group(0)
            if run and sentence[words[i - 1].end() : m.start()].strip(" -–—"):
                out.append(" ".join(run))  # "(Ansible, Jenkins, AWS)": a comma ends a name
                run = []
            if _is_name_word(word, first=(i == 0), titled=titled) or _lone_capital(m, i, sentence):
                run.append(word)
                continue
            if run:
                out.append(" ".join(run))
                run = []
        if run:
            out.append(" ".join(run))
    return out


def _lone_capital(m: re.Match[str], i: int, sentence: str) -> bool:
    """A lone capital mid-sentence names ("can I work in *R* instead of Python?"), but for "I",
    a letter of an abbreviation ("R&D", "P&C", "L&D") and a placeholder ("design X", "Y")."""
    word, around = m.group(0), sentence[max(m.start() - 1, 0) : m.end() + 1]
    return len(word) == 1 and "B" <= word <= "W" and word != "I" and i > 0 and "&" not in around


def _is_name_word(word: str, first: bool, titled: bool) -> bool:
    low = word.lower()
    if _SYMBOL_NAME.fullmatch(word):
        return True
    if low in _WH or low.startswith("mlops") or len(word) < 2:
        return False  # a lone letter is no name (nor what is left of "K̸̢" or "&lt;")
    if _ORDINAL_NUMBER.fullmatch(low):
        return False  # "2nd", "3rd": a place in a list, not a name
    if _MEASURE.fullmatch(word) or _CLOCK.fullmatch(low):
        return False  # "17-year-old", "3am": a quantity or a time of day, not a name
    if _YEAR.fullmatch(word):
        return True  # "2023": a year the guide may not speak of
    if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
        return True  # "DP-100", "S3", "1M"
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return True  # "CKAD", "AWS"
    if any(c.isupper() for c in word[1:]) and any(c.islower() for c in word):
        return True  # "KServe", "MLflow", "PyTorch"
    return word[:1].isupper() and not first and not titled and not is_superlative(word)


def written_as_names(texts: Iterable[str]) -> set[str]:
    """The words a text always writes with a capital ("Tecton", "CKA", "Kubernetes"), as
    written (an acronym in capitals): the names a question may type in lower case."""
    forms: dict[str, set[str]] = {}
    for text in texts:
        for word in re.findall(r"[A-Za-z][A-Za-z0-9]+", text):
            forms.setdefault(word.lower(), set()).add(word)
    return {
        min(written)
        for written in forms.values()
        if all(w[0].isupper() for w in written) and len(written) == 1
    }


def ampersand_initials(texts: Iterable[str]) -> dict[str, str]:
    """The names a text joins with "&", by the initials they are written as: "w&b" for
    "Weights & Biases" (as R&D is research and development); lower-cased initials."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for m in _AMPERSAND_NAME.finditer(text):
            found.setdefault(f"{m.group(1)[0]}&{m.group(2)[0]}".lower(), set()).add(m.group(0))
    return {short: names.pop() for short, names in found.items() if len(names) == 1}


#: Two capitalised words joined by "&": "Weights & Biases", "Infrastructure & Orchestration".
_AMPERSAND_NAME = re.compile(r"\b([A-Z][A-Za-z]+) & ([A-Z][A-Za-z]+)\b")


#: An ask whether the guide names a thing, and no more: "kserve mentioned?", "is ray covered
#: anywhere?", "kafka for streaming — listed?", "snowflake on the tool list?", "spark is in the
#: guide?", "does it mention slurm at all?", "any mention of edge deployment?" (a thing of at
#: most three words, and what it is for).
_MENTION = re.compile(
    r"^\W*(?:(?:is|are)\s+)?(?:there\s+)?(?:any\s+)?(?!(?:which|what|who|how|it|this|that|they)\b)"
    r"(?P<a>\w[\w.+&-]*(?:\s+\w[\w.+&-]*){0,2}?)(?:\s+for\s+\w+(?:\s+\w+){0,2}?)?"
    r"\s*(?:[-–—:]\s*)?(?:(?:is|are)\s+)?"
    r"(?:mentioned|covered|listed|named|included|in\s+(?:the\s+guide|there)"
    r"|on\s+(?:the|their|its|that|your)\s+(?:\w+\s+){0,2}list)"
    r"(?:\s+(?:anywhere|at\s+all|in\s+(?:the\s+guide|it|there)))?\W*$"
    r"|^\W*(?:does|do)\s+(?:it|the\s+guide|they)\s+(?:mention|cover|list|name)"
    r"\s+(?P<b>\w[\w.+&-]*(?:\s+\w[\w.+&-]*){0,2}?)(?:\s+(?:anywhere|at\s+all))?\W*$"
    r"|^\W*any\s+mention\s+of\s+(?P<c>\w[\w.+&-]*(?:\s+\w[\w.+&-]*){0,2}?)\W*$",
    re.IGNORECASE,
)


#: Most texts whose mention asks are remembered (a bound on the memo's memory).
MENTION_MEMO = 1024


@functools.lru_cache(maxsize=MENTION_MEMO)
def mentioned(text: str) -> frozenset[str]:
    """The words, lower-cased, of what the text asks whether the guide names (`_MENTION`),
    typed in any case: "ray" and "serve" in "is ray serve covered anywhere?"."""
    found = (_MENTION.search(s) for s in SENTENCES.split(text))
    things = (m.group("a") or m.group("b") or m.group("c") for m in found if m)
    words = {w.lower() for thing in things for w in re.findall(r"[\w+&-]+", unselected(thing))}
    # a plural names a kind of thing, asked which are named ("feature store *options* listed")
    return frozenset(
        w for w in words if not (w.endswith("s") and is_english(w) and is_english(w[:-1]))
    )


#: A word grading what a thing names: "*cheapest* cert", "the *most expensive* one".
_GRADED = re.compile(r"\b(?:most|least)\s+\w+|\w+", re.IGNORECASE)


def unselected(thing: str) -> str:
    """`thing` without the words that select among what it names ("cheapest cert" is a cert,
    "the most expensive one" is one): a superlative, or "most"/"least" and the word it grades."""
    return _GRADED.sub(
        lambda m: "" if " " in m.group(0) or is_superlative(m.group(0)) else m.group(0), thing
    )


def typed_names(text: str, names: frozenset[str], read: tuple[str, ...]) -> tuple[str, ...]:
    """The names `read` in `text`, and each of `names` (lower-cased words a writer always
    capitalises: the guide's) that opens one of its sentences, where a capital names nothing
    ("Tecton licence cost?"), when no dictionary holds it (no "Feast your eyes …")."""
    first = (_WORD.match(s.strip()) for s in SENTENCES.split(text))
    typed = [
        m.group(0)
        for m in first
        if m and m.group(0).lower() in names and not is_english(m.group(0).lower())
    ]
    return read + tuple(n for n in dict.fromkeys(typed) if n not in read)


#: A name given as an example of a kind the ask is about: "big tech companies *like Google*",
#: "the big yins like Google", ", like at google n that"; not "what's the interview process
#: like at Google" (what it is like there: no plural, no mark before "like"). Several may be
#: given ("like Google or Meta", "like Google, Meta and Netflix").
_EXAMPLE = re.compile(
    r"(?P<kind>\b\w+[^s\W]s\b|[,(]|\bat)\s+(?:like|such\s+as)\s+(?:at\s+)?"
    r"(?P<name>[\w&.-]+(?:(?:\s*[,/&]\s*|\s+(?:or|and|n)\s+)(?-i:[A-Z])[\w&.-]*)*)",
    re.IGNORECASE,
)


def not_examples(names: Iterable[str], ask: str) -> tuple[str, ...]:
    """The `names` but those the ask gives as examples of a kind it asks about, or that hold
    one ("Google Professional Machine Learning Engineer" for "companies like Google")."""
    shown = {w.lower() for m in _EXAMPLE.finditer(ask) for w in re.findall(r"[\w&.-]+", m["name"])}
    return tuple(n for n in names if not shown & set(n.lower().split()))


def without_examples(ask: str) -> str:
    """The ask without the examples it gives ("big tech companies like Google": "big tech
    companies"), which it does not ask about."""
    return _EXAMPLE.sub(lambda m: m.group("kind"), ask)


#: A person of the asker's and the name given them: "my grandson Eli", "my 19-year-old son,
#: Tomas,", "a friend named Raj Patel".
_PERSON_NAMED = re.compile(
    r"\b(?:(?i:my|our|his|her|their)\s+(?:[\w-]+\s+)?(?P<who>[a-z]+),?"
    r"|(?P<kind>[a-z]+)\s+(?:named|called))\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
)


def not_people(names: Iterable[str], text: str) -> tuple[str, ...]:
    """The `names` but those `text` gives people ("my son Eli", then "Does Eli need a degree?"):
    the asker's people are nothing the guide is asked about."""
    given: set[str] = set()
    for m in _PERSON_NAMED.finditer(text):
        if is_person(m.group("who") or m.group("kind")):
            given |= set(m.group("name").split())
    return tuple(n for n in names if not set(n.removesuffix("'s").split()) <= given)


__all__ = [
    "ampersand_initials",
    "mentioned",
    "names_in",
    "not_examples",
    "not_people",
    "typed_names",
    "without_examples",
    "written_as_names",
]
