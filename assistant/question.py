"""Reading a question: what it asks, what it says about the asker, what kind of answer it wants.

- The **ask** is the interrogative or imperative part ("What steps should I follow?"); the
  **context** is what the asker says of themself ("I'm a Java backend developer with five years
  of experience."); assistant/asking.py splits the two. Only the ask decides scope; a name the
  guide lacks in the context earns a caveat, not a refusal.
- The **kind** of answer wanted: an amount, a duration, a rate, a count, a comparison, a list,
  the path into the career, the guide's own contents, a creative task, or anything else.
- The **names**: acronyms, product names, capitalised phrases and words with digits ("CKAD",
  "KServe", "AWS DevOps Engineer Professional", "DP-100", "Netflix"). Each is later grounded in
  the guide's own terms (assistant/terms.py).
- A **selection** among the guide's items: cheapest, most expensive, under/over an amount, how
  many; an **ordinal** ("the second one"); and whether the question **refers back** to the last
  answer ("those", "that figure", "the google one").

Nothing here knows the guide: these are properties of English questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.asking import (
    ASKING,
    TASK,
    Names,
    Topic,
    ask_parts,
    is_yes_no,
    main_ask,
    split_ask,
    unframed,
)
from assistant.names import names_in, not_people
from assistant.ordinals import ordinal_noun, ordinal_of
from assistant.text import CHOSEN_BETWEEN, PAY_COMPARED, becoming, without_form, without_purpose
from assistant.vocabulary import MONEY_WORDS

# fmt: off
Kind = Literal[
    "amount", "duration", "rate", "count", "compare", "list", "path", "contents", "person", "task",
    "other",
]
# fmt: on

_MONEY = "(" + "|".join(sorted(MONEY_WORDS, key=len, reverse=True)) + ")"
#: A money word that qualifies another ("cost metric", "cost per prediction", "cost
#: optimisation") asks no amount; a cost per year is one ("what does Tecton cost per year?").
_QUALIFIED = r"data|sources?|metrics?|info|optimi\w+|efficien\w+|per(?!\s+(?:year|yr|annum)\b)"
#: A money word's figure is the amount ("California salary *number*?"); its figures are data
#: ("the salary *numbers*"), and so is a figure's source ("salary *figure source*?").
_FIGURE = rf"numbers|figures|(?:number|figure)\s+({_QUALIFIED})"
_NOT_QUALIFYING = rf"\b(?!-\w|\s+({_QUALIFIED}|{_FIGURE})\b)"
#: After "what is the …" or "give me the …", a money word's figure or number is the amount.
_NOT_QUALIFYING_WHAT = rf"\b(?!-\w|\s+({_QUALIFIED})\b)"
_AMOUNT = re.compile(
    # "how much does…", "how much (exactly) in…", "how much?", not "how much traffic / ML"
    r"\bhow (?:much|many\s+(?:dollars|bucks|quid|euros|pounds|rupees))"
    r"(?:\s+(?:exactly|roughly|approximately|realistically))?"
    r"(?=\s+(does|do|did|is|are|was|were|will|would|should|can|could|money|cash"
    r"|dough|an?|the|it|they|mlops|for|in(?!\s+(?:total|all|general|advance))|at|\$)\b|\s*\??\s*$)"
    r"|^\W*(what|whats|what's|what is|what are|what'?s the|(?:give|tell|show) me)\b[^?]{0,30}\b"
    + _MONEY
    + _NOT_QUALIFYING_WHAT
    + rf"|\b{_MONEY}\b[^?]{{0,30}}\bwhat(?:'?s| is) the (?:number|figure)\b(?!\s+of)"
    + r"|\b(earn|earns|make|makes|get paid)\s*(\?|$|a year|per year|annually)"
    r"|\b(do|does|did|would|will|can|could)\b[^?]{0,30}\b(earn|get paid)\b"
    r"|\b(do|does|did|would|will|can|could)\b[^?]{0,30}\bmakes?\s+(in|at|as|per|a year)\b"
    # opening the ask, a money verb after what it is of: "how much Tecton license cost", not
    # "do they track how much each prediction costs?"
    r"|^\W*(?:(?:and|so|but|ok|okay|then)\W+)*how much(?:\s+[\w/&.'-]+){0,4}?\s+"
    r"(?:costs?|charges?|pays?|paid|earns?|prices?|fees?)\b"
    r"|\bthe (median|average|mean)\s*(for|in|at|\?|$)"  # a bare figure: "the median in CA?"
    r"|\b(hourly|daily|day|weekly|monthly)\s+rates?\b",  # pay by the hour: "the hourly rate"
    re.IGNORECASE,
)
#: Earning a credential is no pay: "certificates he could *earn*", "earn a degree first?".
_CREDENTIAL_EARNED = re.compile(
    r"\b(?:certs?|certificat\w+|degrees?|badges?|credentials?|diplomas?)\s+(?:that\s+|which\s+)?"
    r"(?:(?:can|could|would|will|do|did)\s+)?(?:i|you|he|she|they|we|one)\s+(?:\w+\s+)?earn"
    r"|\bearn\w*\s+(?:\w+\s+)?(?:certs?|certificat\w+|degrees?|badges?|credentials?|diplomas?)",
    re.IGNORECASE,
)
#: A bare noun phrase with a money word: "cka cost", "mlops pay sf" (not "cost metric").
_AMOUNT_PHRASE = re.compile(r"\b" + _MONEY + _NOT_QUALIFYING, re.IGNORECASE)
#: How many words a bare noun-phrase ask may have.
PHRASE_MAX_WORDS = 5
_DURATION = re.compile(  # "how many year(s)", "how much years": a span however numbered
    r"\bhow long\b|\bhow much time\b|\bhow (?:many|much) (?:(?:year|month|week|day|hour|yr|wk|hr)s?"
    r"|mos)\b|\btime[- ]to[- ]\w+|\b(typical|average|avg|usual|normal|median|mean|realistic)\s+"
    r"(time|tenure|length|duration)\b",
    re.I,
)
_RATE = re.compile(  # a share, or how often a thing happens
    r"\b(what (share|fraction|proportion)|percent(age)?|how (often|frequently|many times)|ratios?"
    r"|breakdown|(pass|hiring|growth|unemployment|retention|acceptance|success) rates?"
    r"|attrition|turnover|(hrs?|hours)\s*/\s*(wk|week|day)|intervals?|cadences?)\b"
    r"|(?<![\d.])%"  # "what % of …", "bonus as % of base"; not "100% on-prem"
    # a quantity per a span shorter than the year a salary is given for: "charge per hour",
    # "how many hours a week", "monthly bill" (not "who would I work with every day")
    r"|\b(?:how (?:many|much)|cost|costs|charge|bill|budget|rate|price|hours|nights)\b"
    r"(?=.*\b(?:(?:per|an?|each|every) (?:hour|day|night|week|month)|hourly|weekly|monthly)\b)"
    r"|\b(?:hourly|weekly|monthly)\b(?=.*\b(?:cost|charge|bill|budget|rate|price|hours)\b)",
    re.I,
)
#: A count asked for: "how many", "what is the number of", "count the…" (not "the overwhelming
#: number of tools", which only says there are many).
_COUNT = re.compile(
    r"\bhow many\b(?!\s+(?:dollars|bucks|quid|euros|pounds|rupees)\b)"
    r"|\b(?:what(?:'s| is)|whats|give me|tell me) the (?:total )?number of\b"
    r"|^\W*count\b|\b(?:typical|average|usual|normal|rough|ballpark|expected) number of\b"
    r"|^\W*(?:the )?number of\b",  # "typical number of interview rounds?", "number of steps?"
    re.IGNORECASE,
)
#: How many words after "how many" may name what is counted ("how many cloud certifications").
COUNTED_WORDS = 3
_COMPARE = re.compile(  # ("rather than", "other than" exclude, they do not compare)
    r"\b(?!rather\b|other\b)\w+er than\b|\b(more|less|better|worse)\b[^?.]{0,40}\bthan\b"
    r"|\bcompar(?:e|ed|ison)\b|\bversus\b|\bvs\.?|\bwhich is better\b|\bbetter\b[^?]{0,30}\bor\b"
    # a judgement among things: "which of those three is the most widely adopted?"
    r"|\bwhich\b[^?.]{0,40}\b(is|are)\s+(the\s+)?(most|least|best|worst|easiest|hardest)\b",
    re.IGNORECASE,
)
#: "what/which" and a plural noun within two words: "which industries", "what DevOps skills".
#: Words in -ops name a practice, not many of something ("what is an MLOps engineer").
PLURAL_ASK = (
    r"\b(what|which)\s+([\w/&+-]+\s+){0,2}"
    r"(?!does\b|is\b|was\b|has\b|this\b|its\b|(?:ml|dev|llm|data|ai|fin|git|sec)ops\b)\w{3,}s\b"
)
_LIST = re.compile(
    r"\b(list|what are|what were|what kinds?|what types?|what sorts?|name (the|some|a few)"
    r"|examples)\b|" + PLURAL_ASK,
    re.IGNORECASE,
)
#: The path into the career: "how do I get into", "what should I do/learn", "where do I start".
_WHO = r"(i|you|one|someone|we|he|she|they)"
_PATH = re.compile(
    r"\b(how (do|does|can|should|would) " + _WHO + r" (get|break|move|switch|transition"
    r"|pivot|become|go|start|land|make the (move|switch|jump))"
    r"|how to (get|break|move|switch|transition|pivot|become|start)"
    r"|what (should|do|does|would|could|must) " + _WHO + r" (learn|study|focus on|follow)"
    # "what should he do", "what do I do": the steps; "what do *they* do" is the work
    r"|what (should|would|could|must) " + _WHO + r" do|what (do|does) (i|we|you|one) do"
    r"|what steps|which steps|where (do|should|can) (i|you|one) (start|begin)|roadmap|path into"
    r"|stages (of|in) the (career|path|roadmap|journey)|step-by-step path"
    r"|steps\b[^?.]{0,40}\b(become|becoming|get into|getting into|move into|moving into"
    r"|transition\w*|switch\w*|break into|breaking into|pivot\w*)"
    r"|how (do|can) i prepare"
    # the steps in their order: the guide's one ordered sequence is its path
    r"|(steps|stages|phases)\b[^?.!]{0,40}\b(in order|sequence)|in what order"
    r"|(order|sequence) of (the )?(steps|stages|phases))\b",
    re.IGNORECASE,
)
#: A question about the guide itself: "What does the guide cover?", "what topics are there".
_CONTENTS = re.compile(
    r"\b(what|which)\b(\s+(else|topics?|sections?|subjects?|things|stuff|all|parts?))?"
    r"(\s+(does|do|is|are|can|will))?\s+(the|this|that|your|you)?\s*(guide|document|page|you)\b"
    # only adverbs between: "what does the guide *actually* cover", not "… say MLflow covers"
    r"(?:\s+(?:\w+ly|even|else|all|also|still|now))*\s+(cover|covers|contain"
    r"|contains|include|includes|talk about|discuss|know about|answer)\b"
    r"|\b(what|which) (topics|sections|subjects) (does|do|are|is) (the guide|this guide|it|you)\b"
    r"|\btable of contents\b|\bwhat can (i|you) ask\b",
    re.IGNORECASE,
)
#: A question for a person: "Who (actually) wrote this guide?", "the author", the outlet behind it.
_PERSON = re.compile(
    r"^\W*who(?:'s|\s+is)?\s+(?:\w+ly\s+)?(wrote|writes|authored|created|made|published|edited"
    r"|is behind|behind)\b|\b(author|written by|editor|publisher|published by)\b|\b(?:website"
    r"|site|company|organi[sz]ation|outlet)\b[^?]*\b(?:puts?\s+out|publish\w*|behind)\s+(?:this"
    r"|the)\s+(?:guide|article|page)\b",
    re.IGNORECASE,
)
#: Refers back to the last answer.
_BACK = re.compile(
    r"\b(it|its|that|this|those|these|they|them|their|one|ones|the same|the above|what about"
    r"|how about|and the|which of|either|both|former|latter)\b",
    re.IGNORECASE,
)
#: A position relative to what the last answer named: "the step after that one", "the next one"
_NEXT = re.compile(
    r"\b(next|after (that|this|it|those)|following one|then what"
    r"|(comes?|is|goes) (right |immediately |directly |just )?after)\b",
    re.I,
)
#: A position before what the last answer named: "the one before", "the previous step".
_PREVIOUS = re.compile(
    r"\b(previous|before (that|this|it)|prior one|one before"
    r"|(comes?|is|goes) (right |immediately |directly |just )?before)\b",
    re.I,
)
#: A bare "lowest", "least", "highest" grades by price when nothing, "one(s)", "of" or a word
#: of price follows ("highest listed price"); not "the least *time*", "the lowest *latency*".
_UNGRADED = r"(?=\s*(?:[?.!,;]|$|ones?\b|of\b|[^?.!]*\b(?:cost|pric|fee|dollar|\$)))"
_CHEAPEST = re.compile(
    r"\b(costs?(?:\s+\w+){0,2} the least|cheapest|least expensive|lowest[- ](cost|price|priced)"
    r"|most affordable|more affordable|less expensive|less costly|(?:more|most) cheap"
    r"|cheaper|(?:lowest|least)" + _UNGRADED + r")\b",
    re.IGNORECASE,
)
_DEAREST = re.compile(
    r"\b(costs?(?:\s+\w+){0,2} the most|priced the highest|most expensive|priciest"
    r"|highest[- ](cost|price|priced)"
    r"|costliest|pricier|most costly|more expensive|highest" + _UNGRADED + r")\b",
    re.IGNORECASE,
)
_BELOW = re.compile(
    r"\b(under|below|less than|cheaper than|at most|up to|within)\s+\$?\s?([\d,]+)", re.I
)
_ABOVE = re.compile(r"\b(over|above|more than|at least|pricier than)\s+\$?\s?([\d,]+)", re.I)


@dataclass(frozen=True)
class Selection:
    """A choice among items: by price ("min"/"max"), under/over a price, or a count."""

    op: Literal["min", "max", "below", "above", "count"]
    amount: float | None = None
    counted: str = ""  # what a count counts: the words after "how many" ("questions are on")
    topic: str = ""  # and the words before ("Portfolio project ideas: how many are listed?")


@dataclass(frozen=True)
class Reading:
    text: str
    ask: str
    context: str
    kind: Kind
    names: tuple[str, ...] = ()
    context_names: tuple[str, ...] = ()
    refers_back: bool = False
    ordinal: tuple[int, bool] | None = None  # (index, names a sub-section)
    ordinal_noun: str = ""  # the word after the ordinal ("step", "one", "thing")
    selection: Selection | None = None
    wants_list: bool = False
    parts: tuple[str, ...] = ()  # the ask's sentences, when it has more than one
    relative: int = 0  # +1 "the next one", -1 "the one before": from what the last answer named
    yes_no: bool = False  # the ask, or one of its sentences, is a yes/no question
    earlier: str = ""  # a follow-up's question before it ("… from an ML engineer?": "and pay?")
    worded: str = ""  # the ask with how the asker wants it put ("in plain terms"), searched with

    @property
    def searched(self) -> str:
        """What retrieval searches with: the ask as worded ("till I'm one": "to become one")."""
        return becoming(self.worded or self.ask)


_THE_X_ONE = re.compile(r"\bthe\s+((?:[\w/&+-]+\s+){0,2}?[\w/&+-]+)\s+ones?\b", re.IGNORECASE)


def which_one(ask: str) -> str:
    """The words that tell which in "the on-call one", "the devops one" ("" when none)."""
    m = _THE_X_ONE.search(ask)
    return m.group(1) if m else ""


def about_the_path(text: str) -> bool:
    """Does a text speak of the path into the career ("How to Become …", "what steps")?"""
    return bool(_PATH.search(text))


def kind_of(ask: str) -> Kind:
    if TASK.match(ask):
        return "task"
    if _CONTENTS.search(ask):
        return "contents"
    if _PERSON.search(ask):
        return "person"
    if _RATE.search(ask):
        return "rate"
    if _DURATION.search(ask):
        return "duration"
    if _COMPARE.search(ask) or PAY_COMPARED.match(ask) or CHOSEN_BETWEEN.search(ask):
        return "compare"
    if _COUNT.search(ask):
        return "count"
    phrase = len(ask.split()) <= PHRASE_MAX_WORDS and not ASKING.match(ask)
    amount = _AMOUNT.search(ask) and not _CREDENTIAL_EARNED.search(ask)
    if (amount or (phrase and _AMOUNT_PHRASE.search(ask))) and not _PATH.search(ask):
        return "amount"
    if _PATH.search(ask):
        return "path"
    if _LIST.search(ask):
        return "list"
    return "other"


def selection_of(ask: str) -> Selection | None:
    for pattern, op in ((_BELOW, "below"), (_ABOVE, "above")):
        m = pattern.search(ask)
        if m:
            return Selection(op, float(m.group(2).replace(",", "")))  # type: ignore[arg-type]
    if _CHEAPEST.search(ask):
        return Selection("min")
    if _DEAREST.search(ask):
        return Selection("max")
    m = _COUNT.search(ask)
    if m:
        counted = " ".join(ask[m.end() :].split()[:COUNTED_WORDS])
        return Selection("count", counted=counted, topic=ask[: m.start()].strip())
    return None


def _selection(ask: str, kind: Kind) -> Selection | None:
    """ "how many years" asks for a duration, not for a count of items."""
    selection = selection_of(ask)
    if selection is not None and selection.op == "count" and kind != "count":
        return None
    return selection


#: A yes/no clause doubting what kind of thing the one named is, between kinds or as "real":
#: "is that a real tool or a gym brand?", "is that a tool or a video game haha", "Is that a real
#: tool or did a marketing dept name it?".
_KIND_DOUBT = re.compile(
    r"(?:^|(?<=[,.;:?!]))\s*(?:is|was)\s+(?:that|it|this)\s+(?:a|an)\s+(?:(?:real|actual|legit"
    r"|proper)\s+)?[\w-]+(?:\s+[\w-]+)?\s+or\b.*?(?:[?.!]+|(?=,|\b(?:haha\w*|lol|what)\b)|$)",
    re.IGNORECASE,
)
#: An ask of what a thing is or is for beside it: "what's it for", "what does it do".
_WHAT_FOR = re.compile(r"\bwhat(?:'s|\u2019s|s)?\b(?:\s+\w+){0,3}?\s+(?:for|do|does)\b", re.I)


def without_kind_doubt(ask: str) -> str:
    """The ask without a clause doubting what kind of thing its thing is (`_KIND_DOUBT`), when
    another clause asks what it is for ("… what's it for"): what it is, which its line says."""
    rest = _KIND_DOUBT.sub(" ", ask)
    return " ".join(rest.split()) if rest != ask and _WHAT_FOR.search(rest) else ask


def read(question: str, topic: Topic | None = None, things: Names = ()) -> Reading:
    worded, context = split_ask(question, topic, things)
    worded = without_purpose(worded)  # "for our flyer", "out of interest": not searched for
    worded = without_kind_doubt(worded)  # "is that a real tool or a gym brand? what's it for"
    ask = without_form(worded)  # "in plain English", "in a sentence": how, not what
    kind = kind_of(unframed(ask))  # "ok so whats the pay": what the rest asks
    return Reading(
        text=question,
        ask=ask,
        context=context,
        kind=kind,
        names=not_people(names_in(main_ask(ask)), question),  # nor what a yes/no ask weighs
        context_names=not_people(names_in(context), question),  # "my son Eli": the asker's
        refers_back=bool(_BACK.search(ask)),
        relative=1 if _NEXT.search(ask) else -1 if _PREVIOUS.search(ask) else 0,
        ordinal=ordinal_of(ask),
        ordinal_noun=ordinal_noun(ask),
        selection=_selection(ask, kind),
        wants_list=kind == "list" or bool(_LIST.search(ask)),
        parts=tuple(parts) if len(parts := ask_parts(ask)) > 1 else (),
        yes_no=is_yes_no(ask),
        worded=worded if worded != ask else "",
    )


_PLURAL_ASK = re.compile(PLURAL_ASK, re.IGNORECASE)


_DETERMINERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "each", "every", "one", "my", "your",
     "our", "their", "his", "her", "its", "it", "i", "you", "we", "they", "he", "she"]
)  # fmt: skip


#: An ask that opens with what it is about: "CI/CD tools named in the roadmap?".
_PHRASE_ASK = re.compile(r"^\W*((?:[\w/&+-]+\s+){1,2})([a-z]{3,}s)\b(?!\s+(is|are|do|does)\b)")


def head_phrase(ask: str) -> tuple[list[str], str]:
    """The words before the head noun and the head noun: (["CI/CD"], "tools") in "which CI/CD
    tools does the guide name" and in "CI/CD tools named in the roadmap?", ([], "") when the
    ask has none."""
    noun = head_noun(ask)
    if noun:
        m = _PLURAL_ASK.search(ask)
        assert m is not None
        return m.group(0).split()[1:-1], noun
    phrase = _PHRASE_ASK.match(ask)
    if phrase and not ASKING.match(ask):
        return phrase.group(1).split(), phrase.group(2)
    return [], ""


def head_noun(ask: str) -> str:
    """The plural noun a "which/what" ask is about: "platforms" in "which cloud platforms should I
    know", "" when it has none."""
    m = _PLURAL_ASK.search(ask)
    if not m:
        return ""
    *between, word = m.group(0).split()[1:]
    if word[:1].isupper() or _DETERMINERS & {w.lower() for w in between}:
        return ""  # "Prometheus" is a name; in "what each one involves" a verb ends in -s
    return word


__all__ = [
    "PLURAL_ASK", "Kind", "about_the_path", "which_one", "head_noun", "head_phrase",
    "Reading", "Selection", "kind_of", "names_in", "read", "split_ask",
]  # fmt: skip
