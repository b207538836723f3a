"""What an ask wants of the one item it names, or of whom an amount is, that the lines the
answer quotes do not give, for the scope policy (assistant/policy.py): the passing score of a
certification, the licence of a tool, a junior engineer's pay, whether a tool is free. Also how
many of the items it names the evidence quotes, and the judgement between them it wants.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from assistant.amounts import AMOUNT_WORDS, EARNINGS, of_whom, unpaid_people, unsaid_noun
from assistant.asking import ALTERNATIVE, YES_NO
from assistant.defining import asks_what_it_is
from assistant.grounding import WHY, askers_own, unjudged, unpicked
from assistant.owning import main_theme, marked_words, owns_up
from assistant.policy import STATED
from assistant.question import Reading
from assistant.remedies import handling
from assistant.scope import MLOPS, Reader, is_prompt
from assistant.selection import Selector
from assistant.terms import ask_words, said_in
from assistant.text import STOPWORDS, tokenize
from assistant.vocabulary import (
    FRAME_STEMS,
    FRAME_WORDS,
    MONEY_STEMS,
    MONEY_WORDS,
    Vocabulary,
    stem,
)

#: A manner ask, at the start or after its topic ("tool sprawl - how do people deal?").
_MANNER = re.compile(
    r"(?:^|\s[-–—:]+|[,;:])\W*(?:(?:and|so|ok|but)\W+)*(?:how|why)\b", re.IGNORECASE
)

#: "A vs B", and the clause each side stands in ("data drift vs concept drift - is that asked?").
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?=\s)", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:?!()]|\s[-–—]+\s")


def sides_said(ask: str, said: list[str], vocabulary: Vocabulary) -> int:
    """How many sides of an "A vs B" ask the evidence says, each side being the run of guide
    words nearest "vs" (past a word the guide does not use: "plain"), as one phrase in a line
    that states, not an interview question: "What is ML-specific here vs plain DevOps?"
    ("ML-specific", "DevOps"), "open source vs enterprise options" (Feast's and Tecton's
    lines); not "mlops pay vs *data engineer* pay"."""
    m = _VERSUS.search(ask)
    if m is None or MONEY_STEMS & set(_stems(ask)):
        return 0  # amounts are compared by computing over the priced items, not side by side
    before, after = _CLAUSE.split(ask[: m.start()])[-1], _CLAUSE.split(ask[m.end() :])[0]
    lines = [f" {' '.join(_stems(t))} " for t in said if not is_prompt(t)]
    runs = [
        _guide_run(_stems(before)[::-1], vocabulary)[::-1],
        _guide_run(_stems(after), vocabulary),
    ]
    return sum(bool(run) and any(f" {' '.join(run)} " in line for line in lines) for run in runs)


def _guide_run(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """The first run of guide words in `words` (stems), past the words the guide lacks."""
    run: list[str] = []
    for word in words:
        if word in vocabulary.stems and word not in FRAME_STEMS:
            run.append(word)
        elif run:
            break
    return run


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower())]


_WORD = re.compile(r"[a-z0-9]+(?:[-&][a-z0-9]+)*")  # "ml-specific", "w&b"


def unsaid_attribute(
    reading: Reading,
    said: list[str],
    named_by_words: set[str],
    selector: Selector,
    vocabulary: Vocabulary,
    reader: Reader,
    embed: Callable[[list[str]], Any],
    threshold: float,
    same_word: float,
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
    if quantity is None and (reading.yes_no and main_theme(reading.ask) or owns_up(reading.ask)):
        return None  # "is on-call a big deal?": what its theme's lines state (themes.py)
    if reading.yes_no:
        unsaid = _unsaid_property(reading, said, named_by_words, selector, reader, vocabulary,
                                  embed, threshold)  # fmt: skip
        if (
            unsaid
            or reading.kind != "amount"
            or _asked_item(reading, said, named_by_words, selector)
        ):
            return unsaid
        # "is that before tax?" of the salary: what the amount is of, as in a wh-ask
        return of_whom(reading, said, quantity, reader, vocabulary, embed, threshold, same_word)
    if quantity is None and reading.kind != "other":
        return None
    if quantity is None and (_MANNER.search(reading.ask) or handling(reading.ask)):
        return None  # "how do people deal with the tool fragmentation one?", "the remedy?"
    item = _asked_item(reading, said, named_by_words, selector)
    if item is None:
        return of_whom(reading, said, quantity, reader, vocabulary, embed, threshold, same_word)
    if quantity is not None and not quantity.search(item.unit.text):
        return reading.kind
    earnings = reading.kind == "amount" and EARNINGS.search(reading.ask)
    if earnings and not EARNINGS.search(item.unit.text):  # "what does Google pay?": a price
        return reading.kind  # is no pay
    own = _own_lines(item)
    named = set(ask_words(item.name)) | marked_words(reading.ask)  # "*paged at night*"
    if quantity is not None:  # of the item, not of a thing beside it ("study *materials* for …")
        if all(
            w in named or w in AMOUNT_WORDS or vocabulary.is_form(w) for w in ask_words(reading.ask)
        ):
            return None  # every word the item's or the guide's (spaCy stays unloaded)
        named |= AMOUNT_WORDS | askers_own(reading.ask)
    if item.description and quantity is None and asks_what_it_is(reading.ask, named):
        return None  # "whats triton, saw it in a job post": what its line says, all of it
    named |= _DESCRIBED if item.description else set()  # its line says what it is for
    return unsaid_noun(reading.ask, own, named, reader, vocabulary, embed, threshold)


#: What an item is for, which the description of its line states: "for what *reason* is it
#: considered important?", "its stated *relevance* to the role".
_DESCRIBED = frozenset(
    ["reason", "reasons", "relevance", "importance", "purpose", "value", "point", "use", "role"]
)


def _own_lines(item: Any) -> list[str]:
    """What the guide says of one item: its line, its list's title and its section's path, not
    its neighbours' lines."""
    return [item.unit.text, item.group, *item.section.path]


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
    # item's name of its own and counts no list ("how many challenges …, and what are *they*?")
    counts = reading.selection is not None and reading.selection.op == "count"
    if (
        not items
        and reading.refers_back
        and said
        and not counts
        and not _types_an_item(asked, selector)
    ):
        items = {i.name: i for i in selector.items if i.unit.text == said[0]}
    # a named thing of a list ("HashiCorp Terraform Associate ($70): …"), not a line ("MLOps
    # Engineers earn …") nor a step of the path
    items = {n: i for n, i in items.items() if i.description and i.unit.kind == "item"}
    if len(items) > 1:  # "the azure ai engineer cert": the item most of whose name it types
        overlap = {n: len(asked & set(ask_words(n))) for n in items}
        most = max(overlap.values())
        items = {n: i for n, i in items.items() if overlap[n] == most}
    quantity = STATED.get(reading.kind)
    if len(items) > 1 and quantity is not None:  # the one whose line states what is asked:
        stating = {n: i for n, i in items.items() if quantity.search(i.unit.text)}
        items = stating if len(stating) == 1 else items  # "the Kubernetes exam": not the tool
    if len(items) > 1 and _ONE.search(reading.ask):  # "that AWS one": the one the evidence
        items = {n: i for n, i in items.items() if any(i.unit.text in t for t in said)}  # quotes
    if len(items) != 1:
        return None
    (item,) = items.values()
    return item if any(item.unit.text in t for t in said) else None


