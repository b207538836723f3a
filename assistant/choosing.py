"""Asks that have the guide choose or rank among things, and whether its lines do: "which one
would it recommend?", "which of those pays the most?", "which certifications count the most?".
A choice or a rank by some measure needs a line that makes it ("Best for those who …"); a
grade of worth is answered by a line rating the things by worth ("… the most valuable …")."""

from __future__ import annotations

import re

from assistant.listing import stems
from assistant.vocabulary import MONEY

#: An ask that has the guide choose one of several things: "which one would it *recommend*",
#: "which of those two should I *pick*", "which one to learn *first*".
#: "which …, X or Y?", "X vs Y. which …", "is X or Y better?": the ask names what it chooses
#: between.
_ONE_OF = re.compile(
    r"\bwhich\s+(?:one|1|of\s+(?:those|these|them|the\s+\w+))\b"
    r"|\A(?=[\s\S]*\bwhich\b)[\s\S]*\w\s+(?:or|vs\.?|versus)\s+\w"  # anchored: linear
    # "is azure or aws better for mlops?": the choice asked without "which"
    r"|\b(?:is|are|would)\s+[\w.-]+(?:\s+[\w.-]+)?\s+(?:or|vs\.?|versus)\s+[\w.-]+(?:\s+[\w.-]+)?"
    r"\s+(?:better|best)\b",
    re.IGNORECASE,
)
_TO_CHOOSE = re.compile(
    r"\b(?:recommend\w*|pick|choose|prefer\w*|suggest\w*|go with|learn first|better|best)\b",
    re.I,
)
#: A rank asked of them by some measure ("which one do *most* employers use?", "which of those
#: pays the *highest*?"); not by worth, which the guide's own words for them answer ("*Essential*
#: for …", "the *most valuable*"), nor a bound on a figure ("$200 *or less*", "*more than*").
_RANKED = re.compile(r"\b(?:most|more|least|highest|lowest|top|number one)\b", re.I)
_WORTH = re.compile(
    r"\b(?:matters?|counts?|important|valuable|useful|relevant|essential|helpful|worth\w*"
    r"|heavily|weigh\w*|care)\b",
    re.I,
)
_BOUND = re.compile(r"\bthan\b|\bor (?:less|more)\b", re.I)
#: A line rating things by worth: "… certifications are the *most valuable* …", "*Essential* for".
_RATED = re.compile(r"\b(?:most\s+valuable|essential|critical)\b", re.I)
#: A line that chooses ("best for those who …", "rather than …").
_CHOSEN = re.compile(r"\b(?:recommend\w*|prefer\w*|best|better|instead|rather|ideal|first)\b", re.I)


def choice_unmade(ask: str, computed: bool, unjudged: bool, evidence: list[str]) -> bool:
    """Does the ask have the guide choose, rank or grade things that no line of the `evidence`
    does? `computed`: a selection over the guide's items answers it ("the cheapest");
    `unjudged`: a grading word of the ask is said in no line (grounding.unjudged)."""
    ranked = _RANKED.search(ask) and not _WORTH.search(ask) and not _BOUND.search(ask)
    choosing = not computed and _ONE_OF.search(ask) and (_TO_CHOOSE.search(ask) or ranked)
    # a grade of worth ("which count the most?") is judged by a line rating them by worth
    rated = _WORTH.search(ask) and any(_RATED.search(t) for t in evidence)
    chosen = any(_CHOSEN.search(t) for t in evidence)
    return bool((unjudged and not rated) or (choosing and not chosen))


#: A line that compares ("while", "rather than", "more").
_COMPARED = re.compile(
    r"\b(than|while|whereas|unlike|rather|instead|versus|vs|more|less|most|least|better|best"
    r"|worse)\b",
    re.IGNORECASE,
)
#: What pay or a price is spoken of by: "pays", "salary", "money", "$".
_PAY = re.compile(rf"{MONEY.pattern}|\b(?:pays|money)\b|\$", re.IGNORECASE)
_GRADE = r"(?:more|less|most|least|best|better|worse|higher|lower|as\s+well)"
#: Pay compared: "which state *pays best*?", "*paid less* than", "make *more money*", "*pay* MLOps
#: people *as well* as"; not "*money* is tight, so which cert is most valuable?".
_PAY_COMPARED = re.compile(
    rf"(?:{_PAY.pattern})\W+(?:\w+\W+){{0,2}}?{_GRADE}\b|\b{_GRADE}\W+(?:\w+\W+)?(?:{_PAY.pattern})",
    re.IGNORECASE,
)


def compared_in(ask: str, evidence: list[str]) -> bool:
    """Does a line of the `evidence` compare ("while", "rather than", "more"), and, for an ask
    comparing pay or prices ("which state pays best?", "paid less than employees?"), speak of
    them ("… earn $120,000-$185,000 …"; not "Best suited for …")?"""
    pay = bool(_PAY_COMPARED.search(ask))
    return any(_COMPARED.search(t) and (not pay or _PAY.search(t)) for t in evidence)


#: The two sides of "X vs Y": "the *open-source* vs *enterprise* options".
_SIDES = re.compile(r"([\w-]+)\s+(?:vs\.?|versus)\s+([\w-]+)", re.IGNORECASE)


def sides_stated(ask: str, evidence: list[str]) -> bool:
    """Does each side of the ask's "X vs Y" stand in what a line of its own in the evidence says
    of an item ("Feast: Open source feature store." and "Tecton: Enterprise …" for "open-source
    vs enterprise options"; not "mlops vs data engineer")? Then the lines, side by side, are
    the comparison."""
    m = _SIDES.search(ask)
    if m is None:
        return False
    # what an item's line says of it, after its name ("Feast: *Open source feature store.*")
    lines = [stems(said) for name, colon, said in (t.partition(":") for t in evidence) if colon]
    sides = [{w for w in stems(side) if "-" not in w} for side in m.groups()]
    found = [{i for i, line in enumerate(lines) if side and side <= line} for side in sides]
    return all(found) and found[0] != found[1]


__all__ = ["choice_unmade", "compared_in", "sides_stated"]
