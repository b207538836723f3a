"""The scope policy: does the guide answer what the question asks?

One ordered list of small named checks (``CHECKS``). Each takes the ``Case`` (what the question
asks, how it is grounded in the guide's terms, what the evidence states) and returns a
``Verdict`` or None; the first verdict decides, and with none the question is answered. Three
outcomes: *answer* (grounded, the evidence states the kind of answer wanted); *caveat* (only the
asker's context names what the guide lacks, "I'm a Java developer…": answered, that said first);
*refuse* (the ask is about what the guide does not name or state: said, then what it says nearest,
cited). Thresholds are settings, calibrated by bench/calibrate_refusal.py on train.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from assistant import phrases
from assistant.choosing import choice_unmade, compared_in, pay_unnamed, sides_stated
from assistant.credit import pointed_at, uncounted, without_step
from assistant.foreign import in_other_language
from assistant.listing import stems
from assistant.question import Reading
from assistant.remedies import handling
from assistant.scope import is_prompt
from assistant.text import tokenize, untimed_part, without_domain
from assistant.themes import theme_of
from assistant.units import figure_unconfirmed, figure_unstated
from assistant.unstated import unmeasured, unstated
from assistant.vocabulary import FRAME_WORDS, stem

Outcome = Literal["answer", "caveat", "refuse"]


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str  # the check's name: what the diagnostics report
    message: str  # the sentence the answer opens with
    cite_nearest: bool = True  # a refusal shows the nearest evidence, cited


@dataclass
class Case:
    reading: Reading
    relevance: float
    lexical: bool  # every content word of the ask stands in one guide line
    coverage: float  # weakest meaning-match of an ask word the guide does not use (1.0: none)
    coverage_word: str | None
    unknown_names: list[str]  # what the ask names that the guide never does
    unsaid_names: list[str]  # what the ask names that the evidence does not hold
    context_unknown: list[str]  # the same, in what the asker says of themself
    other_roles: list[str]  # job titles the ask is about that the guide never names
    evidence: list[str]  # the texts the answer would rest on (the best section's part)
    top_is_prompt: bool  # the best line is one of the guide's own questions (an interview one)
    selected: bool  # the answer is computed over the guide's items
    compared: int = 0  # the guide's items the ask names whose lines the evidence quotes
    unsaid_attribute: str | None = None  # what the ask wants of an item its line does not give
    unjudged: str | None = None  # a grading word ("easier") of a choosing ask the evidence lacks
    #: what a "which Xs" ask wants ("companies") and the listing of another kind it names
    other_kind: tuple[str, str] | None = None
    settings: dict[str, float] = field(default_factory=dict)
    # weakest meaning-match in the evidence of the ask's unused nouns/adjectives ("remote"), word
    property_coverage: float = 1.0
    property_word: str | None = None
    unnamed_kind: str | None = None  # what an ask for things of a kind wants that none is of
    undefined: str | None = None  # a term the ask wants defined that the guide only names
    asked_only: bool = False  # the ask wants a thing explained that the guide only asks about
    unnamed_member: str | None = None  # a thing asked into a kind the guide leaves open
    timed_elsewhere: bool = False  # a duration is asked of what another section is about


Check = Callable[[Case], Verdict | None]

#: The scope settings the checks read (``Case.settings``).
THRESHOLDS = (
    "refusal_threshold",
    "coverage_threshold",
    "coverage_bypass_relevance",
    "echo_similarity",
    "property_threshold",
)


def task(case: Case) -> Verdict | None:
    """A request to produce something ("write a poem", "ignore your instructions")."""
    if case.reading.kind == "task":
        return Verdict("refuse", "task", phrases.NOT_A_QUESTION, cite_nearest=False)
    return None


def off_topic(case: Case) -> Verdict | None:
    """Nothing in the guide is close to the question, by meaning or by its words. An ask of a
    theme the guide answers in lines of its own is about the role (assistant/themes.py), and so
    is an ask of how a problem it lists is handled (assistant/remedies.py)."""
    off = case.relevance < case.settings["refusal_threshold"] and not case.lexical
    if off and not (case.selected and (theme_of(case.reading.ask) or handling(case.reading.ask))):
        return Verdict("refuse", "off_topic", phrases.NOT_COVERED, cite_nearest=False)
    return None


def other_language(case: Case) -> Verdict | None:
    """A question in another language (foreign.py) the next checks would refuse: what it asks is
    unknown, so the reply says it reads English, not that the guide lacks it ("¿Cuánto gana…?")."""
    if in_other_language(case.reading.text) and (off_topic(case) or unknown_name(case)):
        return Verdict("refuse", "other_language", phrases.OTHER_LANGUAGE, cite_nearest=False)
    return None


def unknown_name(case: Case) -> Verdict | None:
    """The ask names a thing the guide never names ("CKAD", "KServe", "London")."""
    if case.unknown_names:
        return Verdict("refuse", "unknown_name", phrases.not_mentioned(case.unknown_names))
    return None


def unsaid_name(case: Case) -> Verdict | None:
    """The ask names a thing the guide has, but not where the answer comes from: "How much does
    an MLOps engineer earn in Texas?" (Texas is only among the top employers)."""
    if case.unsaid_names:
        return Verdict("refuse", "unsaid_name", phrases.not_stated_for(case.unsaid_names))
    return None


