"""Asks that have the guide choose or rank among things, and whether its lines do: "which one
would it recommend?", "which of those pays the most?", "which certifications count the most?".
A choice or a rank by some measure needs a line that makes it ("Best for those who …"); a
grade of worth is answered by a line rating the things by worth ("… the most valuable …")."""

from __future__ import annotations

import re

from assistant.lexicon import is_superlative
from assistant.listing import stems
from assistant.roles import roles
from assistant.text import tokenize
from assistant.vocabulary import FRAME_WORDS, MONEY, stem

#: An ask that has the guide choose one of several things: "which one would it *recommend*",
#: "which of those two should I *pick*", "which one to learn *first*", "which of the three
#: should I *start with*?" (the guide's order is no choice of one: see _PLACED).
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
    r"\b(?:recommend\w*|pick|choose|prefer\w*|suggest\w*|go with|better|best|first"
    r"|(?:start|begin)\w*\s+(?:with|on)|focus\s+on)\b",
    re.I,
)
#: A rank asked of them by some measure ("which one do *most* employers use?", "which of those
#: pays the *highest*?", or any superlative: "the *biggest* market share"); not by worth,
#: which the guide's own words for them answer ("*Essential* for …", "the *most valuable*"),
#: nor a bound on a figure ("$200 *or less*", "*more than*").
_RANKED = re.compile(r"\b(?:most|more|least|highest|lowest|top|number one)\b", re.I)
_WORTH = re.compile(
    r"\b(?:matters?|counts?|important|valuable|useful|relevant|essential|helpful|worth\w*"
    r"|heavily|weigh\w*|care)\b",
    re.I,
)
_BOUND = re.compile(r"\bthan\b|\bor (?:less|more)\b", re.I)
#: A line rating things by worth: "… certifications are the *most valuable* …", "*Essential* for".
_RATED = re.compile(r"\b(?:most\s+valuable|essential|critical)\b", re.I)
#: A line that chooses ("best for those who …", "rather than …"); "best practices" chooses none.
_CHOSEN = re.compile(
    r"\b(?:recommend\w*|prefer\w*|best(?!\s+practices?\b)|better|instead|rather|ideal|first)\b",
    re.I,
)

#: Options named: "airflow *or* prefect", "k8s *vs* nomad".
_OPTIONS = re.compile(r"\w\s+(?:or|vs\.?|versus)\s+\w", re.I)
#: A purpose clause: what follows is the asker's own choice ("… so that I can decide which").
_OWN_CHOICE = re.compile(r"\bso\s+(?:that\s+)?(?:I|we)\s+(?:can|could|may)\b", re.I)
#: A place in the guide's own order, no choice: "which is *listed first*?", "*put first*".
_PLACED = re.compile(r"\b(?:list\w*|put|named|mentioned|comes?|appears?)\s+first\b", re.I)


def _with_options(ask: str, text: str) -> str:
    """The ask with the options that lead it in its clause ("airflow or prefect, *which one*
    …?"), as one ask; the ask alone when none do."""
    at = text.find(ask) if ask else -1
    lead = re.split(r"[.?!]\s", text[:at])[-1] if at > 0 else ""
    return f"{lead} {ask}" if _OPTIONS.search(lead) else ask


