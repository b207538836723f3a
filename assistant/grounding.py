"""Grounding what a question names and asks about in the guide's own words, for the scope
policy (assistant/policy.py). Takes the question's reading and the guide's terms, vocabulary
and tagger; gives the names the guide never names and the words a yes/no ask turns on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.items import Terms, ask_words, said_in, said_spelt
from assistant.lexicon import (
    is_noun,
    is_occupation,
    is_person,
    is_place,
    may_name_a_place_or_body,
)
from assistant.policy import STATED
from assistant.question import STRUCTURAL, Reading
from assistant.scope import Reader
from assistant.selection import Selector
from assistant.text import tokenize
from assistant.vocabulary import FRAME_WORDS, MONEY_WORDS, Vocabulary, is_english, is_term, stem

#: Shorter words the dictionary lacks are slang or abbreviations ("lol", "pls"), not terms.
TERM_MIN_LENGTH = 4


def property_words(reading: Reading, matches: dict[str, float], reader: Reader) -> list[str]:
    """The words a yes/no ask asks about that the guide does not use: its nouns and
    adjectives (spaCy's tagger; only when there are such words, as it loads spaCy) that are
    English words or terms ("bootcamp"), as a typo or slang ("pls") says nothing of the
    property, and not a word for a part of the guide ("the ML fundamentals *stage*")."""
    if not reading.yes_no or reading.selection is not None or not matches:
        return []  # a selection over the items' prices is computed ("is it the cheapest?")
    # the opposite it offers is no property to find ("… or is it a waste of money?")
    main = _ALTERNATIVE.split(reading.ask)[0]
    nominal = reader.nominal(main)
    # the asker's own people are who asks, not what ("does *my teenager* need a degree?")
    theirs = askers_own(main)
    return [
        w
        for w in matches
        if w in nominal
        and (is_english(w) or is_term(w))
        and w not in STRUCTURAL
        and w not in theirs
    ]


#: "my son", "our new hire": a person of the asker's (the word after a first-person possessive).
_ASKERS_OWN = re.compile(r"\b(?:my|our)\s+(\w+)(?:\s+(\w+))?")


def askers_own(text: str) -> frozenset[str]:
    """The asker's own people the text names ("son" in "will my son need …")."""
    return frozenset(w for pair in _ASKERS_OWN.findall(text.lower()) for w in pair if is_person(w))


#: "…, or is it all Python?", "or is that overblown?": the other answer a yes/no ask offers.
_ALTERNATIVE = re.compile(
    r",?\s+or\s+(?:is|are|was|were|do|does|did|would|will|can|could|should)"
    r"\s+(?:it|that|this|they|there|you|u|i)\b",
    re.IGNORECASE,
)


def unjudged(reading: Reading, said: list[str], reader: Reader) -> str | None:
    """A judgement the ask wants between things that the evidence does not make: a word that
    grades them ("easier", "fastest", "more popular") in an ask that chooses ("which one",
    "… or …"), said nowhere in the evidence. Prices are compared by computing ("cheapest");
    "best" and "better" only frame an ask."""
    if reading.selection is not None or not _CHOOSING.search(reading.ask):
        return None
    words = {stem(w) for t in said for w in tokenize(t)}
    for word in reader.graded(reading.ask):
        if word in FRAME_WORDS or _PRICED.match(word) or not word.isalpha() or is_noun(word):
            continue  # a noun the tagger took for a comparative ("talker")
        bases = {word, _COMPARED_BASE.sub("y", word), _DOUBLED.sub(r"\1", word)}
        if not {stem(b) for b in bases} & words:
            return word
    return None


#: An ask that chooses among things: "which one …", "airflow or dagster, …".
_CHOOSING = re.compile(r"\b(?:which|whichever)\b|\w\s+or\s+\w", re.IGNORECASE)
#: Grading by price or amount, computed over the guide's items and figures.
_PRICED = re.compile(r"(?:cheap|expensive|costl|pric|afford|high|low|dear)", re.IGNORECASE)
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
    people = [
        w
        for i, w in enumerate(words)
        if tokenize(w)
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


#: A manner ask, at the start or after its topic ("tool sprawl - how do people deal?").
_MANNER = re.compile(
    r"(?:^|\s[-–—:]+|[,;:])\W*(?:(?:and|so|ok|but)\W+)*(?:how|why)\b", re.IGNORECASE
)


def common_abbreviation(name: str) -> bool:
    """A short word in capitals that is an ordinary word ("AM", "PM", "IT"), not one that may
    name a place or a body ("US", "LA", "EU") nor an acronym the dictionary lacks ("SRE")."""
    return (
        len(name) <= 3
        and name.isupper()
        and is_english(name.lower())
        and not may_name_a_place_or_body(name)
    )


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
        and terms.specific(n, share)
        and not said_in(terms.expansion(n) or n, said)
        and not said_spelt(n, said)
    ]


def unsaid_attribute(
    reading: Reading,
    said: list[str],
    named_by_words: set[str],
    selector: Selector,
    vocabulary: Vocabulary,
    reader: Reader,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> str | None:
    """What the ask wants of the one item it names that the item's line does not give, by
    word or near meaning (below `threshold`): "the *passing score* of the Terraform
    Associate", "seldon core *license*?". The guide gives an item's name, price and a line.
    `named_by_words`: the items the ask names in lower case (Selector.named_by_words).
    An amount, a duration, a rate or a number must be stated in the item's own line ("How
    much does Tecton cost?": the guide prices only the certifications); the ask's kind is
    then what it wants. An amount asked of no item is of whom or what the lines stating
    amounts say ("what would a *beginner* earn?", "a *signing bonus*")."""
    quantity = STATED.get(reading.kind)
    if reading.yes_no or (quantity is None and reading.kind != "other"):
        return None
    if quantity is None and _MANNER.search(reading.ask):
        return None  # "how do people deal with the tool fragmentation one?" asks no attribute
    item = _asked_item(reading, said, named_by_words, selector)
    if item is None:
        stating = [t for t in said if quantity and quantity.search(t)]
        if reading.kind != "amount" or not stating:
            return None
        if all(w in _AMOUNT_WORDS or vocabulary.is_form(w) for w in ask_words(reading.ask)):
            return None  # every word the guide's own: nothing to tag (spaCy stays unloaded)
        # of whom: a word the guide never uses ("beginner", "bonus"), not one of its ("devops")
        guide_words = {  # nor a verb's -ing form the tagger took for a noun ("switching")
            w for w in reader.nouns(reading.ask) if vocabulary.is_form(w) or w.endswith("ing")
        }  # nor the asker's own people ("how much can *my son* earn?")
        known = _AMOUNT_WORDS | guide_words | askers_own(reading.ask)
        return _unsaid_noun(
            reading.ask, stating, known, reader, vocabulary, embed, threshold
        ) or _unsaid_qualifier(reading.ask, stating, askers_own(reading.ask), reader)
    if quantity is not None and not quantity.search(item.unit.text):
        return reading.kind
    own = [item.unit.text, item.group, *item.section.path]  # the item's line, not its neighbours'
    named = set(ask_words(item.name))
    if quantity is not None:  # of the item, not of a thing beside it ("study *materials* for …")
        if all(
            w in named or w in _AMOUNT_WORDS or vocabulary.is_form(w)
            for w in ask_words(reading.ask)
        ):
            return None  # every word the item's or the guide's (spaCy stays unloaded)
        named |= _AMOUNT_WORDS | askers_own(reading.ask)
    return _unsaid_noun(reading.ask, own, named, reader, vocabulary, embed, threshold)


#: The words an ask for an amount names the amount by ("salary", "range"), not whom it is of.
_AMOUNT_WORDS = MONEY_WORDS | frozenset(
    ["range", "amount", "figure", "number", "money", "dollars", "year", "month", "hour",
     "engineer", "engineers", "mlops", "dough", "cash", "bucks", "tag", "paycheck"]
)  # fmt: skip


def _unpriced(reading: Reading, said: list[str], named: dict[str, Any]) -> str | None:
    """A comparison of the prices of items the ask names (`named`) and the evidence quotes, one
    of which the guide does not price ("What does Tecton cost compared with running Feast?"):
    "amount", else None."""
    if not set(ask_words(reading.ask)) & MONEY_WORDS:
        return None
    items = [i for i in named.values() if any(i.unit.text in t for t in said)]
    amount = STATED["amount"]
    if len(items) >= 2 and not all(amount.search(i.unit.text) for i in items):
        return "amount"
    return None


def _named_items(
    reading: Reading, named_by_words: set[str], selector: Selector, both: bool = False
) -> dict[str, Any]:
    """The listed items the ask types as names ("CKA"), else (or `both`: and) those it names in
    lower case or at the start of a sentence ("kubeflow vs MLflow")."""
    items = {i.name: i for i in selector.named_in(reading.names)}
    if both or not items:
        for name in named_by_words:
            items.update({i.name: i for i in selector.named_in((name,))})
    return items


def _asked_item(
    reading: Reading, said: list[str], named_by_words: set[str], selector: Selector
) -> Any:
    """The one listed item the ask names (or points at as "that one") whose line the evidence
    quotes, or None."""
    items = _named_items(reading, named_by_words, selector)
    asked = set(ask_words(reading.ask))
    # "the pass mark on *that one*?": the item the evidence opens with, when the ask types no
    # item's name of its own
    if not items and reading.refers_back and said and not _types_an_item(asked, selector):
        items = {i.name: i for i in selector.items if i.unit.text == said[0]}
    # a named thing of a list ("HashiCorp Terraform Associate ($70): …"), not a line ("MLOps
    # Engineers earn …") nor a step of the path
    items = {n: i for n, i in items.items() if i.description and i.unit.kind == "item"}
    if len(items) > 1:  # "the azure ai engineer cert": the item most of whose name it types
        overlap = {n: len(asked & set(ask_words(n))) for n in items}
        most = max(overlap.values())
        items = {n: i for n, i in items.items() if overlap[n] == most}
    if len(items) != 1:
        return None
    (item,) = items.values()
    return item if any(item.unit.text in t for t in said) else None


def _unsaid_noun(
    ask: str,
    own: list[str],
    named: set[str] | frozenset[str],
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> str | None:
    """The first common noun of the ask that `own` neither says nor means (below
    `threshold`), frame words and `named` aside."""
    words = [
        w
        for w in reader.nouns(ask)
        if tokenize(w) and w not in FRAME_WORDS and w not in STRUCTURAL and w not in named
    ]
    unsaid = [w for w in words if not said_in(w, own)]
    if not unsaid:
        return None
    near = vocabulary.matches(" ".join(unsaid), embed, own)
    weak = [w for w in unsaid if near.get(w, 1.0) < threshold]
    return weak[0] if weak else None


def _unsaid_qualifier(
    ask: str, stating: list[str], own: frozenset[str], reader: Reader
) -> str | None:
    """The first word naming whom an amount is of that the lines stating amounts do not say,
    word for word: the head of a phrase naming people, or a word before it ("a *junior* MLOps
    engineer", "MLOps *interns*"). A line that pays "depending on experience" gives no level's
    pay, however near "junior" is to "experience" in meaning; `own`: the asker's own people."""
    for head, before in reader.phrases(ask):
        if not (is_person(head) or is_occupation(head)):
            continue
        for w in (*before, head):
            skip = w in _AMOUNT_WORDS or w in FRAME_WORDS or w in STRUCTURAL or w in own
            if not skip and tokenize(w) and not said_in(w, stating):
                return w
    return None


def _types_an_item(asked: set[str], selector: Selector) -> bool:
    return any(asked & set(ask_words(i.name)) for i in selector.items if i.description)


def items_asked(
    reading: Reading,
    said: list[str],
    named: set[str],
    selector: Selector,
    vocabulary: Vocabulary,
    reader: Reader,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> dict[str, Any]:
    """How many items the ask names the evidence quotes, what it wants of one item that its
    line does not give, and the judgement between things the evidence does not make (a policy
    Case's `compared`, `unsaid_attribute` and `unjudged`); `named`: the items the ask names in
    lower case (Selector.named_by_words). spaCy is read only for an ask with a word the guide
    does not use ("easier")."""
    items = _named_items(reading, named, selector, both=True)
    if reading.kind == "compare" and not reading.yes_no:
        attribute = _unpriced(reading, said, items)
    else:
        attribute = unsaid_attribute(
            reading, said, named, selector, vocabulary, reader, embed, threshold
        )
    judged = unjudged(reading, said, reader) if vocabulary.unknown(reading.ask) else None
    return {
        "unjudged": judged if said else None,
        "compared": len([n for n in items if said_in(n, said)]),
        "unsaid_attribute": attribute if said else None,
    }


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
    out = [n for n in names if not terms.grounded(n) and not common_abbreviation(n)]
    # a place typed in lower case ("mlops salary uk?"); as typed in capitals it is a name
    out += [
        w.upper() if len(w) <= 3 else w.title()
        for w in tokenize(text)
        if w not in vocabulary.exact and w != "us" and is_place(w) and not terms.grounded(w)
    ]  # "us" in lower case is the pronoun
    unknown = vocabulary.unknown(text)
    if not unknown:
        return out
    # one letter off an acronym of the guide is another acronym ("ckad", not "cka")
    out += [w.upper() for w in unknown if vocabulary.acronym_variant(w) and w.upper() not in out]
    # Lower-case words are ordinary words, matched by spelling and meaning (coverage); places
    # (above, from WordNet: spaCy's entity recogniser found none more on ~1,900 questions, at
    # ~4 ms a question) and terms are names in lower case too.
    candidates = [w for w in unknown if len(w) >= TERM_MIN_LENGTH and is_term(w)]
    if candidates:
        near = vocabulary.matches(" ".join(candidates), embed)
        out += [w for w in candidates if near.get(w, 1.0) < term_coverage and w not in out]
    return list(dict.fromkeys(out))


__all__ = [
    "TERM_MIN_LENGTH",
    "common_abbreviation",
    "unsaid",
    "other_people",
    "property_words",
    "ungrounded",
    "unsaid_attribute",
]
