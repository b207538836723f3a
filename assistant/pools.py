"""Which of the guide's items a follow-up means (assistant/items.py has them): those the last
answer named, the list it names instead ("and among the system design prompts …"), another
list's kin ("and the azure one?"), or none when it sets them aside ("… apart from system
design?"); and "any cheaper ones?" as a selection below the price said."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.conversation import MARKERS
from assistant.items import AMONG_THOSE, Item, list_head, mentioned, said_of, words_of
from assistant.question import Reading, Selection, which_one
from assistant.terms import content_stems, kind_named
from assistant.text import tokenize, without_set_aside

#: Cheaper than what was said, with no "than" of its own: "any *cheaper* ones?".
_CHEAPER = re.compile(
    r"\b(?:cheaper|less\s+expensive|lower[- ]priced)\b(?!\s+than\b)"
    r"(?:\s+((?:[\w/-]+\s+){0,2}?)ones?\b)?",
    re.I,
)


def cheaper_than_said(
    pool: list[Item], among: list[Item], reading: Reading
) -> tuple[Reading, list[Item]] | None:
    """ "Any cheaper ones?" after one priced item: a selection below its price, over the priced
    items of `among` with every word the ask qualifies them by ("a cheaper *kubernetes* one")."""
    priced = [i for i in pool if i.price is not None]
    sel = reading.selection
    cheaper = _CHEAPER.search(reading.ask)
    if sel is None or sel.op != "min" or len(priced) != 1 or not cheaper:
        return None
    asked = content_stems(cheaper.group(1) or "")
    kin = [i for i in among if i.price is not None and asked <= said_of(i)]
    return replace(reading, selection=Selection("below", amount=priced[0].price)), kin


def kin_of(pool: list[Item], among: list[Item], ask: str, same_list: bool = False) -> list[Item]:
    """What a follow-up means when it names none of the last answer's items ("and the azure
    one?", "and the terraform one?" after the AWS certification): the items of `among`
    with a word of `ask` in their list, else (unless `same_list`) in their part of the
    guide."""
    asked = content_stems(kind_named(ask))
    if not pool or not asked or any(asked <= said_of(i) for i in pool):
        return []
    # every asked word in another list's items ("and the *cloud ML* ones?" after the
    # infrastructure certifications, whose CKA line says "ML" alone); any of them when no
    # item of the last answer says one
    partly = any(asked & content_stems(i.text) for i in pool)
    kins = [lambda i: i.group] + ([] if same_list else [lambda i: i.section.id.split("/")[0]])
    for kin in kins:
        near = {kin(i) for i in pool}
        found = [
            i
            for i in among
            if kin(i) in near
            and i not in pool
            and (asked <= said_of(i) or (not partly and asked & content_stems(i.text)))
        ]
        if found:
            return found
    return []


def _plural_title(title: str) -> bool:
    words = tokenize(title)
    return bool(words) and words[-1].endswith("s")


def of_kind_named(pool: list[Item], items: list[Item], ask: str) -> list[Item]:
    """ "cert for that? price", "is there a certification for the kubernetes one?" after tools:
    the items of another list the ask names by its noun ("certifications"), whose names share a
    word with those of the items it points at ("HashiCorp Terraform Associate" for
    "Terraform/Pulumi", the CKA for Kubernetes)."""
    asked = content_stems(ask)
    pointed = {list_head(i.group) for i in pool}
    names = {w for i in pool for n in i.names() for w in content_stems(n) if len(w) > 2}
    return [
        i
        for i in items
        if i.description  # a named thing of a list ("X ($70): …"), not a line ("Key Takeaways")
        and (head := list_head(i.group)) not in pointed
        and _plural_title(i.group)  # a list of things ("certifications"), not "… include"
        and any(w == head or (len(w) >= 4 and head.startswith(w)) for w in asked)
        and names & content_stems(i.name)
    ]


def list_named(items: list[Item], ask: str, pool: list[Item]) -> list[Item]:
    """The items of one list other than the pool's that the ask names by its title ("and among
    the *system design* prompts, is there one about feature stores?" after technical questions):
    by every word before its noun, two or more of them, or by those and the noun; a list in the
    same part of the guide, of the pool's kind when it names more ("Does that cover *feature
    stores*?" after the responsibilities names no list of tools)."""
    asked, own = content_stems(ask), {i.group for i in pool}
    parts = {i.section.id.split("/")[0] for i in pool}  # in the same part of the guide
    named = {
        i.group
        for i in items
        if i.group not in own
        and i.section.id.split("/")[0] in parts
        and (before := content_stems(i.group) - {list_head(i.group)})
        and before <= asked
        and (len(before) >= 2 or list_head(i.group) in asked)  # noqa: PLR2004 - words of a title
    }
    if len(named) > 1:  # of the pool's kind ("questions"), not "feature stores" in it
        named = {g for g in named if list_head(g) in {list_head(i.group) for i in pool}}
    return [i for i in items if i.group in named] if len(named) == 1 else []


