"""The guide's items as data, and the terms that ground what a question names.

**Items.** Every list item of the guide becomes an ``Item``: its name (the part before ``:`` in
"Kubeflow: End-to-end ML pipelines on Kubernetes."), the acronyms in brackets ("CKA"), the
price it states ("($395)"), and what the rest of the line says. Every section that is one of
several sub-sections of a parent opening with a sentence ("Gain DevOps Experience" under "How to
Become…") becomes an item too, with its first line as the description, so "the second step" is
an item like "the second certification". Nothing is typed in by hand: another guide in
``corpus/`` gets its own items.

**Terms.** Each guide line's words (lower case, with their stems) for the co-occurrence check of
a compound name: "AWS DevOps Engineer Professional" is grounded only if one guide line holds all
its words, so it is not the guide's "AWS Solutions Architect Professional". Acronyms and product
names match exactly: "CKAD" is not "CKA".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant import phrases
from assistant.question import Reading, which_one
from assistant.schema import Section, Unit
from assistant.text import STOPWORDS, tokenize
from assistant.vocabulary import FRAME_STEMS, FRAME_WORDS, MONEY_STEMS, stem

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


def _head(title: str) -> str:
    """The stem of a list title's last word: "certification" of "Infrastructure certifications"."""
    words = tokenize(title)
    return stem(words[-1]) if words else ""


def _modifies(after: str, heads: set[str]) -> bool:
    """Does a name stand before another list's noun, as its modifier ("Kubernetes
    certifications" names certifications, not the Kubernetes tool)?"""
    m = re.match(r"\s+([a-z][\w-]*)", after)
    return m is not None and stem(m.group(1)) in heads


def mentioned(items: list[Item], text: str) -> list[Item]:
    """The items `text` names (as whole words: by name, a part of it, or an acronym), in the
    order named. A name within a longer one that is named ("Kubernetes" in "Certified Kubernetes
    Administrator") is not named on its own there, nor one before another list's noun
    ("Kubernetes certifications")."""
    low = text.lower()
    heads = {_head(item.group) for item in items} - {""}
    spans: list[tuple[int, int, Item]] = []
    for item in items:
        found = [
            m.span()
            for n in item.names()
            if len(n) >= 2
            for m in re.finditer(r"(?<![\w])" + re.escape(n.lower()) + r"(?![\w])", low)
            if not _modifies(low[m.end() :], heads - {_head(item.group)})
        ]
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


#: A typed acronym: three to six letters, two or more of them capitals ("IaC", "MLE").
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{3,6}")
#: Most acronyms whose spelt-out phrase (or its absence) is remembered.
EXPANSION_MEMO = 4096
#: The words of a guide line for initials: "infrastructure-as-code" is three words.
_LETTERS = re.compile(r"[A-Za-z][A-Za-z']*")


class Terms:
    """The guide's words per line, for grounding the names a question uses."""

    def __init__(self, sections: Iterable[Section]) -> None:
        self.lines: list[set[str]] = []
        self._expansions: dict[str, str | None] = {}
        self.texts: list[str] = []
        self.words: set[str] = set()
        for section in sections:
            texts = [section.title] + [u.text for u in section.units]
            for text in texts:
                words = _words(text)
                self.lines.append(words)
                self.texts.append(text)
                self.words |= words

    def together(self, words: list[str]) -> bool:
        """Does one guide line hold all these words ("call" in "On-call burden: …")?"""
        forms = [_forms(w) for w in words]
        return bool(forms) and any(all(f & line for f in forms) for line in self.lines)

    def grounded(self, name: str) -> bool:
        """Does one guide line hold every word of `name` (exactly, by its stem, or without a
        plural or possessive "s": "GPUs", "NVIDIA's"), or spell out the acronym it is?"""
        words = _name_tokens(name)
        return not words or self.together(words) or self._spelt_out(name) is not None

    def expansion(self, name: str) -> str | None:
        """The guide's phrase an acronym the guide never writes abbreviates, by its words'
        initials: "IaC" is "infrastructure-as-code". Three letters at least (two are too often
        someone's initials), and the phrase starts and ends with a content word."""
        if not _ACRONYM.fullmatch(name) or self.together(_name_tokens(name)):
            return None
        return self._spelt_out(name)

    def _spelt_out(self, name: str) -> str | None:
        """The phrase whose initials spell an acronym (memoised per name: a question asks for
        it up to three times, and each look scans the guide's lines)."""
        if not _ACRONYM.fullmatch(name):
            return None
        if name in self._expansions:
            return self._expansions[name]
        found = self._initials_of(name.lower())
        if len(self._expansions) < EXPANSION_MEMO:  # bounded: names come from askers
            self._expansions[name] = found
        return found

    def _initials_of(self, want: str) -> str | None:
        for text in self.texts:
            words = _LETTERS.findall(text)
            for i in range(len(words) - len(want) + 1):
                phrase = words[i : i + len(want)]
                if "".join(w[0] for w in phrase).lower() == want and all(
                    w.lower() not in STOPWORDS for w in (phrase[0], phrase[-1])
                ):
                    return " ".join(phrase)
        return None

    def expand(self, text: str, names: Iterable[str]) -> str:
        """The text with each acronym the guide spells out followed by its phrase, for
        retrieval: "IaC tooling listed?" -> "IaC (infrastructure as code) tooling listed?"."""
        for name in names:
            phrase = self.expansion(name)
            if phrase:
                text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", f"{name} ({phrase})", text)
        return text

    def specific(self, name: str, common_share: float) -> bool:
        """Is `name` a thing the guide names ("Texas", "Google"), not its subject ("ML", in
        more than `common_share` of its lines: no answer can leave it unsaid)?"""
        forms = [_forms(w) for w in _name_tokens(name)]
        holding = sum(1 for line in self.lines if all(f & line for f in forms))
        return bool(forms) and holding <= common_share * len(self.lines)


