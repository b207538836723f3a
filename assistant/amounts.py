"""Of whom, or where, an amount or a duration asked of no item is, that the lines stating one
do not say, for the scope policy (through assistant/attributes.py): a junior engineer's pay, a
signing bonus, the pay in Texas or in healthcare, the years until a promotion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.grounding import asker_language, askers_own
from assistant.lexicon import is_noun, is_occupation, is_person, is_place
from assistant.ordinals import STRUCTURAL
from assistant.owning import group_words, marked_words
from assistant.question import PHRASE_MAX_WORDS, Reading
from assistant.scope import Reader
from assistant.terms import ask_words, said_in, said_spelt
from assistant.text import STOPWORDS, tokenize
from assistant.vocabulary import (
    FRAME_STEMS,
    FRAME_WORDS,
    MONEY,
    MONEY_STEMS,
    MONEY_WORDS,
    Vocabulary,
    stem,
)

#: Earnings, asked or stated ("what does Google *pay* its engineers?"; not "pay for the exam").
EARNINGS = re.compile(
    r"\b(?:earn\w*|salar(?:y|ies)|wages?|income|compensation|comp|paid|makes?)\b"
    r"|\bpay\b(?!\s+for\b)",
    re.IGNORECASE,
)
#: What a price is asked of: "how much does *a CS degree* cost?", "what would *it* cost?".
_PRICED_THING = re.compile(
    r"\b(?:how much|what)\s+(?:does|do|did|would|will|is|are)\s+(.+?)\s+(?:cost|costs|run)\b",
    re.IGNORECASE,
)


def _unpriced_thing(ask: str, stating: list[str], vocabulary: Vocabulary) -> str | None:
    """A guide word of what a price is asked of that no one line stating an amount says with
    the rest of it: "a master's *degree*" (the guide prices certifications, not degrees), "the
    AWS Machine Learning Engineer *Associate*" (no line has it all); or the word after the pay
    word of a bare phrase ("mlops pay *sf*") no line stating pay says."""
    if bare := _bare_qualifier(ask, stating):
        return bare
    m = _PRICED_THING.search(ask)
    words = [
        w for w in ask_words(m.group(1)) if w not in AMOUNT_WORDS and stem(w) in vocabulary.stems
    ] if m else []  # fmt: skip
    if not words or any(all(said_in(w, [line]) for w in words) for line in stating):
        return None
    return next((w for w in words if not said_in(w, stating)), words[-1])


#: What people earn: who earns it is said before it ("a *junior* salary", "*hourly* pay").
_EARNED = frozenset(["salary", "salaries", "pay", "wage", "wages", "income", "compensation"])
#: A bound of the amount, read off the range the guide states ("the *max* salary at FAANG").
_BOUNDS = frozenset(["max", "maximum", "min", "minimum", "highest", "lowest", "top", "upper"])
#: Words for whoever earns that the dictionary does not give as people, the head of a phrase
#: a level is said in ("an entry-level *one*", "entry lvl *ppl*", "junior *positions*", "new
#: *grads*": a quantity first in WordNet).
_EARNERS = frozenset(["ppl", "one", "ones", "position", "positions", "grad", "grads"])
#: Words for where one works that say nothing of which: "at the big tech *places*", "*shops*".
_WORKPLACES = frozenset(["place", "places", "shop", "shops", "outfit", "outfits"])
#: Where a path starts ("from beginner to MLOps engineer"): the asker, not what is timed.
_FROM = re.compile(r"\bfrom\s+(?:an?\s+|the\s+|my\s+)?[\w-]+", re.IGNORECASE)
#: Where a path ends ("to *become* …", "before I could *be* one", "to *reach* this role"): what
#: is timed is what follows; who takes the path, and when, is the asker's ("a *student*", "if I
#: started *today*").
_BECOMING = re.compile(
    r"\b(?:become|becoming|be|being|reach|reaching|land|landing|get\s+(?:to\s+be|into)"
    r"|work\s+as|do(?=\s+th(?:is|e)\s+(?:job|role|work)\b)"
    # "develop *someone* into this role", "went down *this road*": the path, to its end
    r"|(?:develop|grow|train|turn)\s+(?:\w+\s+){1,4}?into"
    r"|(?:go|goes|went|going|head\w*)\s+down\s+(?:this|that|the)\s+(?:road|path|route))"
    r"[\s,]+(?P<end>.+)$",
    re.IGNORECASE,
)
#: Words saying one is the role at all, no level of it: "a *qualified* MLOps engineer".
_AT_ALL = frozenset(
    ["qualified", "proper", "real", "competent", "hireable", "employable", "job-ready", "working"]
)
#: An ask of what an amount turns on ("the salary is depend on what factor?", "what drives
#: where someone lands in the band?"), and a line saying it ("… *depending on* experience …").
_DEPENDS = re.compile(
    r"\b(?:depend\w*|factors?|determin\w*|drives?|driven|affects?|influenc\w*)\b", re.I
)
_DEPENDING = re.compile(r"\bdepending\s+on\b", re.IGNORECASE)
#: A span named by the event that ends it ("time-to-hire", "time-to-fill"), a metric's name.
_TIMED = re.compile(r"\btime-to-(\w+)", re.IGNORECASE)
#: The words an ask for an amount names the amount by ("salary", "range"), not whom it is of.
AMOUNT_WORDS = MONEY_WORDS | frozenset(
    ["range", "amount", "figure", "number", "money", "dollars", "year", "month", "hour", "market",
     "engineer", "engineers", "mlops", "dough", "cash", "bucks", "tag", "paycheck"]
)  # fmt: skip


def of_whom(
    reading: Reading,
    said: list[str],
    quantity: re.Pattern[str] | None,
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    threshold: float,
    same_word: float,
) -> str | None:
    """What an amount or a duration asked of no item is of, that the lines stating one do not
    say: "what would a *beginner* earn?", "a *signing bonus*", "years until *promotion*",
    "what do they make *in Texas*?"."""
    stating = [t for t in said if quantity and quantity.search(t)]
    if reading.kind == "duration" and stating:
        return _of_what_timed(reading.ask, said, reader, vocabulary, embed, threshold)
    if reading.kind != "amount" or not stating:
        return None
    if EARNINGS.search(reading.ask):  # what people earn is not what a certification costs
        stating = [t for t in stating if EARNINGS.search(t)]
        if not stating:
            return reading.kind
    if _DEPENDS.search(reading.ask) and any(_DEPENDING.search(t) for t in stating):
        return None  # "what does the pay depend on?": "… depending on experience and company"
    # a name an amount is asked for ("in *Washington*", "at *Google*") is in a line stating one
    unpriced = [n for n in reading.names if not said_in(n, stating) and not said_spelt(n, stating)]
    if unpriced:
        return unpriced[0]
    thing = _unpriced_thing(reading.ask, stating, vocabulary)
    if thing:
        return thing
    where = _unsaid_condition(reading.ask, stating, reader, vocabulary, embed, same_word)
    if where:
        return where
    if all(w in AMOUNT_WORDS or vocabulary.is_form(w) for w in ask_words(reading.ask)):
        return None  # every word the guide's own: nothing to tag (spaCy stays unloaded)
    # of whom: a word the guide never uses ("beginner", "bonus"), not one of its ("devops")
    guide_words = {  # nor a verb's -ing form the tagger took for a noun ("switching")
        w for w in reader.nouns(reading.ask) if vocabulary.is_form(w) or w.endswith("ing")
    }  # nor the asker's own people ("how much can *my son* earn?"), nor the words marking
    # the ask's theme ("the top pay at *google n facebook*": assistant/themes.py)
    theirs = askers_own(reading.ask) | marked_words(reading.ask, members=True)
    # near in meaning to what the amount is of, not to the amount itself: "tax" and "stock"
    # are near "compensation" and stated nowhere
    unpaid = [MONEY.sub(" ", t) for t in stating]
    return unsaid_noun(
        reading.ask,
        unpaid,
        AMOUNT_WORDS | guide_words | theirs,
        reader,
        vocabulary,
        embed,
        threshold,
    ) or _unsaid_qualifier(reading.ask, stating, theirs, reader, vocabulary)


#: A bare noun phrase of pay and what it is of ("mlops pay *sf*", "mlops salary *bay area*").
_BARE = re.compile(
    r"^\W*(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(sorted(_EARNED | {"comp"}, key=len, reverse=True))
    + r")\s+(?P<rest>[\w\s-]+?)\W*$",
    re.IGNORECASE,
)


def _bare_qualifier(ask: str, stating: list[str]) -> str | None:
    """The first word after the pay word of a bare phrase that the lines stating pay do not
    say: a place, a level or a kind of employer typed without "in" or "at" ("mlops pay sf")."""
    m = _BARE.match(ask)
    if m is None or len(ask.split()) > PHRASE_MAX_WORDS:
        return None
    for word in m.group("rest").lower().split():
        skip = word in AMOUNT_WORDS or word in FRAME_WORDS or word in STOPWORDS or word in _BOUNDS
        if not skip and not said_in(word, stating):
            return word
    return None


def unsaid_noun(
    ask: str,
    own: list[str],
    named: set[str] | frozenset[str],
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    threshold: float,
    nominal: bool = False,
) -> str | None:
    """The first common noun (`nominal`: noun or adjective) of the ask that `own` neither says
    nor means (below `threshold`), frame words, `named` and the words of another language the
    ask is written partly in aside ("CKA *cuánto cuesta*?" asks of the CKA, in Spanish)."""
    named = set(named) | asker_language(ask, vocabulary)
    words = [
        w
        for w in (reader.nominal(ask) if nominal else reader.nouns(ask))
        if tokenize(w) and w not in FRAME_WORDS and w not in STRUCTURAL and w not in named
    ]
    unsaid = [w for w in words if not said_in(w, own)]
    if not unsaid:
        return None
    near = vocabulary.matches(" ".join(unsaid), embed, own)
    weak = [w for w in unsaid if near.get(w, 1.0) < threshold]
    return weak[0] if weak else None


#: A path's end that is the role: "be *one*", "do *this job*", "become an MLOps *engineer*".
_THE_ROLE = re.compile(r"\b(?:one|ones|engineers?|mlops|job|role|position)\b", re.IGNORECASE)


def times_becoming(ask: str) -> bool:
    """Does a duration ask time the path to the role ("how long before they could do this
    job?"), not something else ("how long to fill a role?", "how long is on-call?")?"""
    end = _BECOMING.search(_FROM.sub(" ", ask))
    return end is not None and bool(_THE_ROLE.search(end.group("end")))


def _of_what_timed(
    ask: str,
    said: list[str],
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> str | None:
    """What a duration is asked of that the evidence does not time (it times the path, by its
    heading): "years until *promotion*", "time-to-*hire*"."""
    ask = _timed_part(ask)
    if (timed := _TIMED.search(ask)) and not said_in(timed.group(1), said):
        return timed.group(1)  # "time-to-*hire*": a span of what ends it
    if all(w in AMOUNT_WORDS or said_in(w, said) for w in ask_words(ask)):
        return None
    theirs = askers_own(ask) | _AT_ALL
    return unsaid_noun(
        ask, said, AMOUNT_WORDS | theirs, reader, vocabulary, embed, threshold
    ) or _unsaid_qualifier(ask, said, theirs, reader, vocabulary)


def _timed_part(ask: str) -> str:
    """What a duration ask times: where the path ends, not where or who it starts from."""
    ask = _FROM.sub(" ", ask)
    return end.group("end") if (end := _BECOMING.search(ask)) else ask


def _unsaid_qualifier(
    ask: str, stating: list[str], own: frozenset[str], reader: Reader, vocabulary: Vocabulary
) -> str | None:
    """The first word naming whom an amount or a duration is of that the lines stating them do
    not say, word for word: a word naming people, or a word before it in its phrase ("a
    *junior* MLOps engineer", "MLOps *interns*", "years for a *senior* engineer"). A line that
    pays "depending on experience" gives no level's pay, however near "junior" is to
    "experience" in meaning. Not a word the guide uses ("a *devops* engineer switching to
    MLOps"), nor one of `own`, the asker's own people."""
    for phrase in reader.phrases(ask):
        # its last word naming people ("a senior MLOps engineer need?": the tagger may take
        # the verb after it for the phrase's last noun), or what they earn ("a *junior* salary")
        people = [
            i
            for i, w in enumerate(phrase)
            if is_person(w, head=not any(is_noun(x) for x in phrase[i + 1 :]))
            or is_occupation(w)
            or w in _EARNED
            or (i == len(phrase) - 1 and w in _EARNERS)
        ]  # the head: no noun after it ("a new *graduate* earn", the verb tagged a noun)
        after = re.search(rf"\b{re.escape(phrase[-1])}\s+(\w+)", ask, re.IGNORECASE)
        if not people and after and is_person(after.group(1)):
            people = [len(phrase) - 1]  # "a junior mlops *engineer* with …", tagged a verb
        for w in phrase[: people[-1] + 1] if people else ():
            skip = w in AMOUNT_WORDS or w in FRAME_WORDS or w in _BOUNDS or w in own
            skip = skip or vocabulary.is_form(w)
            if not skip and tokenize(w) and not said_in(w, stating):
                return w
    return None


#: What may open where an amount is earned or whom it is for ("make *in* Texas", "earn *at*
#: telecom companies", "and *in* canada?", "and *for* data scientists").
_CONDITION = re.compile(r"\b(in|at|for)\s+(?:(?:the|an?)\s+)?", re.IGNORECASE)
#: Words after which such a phrase opens the condition of the whole ask ("what about *in* X").
_OPENING = frozenset(["and", "about", "or", "but", "like"])


def _unsaid_condition(
    ask: str,
    stating: list[str],
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    same_word: float,
) -> str | None:
    """The first word of a place, an employer or a trade an amount is asked in or at, or of the
    people it is asked for, right after the amount, the people it is of or the opening of the
    ask, that the lines stating one do not say: "what do they make *in Texas*?", "the pay like
    *in healthcare*", "earn at *telecom* companies", "and *for data scientists*, what range?".
    A line that pays "depending on experience and company" gives no trade's pay, however near
    "healthcare" is to "company" in meaning; a word as near one it says as a form of it is
    (`same_word`: "firms" of "company") is said. A word the guide uses is said by it only if
    it names no place and no people ("Texas" stands in the guide without a figure)."""
    nominal, theirs = reader.nominal(ask), askers_own(ask) | group_words(ask)
    for m in _CONDITION.finditer(ask):
        before = re.findall(r"[\w'-]+", ask[: m.start()].lower())[-1:]
        if before and not (
            before[0] in _OPENING or before[0] in AMOUNT_WORDS or EARNINGS.fullmatch(before[0])
        ):
            continue
        phrase = []
        for w in re.findall(r"[\w&'-]+", ask[m.end() :].lower()):
            if w not in nominal and not set(w.split("-")) <= nominal:  # the tagger's "non-profit"
                break  # the phrase ends ("in texas *specifically*")
            phrase.append(w)
        people = [w for w in phrase if is_person(w) or is_occupation(w)]
        if m.group(1).lower() == "for":  # "for the salary numbers": what is asked, not whom;
            phrase = people  # for people, whom: their level is _unsaid_qualifier's ("senior")
        for w in phrase:
            unsaid = not said_in(w, stating) and (
                w in people or not vocabulary.is_form(w) or is_place(w)
            )
            if (
                unsaid
                and stem(w) not in FRAME_STEMS | MONEY_STEMS
                and w not in theirs | _WORKPLACES
            ):
                near = vocabulary.matches(w, embed, stating).get(w, 0.0)
                if tokenize(w) and w not in _BOUNDS | AMOUNT_WORDS and near < same_word:
                    return w
    return None


def unpaid_people(ask: str, said: list[str], reader: Reader) -> str | None:
    """The people a comparison of pay names whom no line stating pay says, every word of
    them: "*ML engineers*" in "what do ML engineers earn compared to MLOps engineers?" (the
    guide states the pay of MLOps Engineers), "a *senior* MLOps engineer … vs a mid-level one";
    "amount" when the ask names pay and no line states it."""
    stating = [t for t in said if EARNINGS.search(t) and MONEY.search(t)]
    if not stating:  # "ml engineer vs mlops salary?" of lines that state no pay
        return "amount" if MONEY.search(ask) else None
    for phrase in reader.phrases(ask):
        if phrase and is_person(phrase[-1], head=True) and not said_in(" ".join(phrase), stating):
            return " ".join(phrase)
    return None


__all__ = ["AMOUNT_WORDS", "EARNINGS", "of_whom", "times_becoming", "unpaid_people", "unsaid_noun"]
