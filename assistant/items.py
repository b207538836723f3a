"""The guide's items as data (the terms that ground what a question names: assistant/terms.py).

Every list item of the guide becomes an ``Item``: its name (the part before ``:`` in
"Kubeflow: End-to-end ML pipelines on Kubernetes."), the acronyms in brackets ("CKA"), the
price it states ("($395)"), and what the rest of the line says. Every section that is one of
several sub-sections of a parent opening with a sentence ("Gain DevOps Experience" under "How to
Become…") becomes an item too, with its first line as the description, so "the second step" is
an item like "the second certification". Nothing is typed in by hand: another guide in
``corpus/`` gets its own items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant import phrases
from assistant.question import Reading, kind_of, which_one
from assistant.schema import Section, Unit
from assistant.terms import content_stems
from assistant.text import tokenize
from assistant.vocabulary import FRAME_STEMS, MONEY_STEMS, stem

#: "Certified Kubernetes Administrator (CKA) ($395): Essential for ..." -> name, brackets, text.
_NAMED = re.compile(r"^(?P<head>[^:]{2,80}?):\s+(?P<body>\S.*)$")
_BRACKET = re.compile(r"\(([^()]*)\)")
_PRICE = re.compile(r"\$\s?([\d,]+(?:\.\d+)?)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,9}$")
#: A name is a few words ("Google Professional Machine Learning Engineer"); a longer head before
#: a colon is a sentence ("The role combines DevOps practices with ML-specific concerns: …").
NAME_MAX_WORDS = 7
#: What a count may select by ("how many certifications *cost* under $300").
_MONEY_STEMS = MONEY_STEMS | {stem("priced"), stem("dollars")}


@dataclass(frozen=True)
class Item:
    section: Section  # where the item stands
    unit: Unit  # its line (for a sub-section: its title as a unit)
    name: str  # "Certified Kubernetes Administrator (CKA)" without brackets: the name alone
    acronyms: tuple[str, ...]
    price: float | None
    description: str  # the text after the name, or the sub-section's first line
    group: str  # the section title that lists it ("Cloud ML certifications")
    order: int  # position among all items of the guide

    @property
    def text(self) -> str:
        return f"{self.unit.text} {self.description}"

    def names(self) -> list[str]:
        """Ways the item is named: its name, each part of "Terraform/Pulumi", its acronyms."""
        parts = [self.name, *self.acronyms]
        if "/" in self.name and self.description:  # a named item, not a line ("CI/CD pipeline…")
            parts += [p.strip() for p in self.name.split("/") if p.strip()]
        words = self.name.split()
        if not self.description and len(words) > LINE_HEAD_WORDS:
            # a line is named by its opening words too, as a paraphrase names it ("a model
            # monitoring dashboard" for "Model monitoring dashboard with drift detection …")
            parts.append(" ".join(words[:LINE_HEAD_WORDS]))
        return parts


#: The opening words that name a line-long item ("Model monitoring dashboard").
LINE_HEAD_WORDS = 3


def _item_of(section: Section, unit: Unit, order: int) -> Item:
    m = _NAMED.match(unit.text)
    if m and len(_BRACKET.sub("", m.group("head")).split()) > NAME_MAX_WORDS:
        m = None
    head, body = (m.group("head"), m.group("body")) if m else (unit.text, "")
    brackets = _BRACKET.findall(head)
    price_match = _PRICE.search(head) or (_PRICE.search(body) if m else None)
    name = _BRACKET.sub("", head).strip() if m else unit.text
    return Item(
        section=section,
        unit=unit,
        name=" ".join(name.split()),
        acronyms=tuple(b for b in brackets if _ACRONYM.match(b)),
        price=float(price_match.group(1).replace(",", "")) if price_match else None,
        description=body,
        group=section.title,
        order=order,
    )


def extract_items(sections: Iterable[Section]) -> list[Item]:
    """All list items and step-like sub-sections of the guide, in the guide's order."""
    sections = list(sections)
    items: list[Item] = []
    for section in sections:
        for unit in section.units:
            if unit.kind == "item":
                items.append(_item_of(section, unit, len(items)))
    for parent, children in families(sections):
        for child in children:
            title = Unit(text=child.title, kind="leadin", position=-1)
            first = child.units[0].text if child.units else ""
            items.append(Item(child, title, child.title, (), None, first, parent.title, len(items)))
    return items