def other_kind(case: Case) -> Verdict | None:
    """The ask wants names of one kind from a listing of another: "Which companies are the top
    employers?" (the guide's Top Employers are states)."""
    if case.other_kind:
        return Verdict("refuse", "other_kind", phrases.not_of_kind(*case.other_kind))
    return None


def other_role(case: Case) -> Verdict | None:
    """The ask is about another job ("How do I become a data engineer?"); not a job offered as
    one background to choose from in an ask of whom the role suits ("should I hire an ML
    researcher or a DevOps person?": the guide says whom it suits)."""
    roles = [r for r in case.other_roles if not _offered(case.reading.ask, r)]
    if roles:
        return Verdict("refuse", "other_role", phrases.not_mentioned(roles))
    return None


def _offered(ask: str, role: str) -> bool:
    theme = theme_of(ask)
    if theme is None or theme.name != "suits":
        return False
    r, choice = re.escape(role), r"(?:or|vs\.?|versus)"
    return re.search(rf"{r},?\s+{choice}\b|\b{choice}\s+(?:an?\s+|the\s+)?{r}", ask) is not None


def uncovered_word(case: Case) -> Verdict | None:
    """A word of the ask means nothing the guide talks about ("remote", "equity")."""
    s = case.settings
    if case.selected or case.relevance >= s["coverage_bypass_relevance"]:
        return None
    if case.coverage < s["coverage_threshold"]:
        return Verdict("refuse", "uncovered_word", phrases.NOT_COVERED)
    return None


def unstated_property(case: Case) -> Verdict | None:
    """A yes/no ask about a property the evidence does not state ("Does the CKA expire?"): its
    nouns and adjectives the guide does not use must find their like in the evidence; its verbs
    and adverbs frame the ask ("happens"), so the looser uncovered_word bar is theirs. So must
    an item it points at ("does that one expire?"; a price selection is computed), the thing a
    what-is ask names ("a typical *signing bonus*"), and the guide name things of the kind an
    ask wants ("any *books* you'd recommend?"; grounding.py)."""
    selection = case.reading.selection
    if selection is not None and (selection.op == "count" or not case.unnamed_kind):
        return None  # computed over the guide's items; "the best *laptop* under $800" is not
    low = case.property_coverage < case.settings["property_threshold"]
    if low or case.unnamed_kind or _unstated_bound(case):
        return Verdict("refuse", "unstated_property", phrases.NOT_STATED)
    return None


#: A bound asked of ("am I *too old* to switch?", "*too late* for me?"), not "too many tools".
_TOO = re.compile(
    r"\btoo\s+(?!many\b|much\b|few\b|little\b)(\w+)\b"
    r"(?=(?:\s+\S+){0,3}?\s+(?:to|for)\b|\s*(?:[?.!,]|$))",
    re.IGNORECASE,
)


def _unstated_bound(case: Case) -> bool:
    """The ask is whether something is past a bound ("too old to switch?"), and no quoted line
    says the word it is bounded in: near in meaning is no bound stated ("old" is near
    "outdated", "late" near "overnight")."""
    m = _TOO.search(case.reading.ask)
    return m is not None and not any(stem(m.group(1).lower()) in stems(t) for t in case.evidence)


def unstated_attribute(case: Case) -> Verdict | None:
    """The ask wants something of one item that its line does not give: "What is the passing
    score of the Terraform Associate?" (the guide gives its price and what it certifies)."""
    if case.unsaid_attribute:
        return Verdict("refuse", "unstated_attribute", phrases.NOT_STATED)
    return None


