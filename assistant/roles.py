"""Job titles a text names ("data engineer", "cloud architect"): the guide's are kept at load,
and a question about another job is refused (assistant/scope.py). Takes text; gives titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.lexicon import anyone, is_modifier, kind_of_noun
from assistant.text import tokenize
from assistant.vocabulary import FRAME_WORDS, stem

#: Job titles end in one of these words ("data engineer", "cloud architect").
_ROLE = re.compile(
    r"\b([\w/+-]+)\s+(engineer|scientist|architect|researcher|developer|analyst|administrator"
    r"|designer|consultant|specialist|programmer|manager)s?\b",
    re.IGNORECASE,
)
#: Whose, not which job: "*his* manager", "*they* engineers".
_PRONOUNS = frozenset(["he", "she", "they", "i", "you", "we", "it", "his", "her", "their"])
#: Words before a job title that say how senior or good, not which job.
_GRADES = frozenset(
    [
        "senior",
        "junior",
        "lead",
        "principal",
        "staff",
        "chief",
        "head",
        "experienced",
        "seasoned",
        "veteran",
        "skilled",
        "qualified",
        "strong",
        "top",
        "aspiring",
        "new",
        "good",
        "great",
        "successful",
        "typical",
        "average",
        "entry",
        "mid-level",
        "entry-level",
        "remote",
        "freelance",
        "certified",
        "professional",
        "former",
        "future",
        "fellow",
        "young",
        "older",
        "full-time",
        "part-time",
    ]
)


def roles(text: str) -> dict[str, str]:
    """The job titles a text names: {"data engineer": "data engineers" (as written), ...}."""
    found: dict[str, str] = {}
    for m in _ROLE.finditer(text):
        modifier, title = m.group(1).lower(), m.group(2).lower()
        # a grade ("seasoned", only an adjective in WordNet) or a pronoun ("is he engineer?")
        # says how good or who, not which job
        if (
            tokenize(modifier)
            and modifier not in _GRADES | FRAME_WORDS | _PRONOUNS
            and not is_modifier(modifier)
        ):
            found.setdefault(f"{modifier} {title}", m.group(0))
    return found


#: Whom the asker's work is aimed at, not another job asked about: "to *impress hiring
#: managers*", "show to *the recruiters*", "so *our hiring managers* can calibrate", "so
#: *recruiters* dont ignore me".
_AUDIENCE = re.compile(
    r"\bimpress(?:ing)?\s+(?P<a>[^,.;:?!]{1,40}?)(?=\s*(?:[,.;:?!]|$|\b(?:with|by|and|so)\b))"
    r"|\b(?:show|present|send|hand|pitch|brief)\w*\b[^,.;:?!]{0,30}?\bto\s+(?P<b>[^,.;:?!]{1,40})"
    r"|\bso\s+(?:that\s+)?(?P<c>(?:[\w-]+\s+){1,3}?)(?:can|could|will|would|won'?t|don'?t"
    r"|doesn'?t|do\s+not|does\s+not|will\s+not|know|see)\b",
    re.IGNORECASE,
)


def audience(text: str) -> set[str]:
    """The words of whom the asker's work is shown to or meant to impress (`_AUDIENCE`), and
    their stems ("managers", "manager")."""
    return {
        form
        for m in _AUDIENCE.finditer(text)
        for w in re.findall(
            r"[a-z0-9][a-z0-9-]*", (m.group("a") or m.group("b") or m.group("c")).lower()
        )
        for form in (w, stem(w))
    }


#: WordNet's kinds of nouns for people: "feller", "recruit"; "folk", "crowd".
_PEOPLE = frozenset(["noun.person", "noun.group", "noun.Tops"])
#: The person an ask asks the role suits: "what *kinda feller* does good at this?", "who's the
#: *ideal recruit*?", "would it suit *a girl* like her?", "a career for *the kid* who …",
#: "folk like me" (a word, then the person's).
_SUITED = re.compile(
    r"\b(?:kinda|sorta|(?:kind|sort|type)s?\s+of|ideal|typical|right|perfect"
    r"|(?:suits?|for)\s+(?:a|an|the|some))\s+(?P<who>(?:[\w-]+\s+)?[\w-]+)"
    r"|\b(?P<like>[\w-]+)\s+like\s+(?:me|her|him|us|them|myself)\b",
    re.IGNORECASE,
)


def suited(text: str) -> set[str]:
    """The words of the person an ask asks the role suits (`_SUITED`): the one it is for, by
    whatever name ("feller", "recruit"), not another job."""
    found = (m.group("who") or m.group("like") for m in _SUITED.finditer(text))
    words = {w.lower() for who in found for w in who.split()}
    return {w for w in words if kind_of_noun(w) in _PEOPLE}  # not "the typical *headcount*"


def holders(titles: Iterable[str]) -> dict[str, str]:
    """The job each field of the guide's job titles is of, by its first title: {"mlops":
    "engineer", "data": "scientist", "devops": "engineer"}."""
    found: dict[str, str] = {}
    for title in titles:
        field, _, head = title.rpartition(" ")
        if field:
            found.setdefault(field.split()[-1], head)
    return found


def as_titled(text: str, fields: dict[str, str]) -> str:
    """The text with a word for people by no more than their being people after a job's field
    (lexicon.anyone; `fields`: `holders`) as that job's title: "the MLOps *bloke*", "an MLOps
    *guy*", "is it the mlops *persons* job", "a DevOps *man*", "the data *folk*" are the MLOps
    engineer, a DevOps engineer, the data scientists."""
    if not fields:
        return text

    def titled(m: re.Match[str]) -> str:
        many = anyone(m.group(2))
        head = fields[m.group(1).lower()]
        return f"{m.group(1)} {head}{'s' if many == 'many' else ''}" if many else m.group(0)

    pattern = rf"\b({'|'.join(map(re.escape, fields))})\s+([a-z]+)\b"
    return re.sub(pattern, titled, text, flags=re.IGNORECASE)


__all__ = ["as_titled", "audience", "holders", "roles", "suited"]
