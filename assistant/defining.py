"""Asks for what a thing is, and whether the guide says it.

An ask may want a thing defined or explained: "what's a feature store?", "what does FAANG stand
for?", "how do canary deployments work?". The guide says what a thing is in a line the thing
heads — as its label ("Feast: Open source feature store.") or its subject ("MLOps Engineers
need …"). A thing it only names inside other lines ("MLflow: Experiment tracking, *model
registry*, and deployment.") or only asks about (an interview question) it does not define.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.asking import ASKING, FILLERS
from assistant.lexicon import is_known, is_noun, is_verb
from assistant.listing import stems
from assistant.question import Reading
from assistant.schema import Section
from assistant.scope import is_prompt
from assistant.text import STOPWORDS, tokenize
from assistant.vocabulary import FRAME_WORDS, is_evaluative, stem

_ADVERB = r"(?:exactly|actually|even|really)"

#: An ask for what a thing is, means or how it works; the group is the thing ("canary
#: deployments" in "how do canary deployments actually work?", "online and offline feature
#: serving" in "what's the difference between online and offline feature serving?", "how does
#: online serving differ from …", "how does the guide define concept drift?").
_DEFINING = re.compile(
    r"\b(?:diff(?:erence)?s?|distinctions?) between (?P<t>[^?.,;]+)"
    r"|\bhow (?:(?:does|do|is|are) )?(?P<t6>[^?.,;]+?) differ(?:s|ent)?\b"
    r"|\bhow (?:does|do) (?:the guide|it|they) define (?P<t7>[^?.,;]+)"
    r"|\bhow (?:do|does|would) (?P<t2>[^?.,;]+?) (?:\w+ )?work"
    r"|^\W*(?:can you |could you |please )?explain (?:how |what )?(?P<t3>[^?.,;]+)"
    r"|^\W*what(?:'s| is| are)(?: an?| the)? (?P<t5>[^?.,;]+?)(?: exactly| actually)?(?:\W*$|,)",
    re.IGNORECASE,
)

#: Where one ask of a question ends and the next begins: a sentence's end, a dash or a semicolon
#: ("the guide mentions canary deployments - what exactly is one?"), or "and" before a question
#: word ("what is a canary deployment and how does it work?").
_CLAUSE_END = re.compile(
    r"(?<=[.?!;])\s+|\s+[-\u2013\u2014]+\s+|,?\s+and\s+(?=(?:how|what)\b)",
    re.IGNORECASE,
)

#: An ask for what one thing is: "what's a feature store?", "the definition of drift", "what
#: even is drift", "what exactly does a model registry do?", "what does FAANG stand for?". Not
#: "what is *the* salary" nor "what are the tools": a guide figure or list is no thing to define.
_TERM = re.compile(
    rf"^\W*(?:(?:could|can|would) you (?:\w+ )?|please )?"
    rf"(?:(?:give me |tell me |what is |what's )?the (?:exact |precise )?definition of "
    rf"|define )(?:an? )?(?P<t0>[^?.,;]+?)(?: as \w+ .*)?(?:\W*$|,)"
    # also after the asker's words: "Sorry if this is silly, what exactly is a …?"
    rf"|(?:^\W*|,\s+)what(?: {_ADVERB})?(?:'s|s| is)(?: an?)? (?P<t>[^?.,;]+?)(?: {_ADVERB})?"
    r"(?:\W*$|,)"
    rf"|\bwhat (?:{_ADVERB} )?(?:does|do) (?P<t2>[^?.,;]+?) (?:{_ADVERB} )?"
    r"(?:mean|do|stand for)(?:\W*$|,)"
    # "can you explain what a 'feature store' actually is (in plain English)?"
    rf"|^\W*(?:(?:could|can|would) you |please )?explain (?:to me )?what (?:an? )?"
    rf"(?P<t3>[^?.,;]+?) (?:{_ADVERB} )?(?:is|are|means?)(?: in [^?.,;]+)?(?:\W*$|,)",
    re.IGNORECASE,
)
#: Where the thing's name ends: "docker" in "docker used for in ML work"; "canary deployment"
#: in "… for an ML model", "… in plain English" (the domain, the words to say it in); "feature
#: store" in "… they keep saying it everywhere" (a clause of the asker's own).
_NAME_END = re.compile(
    r"\s+used\s+(?:for|in|by)\b.*$|\s+for\s+(?:an?\s+)?(?:ml|machine learning)\s+models?\b.*$"
    r"|\s+in\s+(?:plain|simple|layman\W?s?|normal|everyday)\s+\w+.*$"
    # the asker's talk after the name: "what's a feature store *they keep saying* everywhere"
    r"|\s+(?:they|i|we|you|u|people|ppl|everyone|everybody)\s+\w+.*$",
    re.IGNORECASE,
)
#: At most this many words name a term ("feature store", "model registry").
TERM_WORDS = 2
_WORD = re.compile(r"[\w'-]+")


def _a_verb(word: str) -> bool:
    # "Triage scale *training* with …": a gerund after a noun phrase is no verb of it
    return is_verb(word) and not word.lower().endswith("ing")


def _a_noun(thing: str) -> bool:
    """Does `thing` open with a noun or a name ("feature store", "FAANG"), not with what
    says of something ("*involved* in the second step", "*typical* day like"), and is it no
    more than a noun phrase? A thing of the asker's or of the talk ("this MLOps", "the
    salary") is no term, nor one asked of again ("a feature store and which ones …")."""
    words = _WORD.findall(re.sub(r"^(?:an?)\s+", "", thing, flags=re.IGNORECASE))
    if not words or words[0].lower() in STOPWORDS:
        return False
    # no clause after it: "a portfolio supposed *to* show *for this* role"
    if any(w.lower() in STOPWORDS and w.lower() not in ("of", "and") for w in words):
        return False
    return is_noun(words[0]) or not is_known(words[0])


