"""Grounding what a question names and asks about in the guide's own words, for the scope
policy (assistant/policy.py). Takes the question's reading and the guide's terms, vocabulary
and tagger; gives the names the guide never names and the words a yes/no ask turns on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.asking import ALTERNATIVE
from assistant.dictionary import is_common, is_english, is_term
from assistant.foreign import asides, is_foreign, mixed_in
from assistant.items import AMONG_THOSE
from assistant.lexicon import (
    common_abbreviation,
    is_noun,
    is_occupation,
    is_person,
    is_place,
    kind_of_name,
    kind_of_noun,
)
from assistant.names import mentioned, not_examples
from assistant.ordinals import ORDINAL, STRUCTURAL
from assistant.owning import in_own_words, marked_words, marks_theme
from assistant.policy import STATED
from assistant.question import Reading
from assistant.scope import QUANTITY_NOUNS, SHELL, Reader, asked_thing, suited
from assistant.terms import Terms, said_in, said_short, said_spelt
from assistant.text import STAGE_WORDS, STOPWORDS, tokenize, without_own_likeness
from assistant.vocabulary import FRAME_WORDS, TRUTH_WORDS, Vocabulary, is_evaluative, stem

#: Shorter words the dictionary lacks are slang or abbreviations ("lol", "pls"), not terms.
TERM_MIN_LENGTH = 4


def property_words(
    reading: Reading,
    matches: dict[str, float],
    reader: Reader,
    cut_short: Callable[[str], bool] = lambda word: False,
) -> list[str]:
    """The words a yes/no ask asks about that the guide does not use: its nouns and adjectives
    (spaCy's tagger, loaded only for such words) that are English words or terms ("bootcamp";
    slang, "pls", says nothing of a property), not words for a part of the guide ("*stage*").

    A what-is ask asks about the thing its first noun phrase names, when that phrase is
    qualified (two words, neither of whether it holds: "signing bonus", "average age", not
    "actual downsides") and its nouns are no guide words, or name a kind of a guide thing the
    guide never names ("the *dress* code"): its nouns. A bare noun ("the downsides") and a form
    of a guide thing ("the compensation *figure*") are left to the looser coverage bar."""
    if reading.selection is not None or not matches or in_own_words(reading.ask):
        return []  # computed ("is it the cheapest?"), or in the asker's words (themes.py)
    # the opposite it offers is no property to find ("… or is it a waste of money?")
    main = without_own_likeness(ALTERNATIVE.split(reading.ask)[0])  # nor "like when I …"
    main = _WHEN_CLAUSE.sub("", main)  # nor "… if something *goes wrong*": when, not what
    main = _PURPOSE.sub("", main)  # nor "… so we aren't paying *fees*": why the asker asks
    if reading.yes_no:
        nominal = reader.nominal(main) | reader.asked_verbs(main)
    elif reading.kind in STATED:
        return []  # an amount asked ("the price tag") is for the quantity checks
    else:
        words, nouns = asked_thing(main, reader, cut_short)
        qualified = len([w for w in words if w not in TRUTH_WORDS]) > 1
        unnamed = set(nouns) <= set(matches) or set(nouns[:-1]) & set(matches)
        nominal = frozenset(nouns if qualified and unnamed else ())
        # "which of them are *free*?", "when does the CKA *expire*?": what it asks of the
        # things, as "is it free?" and "does the CKA expire?" do
        which = {m.group(1).lower() for m in _WHICH_IS.finditer(main)}
        if which:  # "which is *easier*?" is a judgement (policy)
            nominal |= (which - set(reader.graded(main))) & reader.nominal(main)
        nominal |= reader.asked_verbs(main) if _WH_ADVERB.match(main) else frozenset()
    # people are whom the ask is of, not what ("does *my teenager* need a degree?", "suit *a
    # girl* like her?"); a judgement put on a thing is the asker's ("building *cool* models")
    theirs = askers_own(main) | suited(main)
    theirs |= {w for w in reader.attributive(main) if is_evaluative(w)}
    theirs |= marked_words(main)  # what marks the ask's theme ("paged *at night*"): themes.py
    # a noun after an ordinal points at a part of what was said ("the last *group*"); one
    # before what it counts says how many ("a *couple* system design prompts", "*loads* of")
    theirs |= {m.group(2).lower() for m in ORDINAL.finditer(main) if m.group(2)}
    theirs |= {m.group(1).lower() for m in _HOW_MANY.finditer(main)}
    return [
        w
        for w in matches
        if w in nominal
        and (is_english(w) or is_term(w))
        and w not in STRUCTURAL | STAGE_WORDS
        and w not in theirs
    ]


#: An ask opening with when, where, why or how: its verb is what it asks of a named thing.
_WH_ADVERB = re.compile(r"\W*(?:when|where|why|how)\b", re.I)
#: The word a which-ask says of the things it chooses among: "which one is *free* to use?".
_WHICH_IS = re.compile(r"\bwhich\b(?:\s+[\w-]+){0,5}?\s+(?:is|are)\s+([a-z-]+)", re.I)
#: A clause of when the thing asked happens: "if something goes wrong", "when a model fails"
#: (not "if I'm over 40", of the asker).
_WHEN_CLAUSE = re.compile(
    r"\b(?:if|when|whenever)\s+(?:something|anything|it|things?|a|an|the)\b[^,;?.]*", re.I
)
#: Why the asker asks, after the ask: "… so we aren't paying license fees", "so that I can …".
_PURPOSE = re.compile(r"\bso\s+(?:that\s+)?(?:i|we|you|he|she|they)\b[^,;?.]*", re.I)
#: A word for how many, before what it counts: "a *couple* (of) prompts", "*loads* of testing".
_HOW_MANY = re.compile(rf"\b((?:{'|'.join(QUANTITY_NOUNS)})s?)\s+(?:of\s+)?\w", re.I)
#: An ask for things of a kind: "can you recommend a good *textbook*", "any *courses* u
#: recommend", "the best *laptop* for …", "what's a good *laptop*", "what *laptop* to buy",
#: "which *colleges* have the best programs?" (not whom the role is "best suited" for).
_KIND_ASKED = re.compile(
    r"(?:\b(?:recommend|suggest)s?\s+(?:me\s+)?(?=(?:any|an?|some|good)\b)"
    r"|\b(?:is|are)\s+there\s+|^\W*any\b|\bbest\b|\bwhat(?:\W?s|\s+is)\s+an?\s+good\b"
    r"|\b(?:which|what)\b(?=[^?.!]*\bbest\b(?!\s+(?:suit|fit|match))|.*\bbuy\b))(?P<rest>.*)",
    re.IGNORECASE,
)


def unnamed_kind(ask: str, matches: dict[str, float], reader: Reader, same: float) -> str | None:
    """The kind of thing an ask for things of a kind asks for, when the guide names nothing
    of that kind: no guide word is a form of it or comes `same` near it in meaning (the
    guide names no *books*, *courses* or *podcasts*; `matches` holds how near the guide's
    words come to each of the ask's words it does not use)."""
    kind = asked_kind(ask, reader)
    return kind if kind in matches and matches[kind] < same and kind not in TRUTH_WORDS else None


def asked_kind(ask: str, reader: Reader) -> str | None:
    """The kind of thing an ask for things of a kind asks for: the head noun of its first
    noun phrase, or of the phrase after a placeholder ("a *lot* of math"); none for a kind
    of person ("is there a *student* …") or a part of the guide."""
    m = _KIND_ASKED.search(ask)
    rest = m.group("rest") if m else ""
    nouns = reader.nouns(rest) if rest.strip() else frozenset()
    for phrase in reader.phrases(rest) if nouns else ():
        heads = [w for w in phrase if w in nouns]
        head = heads[-1] if heads else ""
        if not head or stem(head) in SHELL and re.search(rf"\b{head}\s+of\b", rest, re.I):
            continue
        return None if stem(head) in SHELL or head in STRUCTURAL or is_person(head) else head
    return None


#: "my son", "our new hire", "this hire", "us nurses": a person of the asker's (after a first-person
#: possessive or pronoun, or a demonstrative: the one the asker has in mind).
_ASKERS_OWN = re.compile(r"\b(?:my|our|this|these|us)\s+(\w+)(?:\s+(\w+))?")

#: A person named by being hired is the one the asker hires into the role ("the hire", "an
#: MLOps hire"), of no other job, whatever the determiner.
_HIRED = re.compile(r"\b(?:the|an?|new|each|every|that|first|next)\s+(?:mlops\s+)?(hires?)\b(?!-)")

#: Anyone at all: "how long would it take *somebody* to get there?" asks of whoever it is.
_ANYONE = re.compile(r"\b(someone|somebody|anyone|anybody|everyone|everybody|people|folks)\b")

#: Whom the asker tells, advises or warns: "how many years should I tell *a student* it takes?"
#: asks of no student but of whoever takes the path; so whom they quote or offer a figure
#: ("what salary range should I quote *candidates*?").
_TOLD = re.compile(
    r"\b(?:tell|telling|advise|advising|warn|warning|explain\w*\s+to|say\s+to|quote|quoting"
    r"|offer|offering)\s+"
    r"(?:(?:my|our|a|an|the|these|this|those|some|new|mlops)\s+)*(\w+)"
)


def askers_own(text: str) -> frozenset[str]:
    """The asker's own people the text names ("son" in "will my son need …", "the hire"), those
    the asker tells ("a student"), and anyone at all ("somebody")."""
    low = text.lower()
    own = {w for pair in _ASKERS_OWN.findall(low) for w in pair if is_person(w)}
    own |= set(_ANYONE.findall(low)) | {w for w in _TOLD.findall(low) if is_person(w)}
    return frozenset(own | {w for w in _HIRED.findall(low) if is_person(w)})


def unjudged(reading: Reading, said: list[str], reader: Reader) -> str | None:
    """A judgement the ask wants between things that the evidence does not make: a word that
    grades them ("easier", "fastest", "more popular") in an ask that chooses ("which one",
    "… or …", "harder than …"), said nowhere in the evidence. Prices are compared by
    computing ("cheapest"), over lines that state prices: "which one's the cheapest?" of
    tools with none is unjudged; "best" and "better" only frame an ask."""
    # "why is on-call harder … than …?" asks the reason of a judgement it makes itself
    why = WHY.match(reading.ask)
    choosing = _CHOOSING.search(reading.ask) and not why
    # a yes/no ask with a comparative sets things against each other too ("can they do it
    # *faster* if they skip college?"); a superlative there picks a part ("the *worst* part")
    comparing = reading.yes_no and not choosing and not why
    selection = reading.selection
    if selection is not None and choosing and selection.op in ("min", "max", "below", "above"):
        return None if any(STATED["amount"].search(t) for t in said) else "price"
    if selection is not None or not (choosing or comparing):
        return None
    words = {stem(w) for t in said for w in tokenize(t)}
    for word in reader.graded(reading.ask):
        priced = _PRICED.match(word) and not re.search(rf"(?i)\b{word}\s+{_NOT_PRICE}", reading.ask)
        if word in FRAME_WORDS or word in STOPWORDS or priced or not word.isalpha():
            continue  # "more so": a function word grades nothing
        if comparing and _SUPERLATIVE.search(word):
            continue
        if _DOUBLED.search(word) and is_noun(word):
            continue  # a noun the tagger took for a comparative ("talker")
        bases = {word, _COMPARED_BASE.sub("y", word), _DOUBLED.sub(r"\1", word)}
        if not {stem(b) for b in bases} & words:
            return word
    return None


def unpicked(
    reading: Reading,
    said: list[str],
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> str | None:
    """What an ask picks the last answer's items by ("which of those is *free* to use?") when
    none of them states it, by word or near meaning (below `threshold`), nor does the guide
    anywhere: the guide does not say which."""
    if reading.selection is not None or not AMONG_THOSE.search(reading.ask):
        return None
    picks = sorted(
        w for w in reader.nominal(reading.ask) if w.isalpha() and w not in FRAME_WORDS | STOPWORDS
    )
    words = {stem(w) for t in said for w in tokenize(t)}
    if any(_stated(stem(w), words) for w in picks):
        return None
    # a word the guide never uses: not "valuable", which it says of a whole list
    never = set(vocabulary.unknown(reading.ask))
    unknown = [w for w in picks if w in never]
    if not unknown:
        return None
    near = vocabulary.matches(" ".join(unknown), embed, within=said)
    return None if any(near.get(w, 0.0) >= threshold for w in unknown) else unknown[0]


def _stated(word: str, words: set[str]) -> bool:
    """Is a stem among `words`, or the start of one or one's start ("gpus", "gpu")?"""
    return word in words or any(
        len(w) >= 3 and (w.startswith(word) or word.startswith(w)) for w in words
    )


#: An ask that chooses among things: "which one …", "airflow or dagster, …".
_CHOOSING = re.compile(r"\b(?:which|whichever|than)\b|\w\s+or\s+\w", re.IGNORECASE)
#: A superlative grading word ("fastest", "worst"), as the tagger's graded words hold it.
_SUPERLATIVE = re.compile(r"(?:est|^worst|^least|^most)$")
WHY = re.compile(r"\W*why\b", re.IGNORECASE)
#: Grading by price or amount, computed over the guide's items and figures.
_PRICED = re.compile(r"(?:cheap|expensive|costl|pric|afford|high|low|dear)", re.IGNORECASE)
#: A thing graded high or low that is no price: "the lowest *latency*" (not "the lowest one").
_NOT_PRICE = r"(?!(?:ones?|of|for|in|to|on|at|and|or|with|than|the|this|these|those|it)\b" + (
    r"|(?:paid|paying|priced|cost|price|fee|salar|pay|comp)\w*\b)[a-z]{3,}"
)
#: "easier" -> "easy"; "bigger" -> "big", "faster" -> "fast".
_COMPARED_BASE = re.compile(r"i(?:er|est)$")
_DOUBLED = re.compile(r"(?:(\w)\1)?(?<=\w)(?:er|est)$")


def other_people(
    text: str,
    vocabulary: Vocabulary,
    reader: Reader,
    embed: Callable[[list[str]], Any],
    same_word: float,
) -> list[str]:
    """Jobs the ask names as nouns that are not of the guide's world: no form of a guide word
    ("orchestrators", "interviewer"), no nearer to one in meaning than `same_word`
    ("psychologists" of "psychology"), and not named by a guide word before them ("MLOps
    recruiters", "cloud providers"). "travel nurses", "airline pilots" are another job's."""
    words = re.findall(r"[a-z0-9][a-z0-9-]*", text.lower())
    theirs = askers_own(text)  # "our *hire*", "my *teenager*": who asks, not another job
    theirs |= asker_language(text, vocabulary)  # "da" in "a certificação da Azure"
    people = [
        w
        for i, w in enumerate(words)
        if tokenize(w)
        and w not in theirs
        and w not in vocabulary.exact
        and not vocabulary.is_form(w)
        and not (i and words[i - 1] in vocabulary.exact and tokenize(words[i - 1]))
        and is_occupation(w)
    ]
    if people:
        nominal = reader.nominal(text)
        people = [w for w in people if w in nominal]
    if not people:
        return []
    near = vocabulary.matches(" ".join(people), embed)
    return [w for w in people if near.get(w, 0.0) < same_word]


def asker_language(text: str, vocabulary: Vocabulary) -> set[str]:
    """The words of the other language a question holding a guide word is written partly in
    (foreign.mixed_in): no names ("ILS" in "les data scientists, ils collaborent …"). A question
    with no guide word is not read past its words ("ada diskon buat mahasiswa gak?")."""
    words = tokenize(text)
    own = [w for w in words if w in vocabulary.exact or stem(w) in vocabulary.stems]
    if all(w in STOPWORDS or w in FRAME_WORDS for w in own):
        return asides(text)  # "Who is this job good for, *vraiment*?"
    return mixed_in(text, vocabulary.shortens) | asides(text)


def unsaid(
    names: tuple[str, ...], unknown: list[str], said: list[str], terms: Terms, share: float
) -> list[str]:
    """The names the guide has but the evidence does not hold ("Texas" in "How much does an
    MLOps engineer earn in Texas?": only among the top employers), the guide's subject aside
    (a name in more than `share` of its lines, "ML")."""
    return [
        n
        for n in names
        if n not in unknown
        and not common_abbreviation(n)
        and terms.grounded(n)  # not "US" in "US states" (_where): no name the guide has
        and terms.specific(n, share)
        # an acronym the guide writes only in longer names ("AI" of "Vertex AI") is the
        # asker's word ("the AI models"); a company's name is still a thing ("Google's loop")
        and not (n.isupper() and terms.only_in_names(n))
        and not said_in(terms.expansion(n) or n, said)
        and not said_spelt(n, said)
        and not said_short(n, said)
    ]


def _where(name: str, text: str, vocabulary: Vocabulary) -> bool:
    """Is `name` a place said right before places of a kind the guide uses ("*US* states",
    "*West Coast* states")? It says where they are; the guide's states are what is asked."""
    m = re.search(rf"(?<!\w){re.escape(name)}\s+([a-z]+s)\b", text, re.IGNORECASE)
    if m is None or kind_of_name(name) != "noun.location":
        return False
    noun = m.group(1).lower()
    return vocabulary.is_form(noun) and kind_of_noun(noun) == "noun.location"


def ungrounded(
    names: tuple[str, ...],
    text: str,
    terms: Terms,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    term_coverage: float,
) -> list[str]:
    """What `text` names that the guide never names: the typed names no guide line holds
    together ("CKAD", "AWS DevOps Engineer Professional"); places typed in lower case
    ("germany", "uk"); acronyms one letter off the guide's ("ckad"); and terms no dictionary
    holds that no guide word comes near in meaning (best cosine below `term_coverage`:
    "databricks", "leetcode"; not "datasets")"""
    if not text:
        return []
    out = [
        n
        for n in names
        if not terms.grounded(n) and not common_abbreviation(n) and not _where(n, text, vocabulary)
    ]
    theirs = asker_language(text, vocabulary)  # the asker's other language: no names
    # a place typed in lower case ("mlops salary uk?"); as typed in capitals it is a name
    out += [
        w.upper() if len(w) <= 3 else w.title()
        for w in tokenize(text)
        if w not in vocabulary.exact
        and is_place(w)
        and not (is_common(w) or is_foreign(w) or w in theirs or terms.grounded(w))
    ]  # "us" and "oh" in lower case are the pronoun and the interjection
    unknown = [w for w in vocabulary.unknown(text) if w not in theirs]
    if not unknown:
        return out
    # one letter off an acronym of the guide is another acronym ("ckad", not "cka")
    out += [w.upper() for w in unknown if vocabulary.acronym_variant(w) and w.upper() not in out]
    # Lower-case words are ordinary words, matched by spelling and meaning (coverage); places
    # (above, from WordNet: spaCy's entity recogniser found none more on ~1,900 questions, at ~4
    # ms a question), terms and what a mention ask names ("slurm covered?") are names too.
    candidates = [w for w in unknown if len(w) >= TERM_MIN_LENGTH and is_term(w)]
    near = vocabulary.matches(" ".join(candidates), embed)
    out += [w for w in candidates if near.get(w, 1.0) < term_coverage and w not in out]
    out += [w for w in unknown if w in mentioned(text) and not terms.grounded(w.upper())]  # "iac"
    # nor a word marking what kind of ask it is ("what *KPIs* …": assistant/themes.py), nor an
    # example of the group the theme's line names ("big tech like *Netflix*": FAANG)
    shown = set(marked_words(text, members=True)) - {n.lower() for n in not_examples(out, text)}
    return [
        n
        for n in dict.fromkeys(out)
        if not guessed(n, text) and not marks_theme(n, text) and n.lower() not in shown
    ]


#: An open alternative: the asker's guess, then "or something else", "or what", "or nah".
_OPEN_OR = r"\W*\s+or\s+(?:(?:some|any)thing\s+else|what|nah|not|no)\b"


def guessed(name: str, text: str) -> bool:
    """Is `name` only the asker's guess, offered with an open alternative ("like *leetcode*
    style or something else?", "is it *leetcode* or what")? The ask is about what the guess is
    of (the coding asked), which the guide may answer whatever the name."""
    return bool(re.search(rf"(?<!\w){re.escape(name)}(?:[\s-]+\w+){{0,2}}{_OPEN_OR}", text, re.I))


__all__ = [
    "TERM_MIN_LENGTH", "WHY", "unsaid", "other_people", "property_words",
    "unnamed_kind", "ungrounded", "askers_own", "unjudged",
]  # fmt: skip