def choice_unmade(
    ask: str, computed: bool, unjudged: bool, evidence: list[str], text: str = ""
) -> bool:
    """Does the ask have the guide choose, rank or grade things that no line of the `evidence`
    does? `computed`: a selection over the guide's items answers it ("the cheapest");
    `unjudged`: a grading word of the ask is said in no line (grounding.unjudged). The things
    chosen between may lead the ask in the message's `text` ("Airflow, Prefect or Dagster:
    which does the guide recommend?")."""
    ask = _PLACED.sub("", _OWN_CHOICE.split(_with_options(ask, text))[0])
    graded = _RANKED.search(ask) or any(is_superlative(w) for w in re.findall(r"[a-z]+", ask, re.I))
    ranked = graded and not _WORTH.search(ask) and not _BOUND.search(ask)
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
    """Does a line of the `evidence` compare ("while", "rather than", "more") what the ask
    compares the role with, named as the ask names it ("While *ML Engineers* focus on …" for
    "how does it differ from ML engineering?"; not for "… from *data engineering*?"), and, for
    an ask comparing pay or prices ("which state pays best?", "paid less than employees?"),
    speak of them ("… earn $120,000-$185,000 …"; not "Best suited for …")?"""
    pay, others = bool(_PAY_COMPARED.search(ask)), compared_with(ask)
    return any(
        _COMPARED.search(t) and (not pay or _PAY.search(t)) and all(_run_in(o, t) for o in others)
        for t in evidence
    )


def pay_unnamed(message: str, evidence: list[str], earlier: str = "") -> bool:
    """Does the message compare pay with another job ("Should I become a data scientist
    instead? Which one pays more?", "data scientist earn more or mlops earn more?"; or, in a
    follow-up, one the `earlier` question names) that no line of the `evidence` speaking of pay
    names? However the ask is read (a list, a figure), a line of the role's own pay compares
    nothing with that job."""
    if not _PAY_COMPARED.search(message):
        return False
    titles = roles(f"{earlier}\n{message}")
    jobs = [[stem(w) for w in title.split()] for title in titles if "mlops" not in title]
    lines = [t for t in evidence if _PAY.search(t)]
    return bool(jobs) and not any(all(_run_in(j, t) for j in jobs) for t in lines)


#: Where an ask compares the role with something: "compared *to* X", "MLOps *vs*/*or* X".
_AGAINST = re.compile(
    r"\b(?:compar\w*|stacks?\s+up|differ\w*|similar)\s+(?:to|with|from|against)\b"
    r"|\b(?P<pair>vs\.?|versus|or)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w/&+-]+|[^\w\s]")
#: The most words a side of a comparison is read as ("a senior SOC analyst").
SIDE_WORDS = 3
#: Words before a side: "compared *to a* …", "*that of a* …", "or *into* data engineering".
_LEADING = frozenset(["a", "an", "the", "to", "in", "into", "at", "that", "those", "of"])


def compared_with(ask: str) -> list[list[str]]:
    """The stems of what the ask compares the role with: "How does MLOps comp compare to a
    *senior SOC analyst*?", "go to MLOps or to *data engineering*?"; the content words after
    "compared to", or on the other side of "vs" or "or" from the role, up to a stopword or a
    mark. Not the asker's own contrasts ("own vs what my DS folks keep doing")."""
    out: list[list[str]] = []
    for m in _AGAINST.finditer(ask):
        after = _side(_WORD.findall(ask[m.end() :]))
        if not m.group("pair"):
            out.append(after)
            continue
        before = _side(_WORD.findall(ask[: m.start()])[::-1])[::-1]
        role = [side for side in (before, after) if any(w.startswith("mlop") for w in side)]
        out += [side for side in (before, after) if role and side not in role]
    return [side for side in out if side and not any(w.startswith("mlop") for w in side)]


def _side(words: list[str]) -> list[str]:
    """The run of content words at the head of `words` (articles, "to", "that of" aside)."""
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    run: list[str] = []
    for w in words[:SIDE_WORDS]:
        low = w.lower()
        if not tokenize(low) or low in FRAME_WORDS:  # a stopword or a mark tokenizes to nothing
            break
        run.append(stem(low))
    return run


def _run_in(side: list[str], line: str) -> bool:
    """Does `line` name the side, its words in a row ("data engineering" is not in "…
    engineers … data pipelines")?"""
    words = [stem(w) for w in tokenize(line)]
    n = len(side)
    return any(words[i : i + n] == side for i in range(len(words) - n + 1))


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


__all__ = ["choice_unmade", "compared_in", "compared_with", "pay_unnamed", "sides_stated"]