def unlisted_words(pool: list[Item], ask: str) -> set[str]:
    """The ask's words but those of the pool's list titles: "which of those *projects* …" names
    the list, not which of its items."""
    return content_stems(ask) - {w for i in pool for w in content_stems(i.group)}


def sets_aside(pool: list[Item], ask: str) -> bool:
    """Does the ask set aside the items the last answer named ("and the technical questions
    *apart from system design*?" after the system design ones)? It asks for others."""
    aside = content_stems(ask) - content_stems(without_set_aside(ask))
    return any(aside & content_stems(f"{i.group} {i.name}") for i in pool)


def named_before(
    reading: Reading,
    last: str,
    items: list[Item],
    named_in: Callable[[tuple[str, ...]], list[Item]],
) -> list[Item]:
    """The items the last answer quoted; or, when it was not ours (paraphrased), those it
    names ("Cloud and Kubernetes certifications…" names no Kubernetes tool)."""
    said = MARKERS.sub("", last)
    pool = [i for i in items if i.unit.text in said] or mentioned(items, said, True)
    pool = list_named(items, reading.ask, pool) or pool  # "among the X questions"
    if kind := of_kind_named(pool, items, reading.ask):  # "cert for that?" of a tool
        return kind
    # An item the follow-up names itself ("the Terraform one") is what it means.
    by_name = named_in(reading.names)
    named = mentioned(items, reading.ask) + by_name
    # Two or more items it names in full are what it compares ("W&B vs Arize - each?").
    typed = [i for i in named if i in by_name or i.name.lower() in reading.ask.lower()]
    typed = list(dict.fromkeys(typed))
    if reading.kind == "compare" and len({i.name for i in typed}) >= 2:
        return typed
    if AMONG_THOSE.search(reading.ask):  # "which of those are open source?": of their list
        asked = unlisted_words(pool, reading.ask)
        return (
            [i for i in pool if i in named]
            or [i for i in pool if asked & words_of(i, whole=True)]
            or kin_of(pool, items, reading.ask, same_list=True)
            or pool
        )
    if named:
        # The one "the X one" names by all of X's words, the last answer's first ("the
        # kubernetes one" after the certifications is the CKA, not the tool; "the AWS
        # architect one" is no ML Specialty), else what it names.
        asked, which = content_stems(reading.ask), content_stems(which_one(reading.ask))
        kin = kin_of(pool, items, reading.ask)
        held = [[i for i in g if which and which <= said_of(i)] for g in (pool, kin, named)]
        return (
            next((g for g in held if g), [])
            or [i for i in pool if i in named]
            or [i for i in pool if asked <= said_of(i)]
            or kin
            or [i for i in pool if asked & content_stems(i.text)]
            or named
        )
    return kin_of(pool, items, reading.ask) or pool


__all__ = [
    "cheaper_than_said",
    "kin_of",
    "list_named",
    "named_before",
    "of_kind_named",
    "sets_aside",
    "unlisted_words",
]
