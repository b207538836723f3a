"""Whether the asker's own thing counts, or one gets in without a thing: "does my PharmD count
as a related field?", "would my years of teaching count toward the steps?", "is my civil
engineering diploma accepted?", "would a pure math major work?". The guide says what counts
only of what it names ("Bachelor's in Computer Science or related field"), so such an ask turns
on the asker's thing: the evidence must name each of its words, bar the kind of thing it is
("years", "experience", "degree"). Nor does it say who gets in without a thing: it gives a path
("Complete Bachelor's in CS or related field"), never that employers hire without a step of it
("can I get hired *with no degree* if I have certs?", "can I become one without a degree?").
"""

from __future__ import annotations

import re

from assistant.listing import stems
from assistant.text import tokenize
from assistant.vocabulary import FRAME_WORDS, stem

#: "does/would/will X count (as|for|toward) …", "is my X accepted as …", "would a X work",
#: "is a X good enough"; X is the asker's thing.
_COUNTS = re.compile(
    r"\b(?:does|do|would|will|could|can|did)\s+(?P<x>[^?.,;]+?)\s+count\b(?!\s+of\b)"
    r"|\b(?:is|are|would|will)\s+(?P<y>(?:my|a|an)\s+[^?.,;]+?)\s+(?:be\s+)?(?:accepted"
    r"|acceptable|considered|recogni[sz]ed|good\s+enough|enough|work|qualify|suffice)\b",
    re.IGNORECASE,
)

#: What counts is not the asker's thing: "does *the guide* list skills where that might count?"
_OTHER = re.compile(r"\b(?:guide|which|what|where|how|who)\b", re.IGNORECASE)

#: Words for the kind of thing counted, not which one: "my *years* of teaching", "my data
#: labeling *experience*".
KINDS = frozenset(
    [
        "year", "years", "experience", "experiences", "degree", "degrees", "background",
        "work", "job", "jobs", "time", "skill", "skills", "certification", "certifications",
        "certificate", "certificates", "qualification", "qualifications", "knowledge",
        "license", "licence", "role", "roles", "stuff", "anything", "something",
        "diploma", "diplomas", "major", "majors", "program", "programs", "programme",
    ]
)  # fmt: skip


#: A yes/no ask whether one gets in, hired or on without a thing: "can i get hired w no degree",
#: "real talk do companies hire mlops ppl w/o college", "can you get into MLOps without a degree?";
#: not "how would a hire get them to follow process without a war?".
_WITHOUT = re.compile(
    r"^(?:(?!\b(?:how|what|which|why|where|when|who)\b)[^?])*?"  # no wh-ask before it
    r"\b(?:can|could|will|would|do|does|is\s+it\s+possible)\b[^?]{0,60}?"
    r"\b(?:hired?|hiring|job|jobs|get\s+into|getting\s+into|become|break\s+into|land|make\s+it"
    r"|do\s+(?:this|it)|employ\w*)\b[^?]{0,40}?\b(?:without|w/o|with\s+no|w\s+no)\s+\w",
    re.IGNORECASE,
)


def without_step(ask: str) -> bool:
    """Does the ask want to know whether one gets in without a thing (module doc)?"""
    return _WITHOUT.search(ask) is not None


def uncounted(ask: str, evidence: list[str]) -> str | None:
    """The asker's thing whose counting the ask wants, when the evidence does not name it."""
    m = _COUNTS.search(ask)
    if m is None:
        return None
    thing = m.group("x") or m.group("y")
    if _OTHER.search(thing):
        return None
    words = [w for w in tokenize(thing) if w not in FRAME_WORDS | KINDS]
    said = set().union(*(stems(t) for t in evidence))
    missing = [w for w in words if stem(w) not in said]
    # "computer science" is said as "CS"
    if not missing or "".join(w[0] for w in words) in said:
        return None
    return thing