#: What states an answer of each kind (also of one named item's line: assistant/grounding.py).
STATED = {
    "amount": re.compile(r"\$\s?\d"),
    "duration": re.compile(r"\b\d[\d\s-]*\s*(years?|months?|weeks?|days?|hours?)\b", re.I),
    "rate": re.compile(  # a share, or a frequency ("daily", "once a week", "every sprint")
        r"\d\s?%|\bpercent\b|\b(?:daily|weekly|monthly|yearly|annually|nightly|hourly)\b"
        r"|\b(?:every|each|per)\s+(?:day|week|month|year|morning|night|sprint|quarter)\b"
        r"|\b(?:once|twice|\d+\s+times)\s+(?:a|an|per|every)\b",
        re.I,
    ),
    # a number that is no price ("$300") and no figure of money ("120,000")
    "count": re.compile(
        r"(?<![$\d.,])(?!(?:19|20)\d\d\b)\d+(?![\d,])"  # a year is no count
        r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozens?)\b",
        re.I,
    ),
}
#: A judgement between things ("better", "easier than"): the guide must make it itself.
_JUDGED = re.compile(
    r"\b(better|worse|best|worst|more|less|most|least|prefer\w*|recommend\w*|\w+er\s+than"
    r"|which\s+(?:one\s+)?should|go\s+with|standardi[sz]e\s+on)\b",  # the guide to choose
    re.IGNORECASE,
)


def unstated_quantity(case: Case) -> Verdict | None:
    """The ask wants an amount, a duration, a rate or a number, and the evidence states none;
    or the time of a part of a whole, or taken off it, and the evidence times the whole only."""
    timing = case.reading.kind == "duration"  # and "how many years are the certs valid?":
    untimed = untimed_part(case.reading.ask, case.evidence, STATED["duration"], timing)
    if untimed or (timing and case.timed_elsewhere):
        return Verdict("refuse", "no_duration", phrases.NOT_STATED)
    stated = STATED.get(case.reading.kind)
    if stated is None or (case.selected and case.reading.kind == "count"):
        return None  # a count over the guide's items is computed, not stated
    if any(stated.search(text) for text in _about_the_asked(case)):
        return None
    return Verdict("refuse", f"no_{case.reading.kind}", phrases.NOT_STATED)


#: Words of a frequency or its period: the form of a rate's answer ("daily or weekly?").
_PERIODS = frozenset(["daily", "weekly", "monthly", "yearly", "annually", "nightly", "hourly"])
_PERIODS |= {"day", "week", "month", "year"}
#: "how often …": a frequency is of what follows.
_HOW_OFTEN = re.compile(r"\bhow (?:often|frequently|many times)\b", re.IGNORECASE)


def _about_the_asked(case: Case) -> list[str]:
    """The evidence a number must stand in: for a count, the lines that name what it counts
    ("how many *women* …" is not answered by "dozens of overlapping tools"); for a frequency,
    the lines that name what happens ("how often are you *on call*?" is not answered by
    "*Daily* standup")."""
    selection, often = case.reading.selection, _HOW_OFTEN.search(case.reading.ask)
    if case.reading.kind == "count" and selection is not None:
        asked = selection.counted
    elif case.reading.kind == "rate":  # "how many incidents a week" is not told by "Daily"
        asked = case.reading.ask[often.end() :] if often else case.reading.ask
    else:
        return case.evidence
    # the role's name names nothing counted ("MLOps job openings" are not in "The MLOps ecosystem
    # has dozens of …"), unless it is all there is; after it, a frame word is ("MLOps *jobs*")
    rest = without_domain(asked)
    # a frequency offered is the answer's form, not what happens ("e.g. daily or weekly?")
    words = {stem(w) for w in tokenize(rest or asked) if w not in FRAME_WORDS | _PERIODS}
    if not words and rest != asked:
        words = {stem(w) for w in tokenize(rest)}
    if not words:
        return case.evidence
    glued = r"^\d+(?=[a-z])"  # a figure's unit counts as its word: "100TB" of "how many TB"
    return [t for t in case.evidence if words & {stem(re.sub(glued, "", w)) for w in tokenize(t)}]


def unstated_fact(case: Case) -> Verdict | None:
    """The ask wants what its words say it wants, a time ahead, a time of day, a date, an age
    or how the work is done, and no quoted line states one (assistant/unstated.py)."""
    asked = case.reading.ask
    reason = unstated(asked, case.evidence)
    if reason is None and case.reading.kind not in STATED:  # "how much *cost*" is an amount
        reason = "no_measure" if unmeasured(asked, case.evidence) else None
    if reason is None and case.unnamed_member:
        reason = "unnamed_member"  # "does my PharmD count as a related field?"
    if reason is None and figure_unstated(case.reading.text, case.evidence):
        reason = "no_figure"  # "… Like, is there a magic number?"
    if reason is None and case.reading.yes_no and figure_unconfirmed(asked, case.evidence):
        reason = "no_figure"  # "is it valid for two or three years?"
    return Verdict("refuse", reason, phrases.NOT_STATED) if reason else None