#: An item pointed at by a word of its name: "that *AWS one*", "the google one".
_ONE = re.compile(r"\b(?:that|this|the)\s+(?:[\w/&+-]+\s+){1,2}one\b", re.IGNORECASE)


def _unsaid_property(
    reading: Reading,
    said: list[str],
    named_by_words: set[str],
    selector: Selector,
    reader: Reader,
    vocabulary: Vocabulary,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> str | None:
    """What a yes/no ask says of the one item it names that the item's own line neither says
    nor means (below `threshold`): "is kubeflow *free*?", "is Evidently AI *paid*?"."""
    if reading.selection is not None:
        return None  # "is it the cheapest?" is computed over the items' prices
    item = _asked_item(reading, said, named_by_words, selector)
    if item is None:
        return None
    own = _own_lines(item)
    named = set(ask_words(item.name)) | marked_words(reading.ask)  # "*paged at night*"
    if all(w in named or said_in(w, own) for w in ask_words(reading.ask)):
        return None  # every word the item's own line says (spaCy stays unloaded)
    main = ALTERNATIVE.split(reading.ask)[0]  # not the opposite it offers ("… or paid?")
    # a thing the guide never names is not near one it says ("a student *discount*" is not
    # "$395"): said word for word in the item's lines (a price word by a price)
    priced = MONEY_WORDS if STATED["amount"].search(item.unit.text) else frozenset()
    unnamed = FRAME_WORDS | priced | named | askers_own(main)
    strange = [
        w
        for w in reader.nouns(main)
        if tokenize(w) and w not in unnamed and not vocabulary.is_form(w) and not said_in(w, own)
    ]
    if strange:
        return strange[0]
    others = [i.unit.text for i in selector.items if i.unit.text != item.unit.text]
    # named ("is *Arize* open source?") or pointed at ("does *the last one* offer a …?")
    pointed = bool(set(ask_words(item.name)) & set(ask_words(main))) or reading.ordinal is not None
    given = _given_others(main, own, others, unnamed, reader, embed, threshold) if pointed else None
    return given or unsaid_noun(
        main, own, named, reader, vocabulary, embed, threshold, nominal=True
    )


def _given_others(
    ask: str,
    own: list[str],
    others: list[str],
    unnamed: frozenset[str] | set[str],
    reader: Reader,
    embed: Callable[[list[str]], Any],
    threshold: float,
) -> str | None:
    """A property the guide gives other items in their lines and neither says nor means (below
    `threshold`) in this one's: "is Arize *open source*?" (Feast's line says so, Arize's does
    not). A guide word is no unknown word, so only such a comparison finds it unsaid."""
    words = [
        w
        for w in reader.nominal(ask)
        if tokenize(w) and w not in unnamed and not said_in(w, own) and said_in(w, others)
    ]
    own_words = [w for t in own for w in tokenize(t)]
    if not words or not own_words:
        return words[0] if words else None
    near = (embed(words) @ embed(own_words).T).max(axis=1)
    weak = [w for w, score in zip(words, near, strict=True) if score < threshold]
    return weak[0] if weak else None


def _types_an_item(asked: set[str], selector: Selector) -> bool:
    return any(asked & set(ask_words(i.name)) for i in selector.items if i.description)


#: A pay named as what is asked, in an ask of no other kind ("entry level mlops salary straight
#: outta college??"): an amount is wanted; not where the figures come from.
_PAY_ASKED = re.compile(
    r"^(?!.*\b(?:sources?|sourced|cited?|where)\b).*\b(?:salar(?:y|ies)|pay|wages?|income"
    r"|compensation|comp)\b",
    re.IGNORECASE,
)


def _yes_no(reading: Reading) -> bool:
    return reading.yes_no or bool(YES_NO.match(reading.ask))  # or it opens one ("Is that …?")


def items_asked(
    reading: Reading,
    said: list[str],
    named: set[str],
    selector: Selector,
    vocabulary: Vocabulary,
    reader: Reader,
    embed: Callable[[list[str]], Any],
    threshold: float,
    same_word: float,
) -> dict[str, Any]:
    """How many items the ask names the evidence quotes, what it wants of one item that its
    line does not give, and the judgement between things the evidence does not make (a policy
    Case's `compared`, `unsaid_attribute`, `unjudged`); `named`: Selector.named_by_words."""
    items = _named_items(reading, named, selector, both=True)
    if reading.kind == "compare" and not reading.yes_no:
        attribute = _unpriced(reading, said, items)
        quoted = [i for i in items.values() if any(i.unit.text in t for t in said)]
        if attribute is None and not quoted and EARNINGS.search(reading.ask):
            # "what do ML engineers earn compared to MLOps engineers?": the pay of each side
            # is an amount asked of whom, stated only of one
            amount = dataclasses.replace(reading, kind="amount")
            attribute = unpaid_people(reading.ask, said, reader) or of_whom(
                amount, said, STATED["amount"], reader, vocabulary, embed, threshold, same_word
            )
    else:
        if reading.kind == "other" and _PAY_ASKED.search(reading.ask) and not _yes_no(reading):
            reading = dataclasses.replace(reading, kind="amount")  # "entry level salary?"
        attribute = unsaid_attribute(
            reading, said, named, selector, vocabulary, reader, embed, threshold, same_word
        )
    judged = unjudged(reading, said, reader) if vocabulary.unknown(reading.ask) else None
    judged = judged or unpicked(reading, said, reader, vocabulary, embed, threshold)
    judged = judged or role_unjudged(reading.ask, said)  # "MLOps or data science, which …"
    return {
        "unjudged": judged if said else None,
        "compared": max(
            len([n for n in items if said_in(n, said)]), sides_said(reading.ask, said, vocabulary)
        ),
        "unsaid_attribute": attribute if said else None,
    }


__all__ = ["items_asked", "unsaid_attribute"]


#: Where an ask sets one thing against another: "A or B", "A vs B", "A than B".
_SIDES = re.compile(r"\s(?:or|vs\.?|versus|than)\s", re.IGNORECASE)
#: A judgement asked between the two: "better", "easier", "a better fit", "should … be".
_JUDGING = re.compile(
    r"\b(?:better|worse|best|easier|harder|fit|should|pays?\s+more|more\s+money|prefer\w*"
    r"|recommend\w*|which)\b",
    re.IGNORECASE,
)
#: A line that sets two things against each other ("*While* ML Engineers focus on …").
_CONTRASTING = re.compile(r"\b(?:while|whereas|than|unlike|rather|instead|versus)\b", re.I)
#: Words that end a side: what follows the thing set against the role ("data analyst *which*
#: one has …", "data scientist *like* …").
_SIDE_END = frozenset(["which", "that", "who", "like", "straight", "from", "if", "for", "when"])


def _side(words: list[str]) -> list[str]:
    """The run of content words a side opens with, past its leading function words."""
    run: list[str] = []
    for w in words:
        low = w.lower()
        if low in STOPWORDS or low in FRAME_WORDS or low in _SIDE_END:
            if run:
                break
            continue
        run.append(low)
    return run


def role_unjudged(ask: str, said: list[str]) -> str | None:
    """The other line of work an ask sets the role against in a judgement ("should our first
    hire be an MLOps engineer or a data scientist?", "mlops vs data analyst, which has better
    work-life balance?"), when no line of the evidence sets the two against each other (as
    "While ML Engineers focus on …, MLOps Engineers focus on …" does): the guide describes the
    role, not the lines of work beside it."""
    m = _SIDES.search(ask)
    if m is None or not _JUDGING.search(ask) or not MLOPS.search(ask):
        return None
    if WHY.match(ask) or ALTERNATIVE.match(ask[m.start() :]):
        return None  # the reason of its own judgement; the other answer a yes/no ask offers
    low = ask.lower()
    left = _side(_WORD.findall(_CLAUSE.split(low[: m.start()])[-1])[::-1])[::-1]
    right = _side(_WORD.findall(_CLAUSE.split(low[m.end() :])[0]))
    roles = [bool(side) and any(MLOPS.fullmatch(w) for w in side) for side in (left, right)]
    if roles.count(True) != 1:
        return None
    other = [w for w in (right if roles[0] else left) if not MLOPS.fullmatch(w)]
    if not other:
        return None
    asked = {stem(w) for w in other}
    if any(asked <= set(_stems(t)) and _CONTRASTING.search(t) for t in said):
        return None
    return " ".join(other)