def families(sections: list[Section]) -> list[tuple[Section, list[Section]]]:
    """Parents with two or more sub-sections that each open with a sentence (steps, parts)."""
    out = []
    for parent in sections:
        children = [
            s for s in sections if s.path[:-1] == parent.path and s.units and len(s.path) > 1
        ]
        if len(children) >= 2 and all(c.units[0].kind == "sentence" for c in children):
            out.append((parent, sorted(children, key=lambda s: s.order)))
    return out


def list_head(title: str) -> str:
    """The stem of a list title's last word: "certification" of "Infrastructure certifications"."""
    words = tokenize(title)
    return stem(words[-1]) if words else ""


def _modifies(after: str, heads: set[str]) -> bool:
    """Does a name stand before another list's noun, as its modifier ("Kubernetes
    certifications" names certifications, not the Kubernetes tool)?"""
    m = re.match(r"\s+([a-z][\w-]*)", after)
    return m is not None and stem(m.group(1)) in heads


def mentioned(items: list[Item], text: str, reworded: bool = False) -> list[Item]:
    """The items `text` names (as whole words: by name, a part of it, or an acronym), in the
    order named. A name within a longer one that is named ("Kubernetes" in "Certified Kubernetes
    Administrator") is not named on its own there, nor one before another list's noun
    ("Kubernetes certifications"). `reworded`: also a name of two or more words said in other
    words, each of its words in one phrase ("friction with data scientists")."""
    low = text.lower()
    heads = {list_head(item.group) for item in items} - {""}
    spans: list[tuple[int, int, Item]] = []
    phrases_ = (
        [(m.start(), m.end(), content_stems(m.group())) for m in _PHRASE.finditer(low)]
        if reworded
        else []
    )
    for item in items:
        found = [
            m.span()
            for n in item.names()
            if len(n) >= 2
            for m in re.finditer(_said_as_name(n), low)
            if not _modifies(low[m.end() :], heads - {list_head(item.group)})
        ]
        name = content_stems(item.name)
        if phrases_ and not found and len(name) >= 2:  # noqa: PLR2004 - words of a name
            found = [(start, end) for start, end, said in phrases_ if name <= said]
        if found:
            start, end = min(found, key=lambda sp: (sp[0], -sp[1]))
            spans.append((start, end, item))
    inside = {
        id(item)
        for start, end, item in spans
        for s2, e2, other in spans
        if other is not item and s2 <= start and end <= e2 and (e2 - s2) > (end - start)
    }
    spans.sort(key=lambda sp: (sp[0], -(sp[1] - sp[0])))
    return [item for _, _, item in spans if id(item) not in inside]


#: An article said within a name ("build *a* software engineering foundation").
_ARTICLE = r"\s+(?:(?:a|an|the)\s+)?"


def _said_as_name(name: str) -> str:
    """The pattern of `name` said as whole words, an article allowed between them."""
    return r"(?<![\w])" + _ARTICLE.join(map(re.escape, name.lower().split())) + r"(?![\w])"


def _price(item: Item) -> float:
    return item.price if item.price is not None else 0.0


def _counts_these(counted: str, pool: list[Item]) -> bool:
    """Does a count of `counted` ("cloud certifications", "of those", "questions are on") count
    these items: it names nothing, or each word it names (a price word aside) is a word of their
    list's title or section or of the items themselves, a short form too ("certs")? "interview
    *rounds*" or "salary data *points*" count no list of the guide."""
    asked = content_stems(counted) - FRAME_STEMS - _MONEY_STEMS
    if not asked:
        return True
    words = set().union(*(content_stems(f"{i.group} {i.section.heading} {i.text}") for i in pool))
    return all(a in words or any(w.startswith(a) for w in words if len(a) >= 4) for a in asked)


#: An ask that chooses among what the last answer named, and only among it: "which of those",
#: "which one of these", "any of them".
AMONG_THOSE = re.compile(
    r"\b(?:which|what|any|none)(?:\s+(?:one|ones|two))?\s+of\s+(?:those|these|them|the above)\b",
    re.IGNORECASE,
)