def _words(text: str) -> set[str]:
    """Stems of the lower-case words (so "engineers" meets "engineer"), stopwords dropped."""
    tokens = (t.strip(".-+") for t in tokenize(text.replace("/", " ")))
    return {stem(t) for t in tokens if t}


def said_in(name: str, texts: list[str]) -> bool:
    """Do these texts, together, hold every word of `name` ("Texas" in the evidence)?"""
    words = _words(" ".join(texts))
    return all(_forms(t) & words for t in _name_tokens(name))


def said_spelt(name: str, texts: list[str]) -> bool:
    """Do these texts hold `name` with its acronyms spelt out by initials ("Google Professional
    ML Engineer" in "Google Professional Machine Learning Engineer ($200): …")?"""
    short = [w for w in name.split() if w.isupper() and len(w) >= 2]  # noqa: PLR2004
    rest = " ".join(w for w in name.split() if w not in short)
    return (
        bool(short and tokenize(rest))
        and said_in(rest, texts)
        and all(said_in(a, texts) or any(_spells(a.lower(), t) for t in texts) for a in short)
    )


def _spells(want: str, text: str) -> bool:
    words = _LETTERS.findall(text)
    return any(
        "".join(w[0] for w in words[i : i + len(want)]).lower() == want
        and not any(w.lower() in STOPWORDS for w in words[i : i + len(want)])
        for i in range(len(words) - len(want) + 1)
    )


def ask_words(text: str) -> list[str]:
    """The content words of an ask, without frame words ("use", "need") and the domain name."""
    return [t for t in _name_tokens(text) if t not in FRAME_WORDS and not t.startswith("mlops")]


def _name_tokens(name: str) -> list[str]:
    """The words of a name; a hyphenated one counts by its parts ("FAANG-type")."""
    # A hyphenated word names by its first part: "Kubernetes-focused", "FAANG-type".
    words = [
        w.split("-")[0] if "-" in w and w.split("-")[0].isalpha() else w
        for w in name.replace("/", " ").replace("'s", "").split()
    ]
    tokens = [t.strip(".-+") for t in tokenize(" ".join(words))]
    return [t for t in tokens if t and t not in FRAME_WORDS]


def _forms(token: str) -> set[str]:
    forms = {token, stem(token)}
    if len(token) > 3 and token.endswith("s"):
        forms.add(token[:-1])
    return forms


def content_stems(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text)}


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
        shared = set.intersection(*(content_stems(i.text) for i in pool))
        asked = content_stems(reading.ask) - shared - FRAME_STEMS
        # "the on-call one": the words before "one" tell which, not the rest of the ask
        # ("how do experienced *engineers* deal with …").
        which = content_stems(which_one(reading.ask)) - shared
        if which:
            asked = which
        matches = [i for i in pool if asked & content_stems(i.text)]
        if matches and len(matches) < len(pool):
            return "", matches
        if len(pool) == 1:  # "how much is it?", "where does that figure come from?"
            return "", pool
    return None


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
    "Item",
    "Terms",
    "answers",
    "said_in",
    "ask_words",
    "content_stems",
    "extract_items",
    "families",
    "mentioned",
    "pick",
]