def asked_words(thing: str) -> set[str]:
    return {stem(w) for w in tokenize(thing) if w not in FRAME_WORDS}


def heads(words: set[str], line: str) -> bool:
    """Does the thing head `line`: as its label before a colon, or as the subject it opens
    with?"""
    label, colon, rest = line.partition(":")
    if colon and rest.strip() and words <= stems(label):
        return True
    # the subject: "An MLOps Engineer *builds* …", not "Feature store *implementation* …"
    raw = _WORD.findall(line)
    raw = raw[1:] if raw and raw[0].lower() in ("a", "an", "the") else raw
    subject, verb = raw[: len(words)], raw[len(words) : len(words) + 1]
    return {stem(w.lower()) for w in subject} == words and bool(verb) and _a_verb(verb[0])


def clauses(ask: str) -> list[str]:
    """The ask's asks, each a clause of its own, each of which may want a thing defined; a
    filler opening one is no part of it ("wait what's a canary deployment?")."""
    return [FILLERS.sub("", c) for c in _CLAUSE_END.split(ask) if c and c.strip()]


def only_asked(
    ask: str, evidence: list[str], context: str = "", sections: Iterable[Section] = ()
) -> bool:
    """The ask wants what a thing is or how it works, and the evidence, or the whole guide,
    names that thing only in lines that ask it (an interview question): "How do canary
    deployments work?" is met only by "Explain canary deployments for ML models". A line headed
    by the thing defines it, whatever follows ("Recovery time: How fast can you roll back a bad
    model?"). An ask naming nothing of its own ("Does the guide explain it?", "what
    distinguishes the two?") asks of the thing its `context` names ("I'd like to understand the
    difference between X and Y.")."""
    if context and not asked_words(_POINTING.sub("", _DIFFERS.sub("", ask))) - STOPWORDS:
        ask = f"{context} {ask}"
    lines = [u.text for section in sections for u in section.units]
    m = next(filter(None, (_DEFINING.search(c) for c in clauses(ask))), None)
    if m is None:
        return _compared_only(ask, evidence) or _compared_only(ask, lines)
    thing = re.sub(
        r"^(?:the\s+)?(?:(?:diff(?:erence)?s?|distinctions?)\s+between"
        r"|term|word|phrase|concept)\s+",  # "how does the guide define *the term* X?"
        "",
        next(t for t in m.groups() if t),
    )
    if re.search(r"\bones?\b", thing, re.IGNORECASE):
        return False  # "what's the drift one exactly?" points at an item: its line answers
    return any(
        _named_only_in_asking(_named_run(thing, said), said) or _compared_only(ask, said)
        for said in (evidence, lines)
    )


#: Words that point back at things named before ("what distinguishes *the two*?").
_POINTING = re.compile(r"\b(?:the\s+(?:two|three)|both)\b", re.IGNORECASE)


def _named_run(thing: str, evidence: list[str]) -> set[str]:
    """The words of `thing`, or, when no line names them all, the longest run of its first
    words (two or more) that a line names as a phrase: "canary deployments" of "canary
    deployments pls its on the interview list" (what follows the name is the asker's talk).
    Not words a line names apart ("*handle* model *versioning*"), nor the asker's judgement
    ("the *bad* side of the job" is not "roll back a *bad* model")."""
    words = [stem(w) for w in tokenize(thing) if w not in FRAME_WORDS and not is_evaluative(w)]
    if any(set(words) <= stems(t) for t in evidence):
        return set(words)
    lines = [_content_stems(t) for t in evidence]
    for k in range(len(words) - 1, 1, -1):
        run = words[:k]
        if any(run == line[i : i + k] for line in lines for i in range(len(line) - k + 1)):
            return set(run)
    return set(words)