def pick(pool: list[Item], reading: Reading, refers_back: bool) -> tuple[str, list[Item]] | None:
    """The items of `pool` the question selects, with a label for what was computed ("Cheapest:");
    None when it selects nothing among them."""
    sel = reading.selection
    if sel is not None:
        priced = [i for i in pool if i.price is not None]
        if sel.op == "count":
            if not _counts_these(sel.counted, pool):
                return None  # "how many questions are on the exam" counts no certification
            return phrases.COUNT_LABEL.format(count=len(pool)), pool
        if sel.op in ("min", "max") and len(priced) >= 2:
            best = min(priced, key=_price) if sel.op == "min" else max(priced, key=_price)
            return (phrases.CHEAPEST if sel.op == "min" else phrases.DEAREST), [best]
        if sel.op in ("below", "above") and priced and sel.amount is not None:
            amount = sel.amount
            below = sel.op == "below"
            inside = [i for i in priced if (_price(i) < amount if below else _price(i) > amount)]
            label = phrases.BELOW if sel.op == "below" else phrases.ABOVE
            if inside:
                return label.format(amount=f"{amount:,.0f}"), inside
    if reading.kind == "amount" and len(pool) > 1:
        priced = [i for i in pool if i.price is not None]
        if len(priced) == 1:  # "how much is the Terraform one?": the item with a price
            return "", priced
    if reading.ordinal is not None:
        index = reading.ordinal[0]
        if -len(pool) <= index < len(pool):
            return "", [pool[index]]
    if refers_back:
        # "the google one", "which of those runs on Kubernetes": the ask's words that tell the
        # items apart (not those all of them share).
        said = [said_of(i, whole=True) for i in pool]
        shared = set.intersection(*said)  # "infrastructure" of each
        asked = content_stems(reading.ask) - shared - FRAME_STEMS
        # "the on-call one": the words before "one" tell which, not the rest of the ask
        # ("how do experienced *engineers* deal with …").
        which = content_stems(which_one(reading.ask)) - shared
        shares = [len((which or asked) & words_of(i, whole=True)) for i in pool]
        # "the X one" is the item that shares the most of X's words ("the data scientist one"
        # is "Data scientist friction", not "Undefined scope: … data engineering …")
        most = max(shares) if which else 1
        matches = [i for i, n in zip(pool, shares, strict=True) if n and n >= most]
        if matches and len(matches) < len(pool):
            return "", matches
        if len(pool) == 1:  # "how much is it?", "where does that figure come from?"
            return "", pool
    return None


def thing_names(items: list[Item]) -> frozenset[str]:
    """The one-word names of the things the guide lists with what they are ("Docker: …",
    "Prometheus" of "Prometheus/Grafana: …"), lower-cased: no person, whatever else WordNet
    knows the word as (a docker is a dock worker)."""
    return frozenset(n.lower() for i in items if i.description for n in i.names() if " " not in n)


def names_money_item(items: list[Item], ask: str) -> bool:
    """Does the ask name an item of the guide whose name holds a money word ("Infrastructure
    cost: Cost per prediction…")? Then it asks about that item, not for an amount."""
    return any(" " in i.name and kind_of(i.name) == "amount" for i in mentioned(items, ask))


def said_of(item: Item, whole: bool = False) -> set[str]:
    """The stems of an item's line and of its list's title ("Cloud ML certifications"); with
    `whole`, of every line of an item that is a sub-section (`words_of`)."""
    return words_of(item, whole) | content_stems(item.group)


def words_of(item: Item, whole: bool = False) -> set[str]:
    """The stems of an item's line; with `whole`, of every line of an item that is a
    sub-section ("Learn Docker, Kubernetes …" under "Gain DevOps Experience")."""
    lines = [u.text for u in item.section.units] if whole and item.unit.position < 0 else []
    return content_stems(" ".join([item.text, *lines]))


#: A phrase of a list in running text: up to a comma, a semicolon, "and" or "or".
_PHRASE = re.compile(r"(?:(?!\band\b|\bor\b)[^,;:.])+", re.IGNORECASE)


#: The title of a list that answers the list before it: "How experienced engineers handle these".
_ANSWERS_THESE = re.compile(r"\b(these|those|them)\W*$", re.IGNORECASE)


def answers(items: list[Item]) -> dict[str, Item]:
    """Lists that answer the list before them item by item ("Common challenges:" then "How
    experienced MLOps engineers handle these:", of as many items): each item of the first list
    to the item of the second at its place."""
    lists: dict[str, list[Item]] = {}
    for item in items:
        if item.unit.kind == "item":
            lists.setdefault(item.section.id, []).append(item)
    ordered = sorted(lists.values(), key=lambda found: found[0].order)
    out: dict[str, Item] = {}
    for first, second in zip(ordered, ordered[1:], strict=False):
        if len(first) == len(second) and _ANSWERS_THESE.search(second[0].section.title):
            out.update({a.unit.text: b for a, b in zip(first, second, strict=True)})
    return out


__all__ = [
    "list_head",
    "names_money_item",
    "Item",
    "answers",
    "extract_items",
    "families",
    "mentioned",
    "pick",
    "said_of",
    "words_of",
]
