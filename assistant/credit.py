"""Whether the asker's own thing counts, or one gets in without a thing: "does my PharmD count
as a related field?", "would my years of teaching count toward the steps?", "is my civil
engineering diploma accepted?", "would a pure math major work?", or, of what the asker said
before, "I've built pipelines in Nextflow. Would *that* count as orchestration?". The guide
says what counts only of what it names ("Bachelor's in Computer Science or related field"), so
such an ask turns on the asker's thing: the evidence must name each of its words, bar the kind
of thing it is ("years", "experience", "degree"). Nor does it say who gets in without a thing:
it gives a path ("Complete Bachelor's in CS or related field"), never that employers hire
without a step of it ("can I get hired *with no degree* if I have certs?", "can I become one
without a degree?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.listing import stems
from assistant.text import tokenize
from assistant.vocabulary import FRAME_WORDS, stem

#: "does/would/will X count (as|for|toward) …", "is my X accepted as …", "would a X work",
#: "is a X good enough"; X is the asker's thing.
_COUNTS = re.compile(
    r"\b(?:does|do|would|will|could|can|did)\s+(?P<x>[^?.,;]+?)\s+count\b(?!\s+of\b)"
    r"|\b(?:is|are|would|will)\s+(?P<y>(?:my|a|an)\s+[^?.,;]+?)\s+(?:be\s+)?(?:accepted"
    r"|acceptable|considered|recogni[sz]ed|good\s+enough|enough|work|qualify|suffice)\b"
    # "is *it* useful for …", "would *that* be accepted as …": a word pointing at the asker's
    # earlier sentence, of which it asks whether it is worth something to the role
    r"|\b(?:is|are|would|will|does|do)\s+(?P<z>(?:it|that|this|those|these)(?:\s+\w+)?)"
    r"\s+(?:be\s+)?(?:"
    r"accepted|acceptable|considered|recogni[sz]ed|useful|relevant|valued|transferable"
    r"|helpful|help|equivalent|transfer|qualify)\b"
    # not a dummy "it": "is it useful *to learn* Go?", "is it helpful *if* I know SQL?"
    r"(?!\s+(?:for\s+\w+\s+)?to\s|\s+(?:if|when|whether|that)\b)",
    re.IGNORECASE,
)

#: A word pointing at what the asker said before.
_POINTER = re.compile(r"\b(?:it|that|this|those|these)\b", re.IGNORECASE)

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


#: Words before a name that set it aside: "we use Apptainer, *not* Docker".
_SET_ASIDE = re.compile(r"\b(?:not|instead\s+of|rather\s+than|than|no|never)\W+$", re.IGNORECASE)


def pointed_at(context: str, names: Iterable[str]) -> list[str]:
    """The names of the asker's sentence a later "that" may point at: not one it sets aside."""
    return [
        n for n in names if not (i := context.find(n)) >= 0 or not _SET_ASIDE.search(context[:i])
    ]


def uncounted(ask: str, evidence: list[str], context: Iterable[str] = ()) -> str | None:
    """The asker's thing whose counting the ask wants, when the evidence does not name it. A
    word pointing back ("would *that* count as …?") is the names of the asker's earlier
    sentence, `context`: given only when the guide lacks each of them ("I've built pipelines in
    Nextflow."), not when it names one "that" may be ("I do CI with GitHub Actions for Rails
    apps. Is this useful?")."""
    m = _COUNTS.search(ask)
    if m is None:
        return None
    thing = m.group("x") or m.group("y") or m.group("z")
    if _OTHER.search(thing):
        return None
    words = [w for w in tokenize(thing) if w not in FRAME_WORDS | KINDS]
    if not words and _POINTER.search(thing):  # "would *that experience* count?"
        return ", ".join(context) or None
    said = set().union(*(stems(t) for t in evidence))
    missing = [w for w in words if stem(w) not in said]
    # "computer science" is said as "CS"
    if not missing or "".join(w[0] for w in words) in said:
        return None
    return thing