def no_comparison(case: Case) -> Verdict | None:
    """The ask wants a comparison and the evidence makes none; pay compared with another job
    is such an ask however it is read ("which one pays more?")."""
    if pay_unnamed(case.reading.text, case.evidence, case.reading.earlier):
        return Verdict("refuse", "no_comparison", phrases.NOT_STATED)
    if case.reading.kind != "compare" or case.reading.selection is not None:
        return None
    if case.compared >= 2 and not _JUDGED.search(case.reading.ask):
        return None  # "feast vs tecton?": the items' own lines, side by side (not "better")
    ask, evidence = case.reading.ask, case.evidence
    if compared_in(ask, evidence) or sides_stated(ask, evidence):
        return None
    return Verdict("refuse", "no_comparison", phrases.NOT_STATED)


def unstated_judgement(case: Case) -> Verdict | None:
    """The ask wants a judgement between things that the evidence does not make: "airflow or
    dagster, which one is easier to learn?" (the guide names both, and grades neither), or
    "which of those two would you pick for a 12-person lab?" (no quoted line chooses)."""
    reading = case.reading
    if choice_unmade(
        reading.ask, reading.selection is not None, bool(case.unjudged), case.evidence, reading.text
    ):
        return Verdict("refuse", "unstated_judgement", phrases.NOT_STATED)
    return None


#: A yes/no ask of whether something is asked ("data drift vs concept drift - is that something
#: they'd ask?"): the guide's own question, listed, is its answer.
_OF_ASKING = re.compile(r"\b(ask|asked|asks|asking|interviews?|come up|comes up)\b", re.IGNORECASE)


#: An ask for the answer to something: "what would a strong answer to the first one look like?"
_AN_ANSWER = re.compile(r"\b(answer|answers|answering|respond|response|reply)\b", re.IGNORECASE)


def asked_not_answered(case: Case) -> Verdict | None:
    """The guide only asks this (one of its interview questions); it does not answer it. So
    too when the ask wants the answer to the lines it quotes and each of them is a question
    ("What's the expected answer to the canary one?")."""
    wants_answer = _AN_ANSWER.search(case.reading.ask)  # "does it give sample answers to …?"
    if case.reading.yes_no and _OF_ASKING.search(case.reading.ask) and not wants_answer:
        return None
    echo = case.top_is_prompt and case.relevance >= case.settings["echo_similarity"]
    asking = [t for t in case.evidence if not t.rstrip().endswith(":")]  # no list's title
    answer_to = bool(asking) and all(is_prompt(t) for t in asking)
    if echo or (answer_to and wants_answer) or case.asked_only:
        return Verdict("refuse", "asked_not_answered", phrases.ASKED_NOT_ANSWERED)
    return None


def unstated_credit(case: Case) -> Verdict | None:
    """Whether the asker's own thing counts, which the guide never names: "does my PharmD
    count as a related field?", or whether one gets in without a thing the path lists (a
    degree) (assistant/credit.py)."""
    reading = case.reading
    named = pointed_at(reading.context, reading.context_names)
    known = [n for n in named if n not in case.context_unknown]
    lacked = [] if known else case.context_unknown
    if uncounted(reading.ask, case.evidence, lacked) or without_step(reading.ask):
        return Verdict("refuse", "unstated_credit", phrases.NOT_STATED)
    return None


def undefined_term(case: Case) -> Verdict | None:
    """The ask wants a term defined that the guide only names in passing: "what does a model
    registry do?" (in "MLflow: Experiment tracking, model registry, and deployment.")."""
    if case.undefined:
        return Verdict("refuse", "undefined_term", phrases.UNDEFINED)
    return None


def context_caveat(case: Case) -> Verdict | None:
    """Only what the asker says of themself names things the guide lacks: answer, and say so."""
    if case.context_unknown:
        return Verdict("caveat", "context_unknown", phrases.not_addressed(case.context_unknown))
    return None


#: The policy, in order: the first verdict decides.
CHECKS: tuple[Check, ...] = (
    task,
    other_language,
    off_topic,
    unknown_name,
    other_kind,
    other_role,
    unsaid_name,
    uncovered_word,
    unstated_property,
    unstated_attribute,
    unstated_quantity,
    unstated_fact,
    no_comparison,
    unstated_judgement,
    asked_not_answered,
    unstated_credit,
    undefined_term,
    context_caveat,
)


def decide(case: Case, checks: tuple[Check, ...] = CHECKS) -> Verdict:
    for check in checks:
        verdict = check(case)
        if verdict is not None:
            return verdict
    return Verdict("answer", "grounded", "")


__all__ = ["CHECKS", "STATED", "THRESHOLDS", "Case", "Check", "Outcome", "Verdict", "decide"]