def _content_stems(text: str) -> list[str]:
    return [stem(w) for w in tokenize(text) if w not in FRAME_WORDS]


def _named_only_in_asking(words: set[str], evidence: list[str]) -> bool:
    """Do the lines of the evidence naming all of `words` only ask about them?"""
    naming = [t for t in evidence if words and words <= stems(t)]
    return bool(naming) and all(
        is_prompt(t) and not (":" in t and words <= stems(t.split(":")[0])) for t in naming
    )


#: An ask for how things differ, wherever it names them ("online and offline feature serving,
#: what is the difference?", "… 'data drift'. What exactly distinguishes the two?").
_DIFFERS = re.compile(r"\b(?:differen(?:ce|ces|t)|differs?|distinguish\w*)\b", re.IGNORECASE)
#: What an interview question asks the difference between.
_BETWEEN = re.compile(r"\bdifference between (.+)", re.IGNORECASE)


def _compared_only(ask: str, evidence: list[str]) -> bool:
    """A difference ask naming (at least two words of) what an interview question of the
    evidence asks the difference between, which no line of it states: the guide only asks."""
    if not _DIFFERS.search(ask):
        return False
    said = stems(ask)
    between = (_BETWEEN.search(t) for t in evidence if is_prompt(t))
    return any(
        len(words := asked_words(b.group(1)) & said) >= 2 and _named_only_in_asking(words, evidence)
        for b in between
        if b
    )


def undefined(ask: str, sections: Iterable[Section]) -> str | None:
    """The term the ask wants defined, when the guide names it but heads none of its lines
    with it ("model registry"); None when the ask wants no term, or the guide defines it or
    never names it (other checks judge a name the guide lacks)."""
    m = next(filter(None, (_TERM.search(c) for c in clauses(ask))), None)
    if m is None:
        return None
    thing = _NAME_END.sub("", re.sub(r"['\"]", "", next(t for t in m.groups() if t))).strip()
    words = asked_words(thing)
    if not 0 < len(words) <= TERM_WORDS or not _a_noun(thing) or _DIFFERS.search(thing):
        return None  # "what is difference between X and Y?" asks no term (only_asked judges)
    lines = (u.text for section in sections for u in section.units)
    naming = [t for t in lines if words <= stems(t)]
    return thing if naming and not any(heads(words, t) for t in naming) else None


#: Where a clause ends and a remark beside the ask may begin: "whats triton*,* saw it in a job
#: post", "what is Arize*,* sounds like a car brand *haha*".
_CLAUSE = re.compile(r"([,;:.?!()\u2026]+|\s[-\u2013\u2014]+\s|\b(?:haha\w*|lol|jaja\w*)\b)", re.I)
#: Where what is asked is set, after the thing: "what's terraform for *in this world*", "lead
#: time means what *here*".
_SETTING = re.compile(r"\s(?:(?:in|on|at|within|inside|around)\s|(?:here|there)\b).*$", re.I)
_WHAT = re.compile(r"\bwhat(?:'s|\u2019s|s)?\b", re.IGNORECASE)
#: Words pointing at a thing named before: "what's *it* for", "whats the deal with *those*".
_POINTER = re.compile(r"\b(?:it|its|that|this|those|these|they|them)\b", re.IGNORECASE)


def asks_what_it_is(ask: str, names: set[str]) -> bool:
    """Does one clause of the ask want only what a thing is or does, by its name (`names`: its
    words) or a word pointing at it ("whats triton", "what's it for", "whats terraform/pulumi for
    in this world"), and no other clause ask anything? The others are remarks beside it ("saw it
    in a job post", "sounds like a car brand haha"): what is asked of the thing is its line."""
    pieces = _CLAUSE.split(ask)  # each clause, then what ends it
    ends = zip(pieces[::2], [*pieces[1::2], ""], strict=True)
    own = {stem(n) for n in names}  # a clause of its name alone is its topic ("Terraform??")
    asking = [
        c
        for c, end in ends
        if c.strip() and (_asks(c) or "?" in end and not {stem(w) for w in tokenize(c)} <= own)
    ]
    if len(asking) != 1:
        return False
    words = tokenize(asking[0])
    return bool(
        _WHAT.search(asking[0])
        and (own & {stem(w) for w in words} or _POINTER.search(asking[0]))
        and all(w in FRAME_WORDS or stem(w) in own for w in tokenize(_SETTING.sub("", asking[0])))
    )


def _asks(clause: str) -> bool:
    return bool(ASKING.match(FILLERS.sub("", clause)) or _WHAT.search(clause))


def definitions(reading: Reading, evidence: list[str], sections: Iterable[Section]) -> dict:
    """The Case's `undefined` and `asked_only` (assistant/policy.py)."""
    sections = list(sections)
    return {
        "undefined": undefined(reading.ask, sections),
        "asked_only": only_asked(reading.ask, evidence, reading.context, sections),
    }
