"""Asks their words say want a fact of one kind, and the lines that state one: a time ahead
("in the next 5 years"), a time of day ("what time does the day start?"), when something
happened ("When was this guide last updated?"), an age ("what age do people get into this
field?"), how or where the work is done ("can I work remote?"), a part of pay beside the
salary ("equity", "a signing bonus"), a step past the role ("promoted to senior"), school
before college ("which high school subjects?"), the pay at a career's start ("entry-level
pay"), a change to a thing's standing ("being retired", "still offered"), a cited source's
particulars ("the sample size?"), a person's work history ("has the author worked as one?"),
team sizes ("how big are the teams?"), getting an internship ("where do i find one?"), how
an exam is sat ("is it online?", "in portuguese?") or paid for ("do employers pay for it?"),
hardware to buy ("which GPU should I get?"), whom the role reports to, hiring against
contracting the work out, negotiating an offer, which school is best, who the workforce is,
a target value ("which drift threshold?"), how much of a thing the lines never speak of ("how
much math"). For the scope policy (assistant/policy.py): such an ask whose evidence states
none is refused, whatever else the lines say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.schema import Section
from assistant.text import STOPWORDS, tokenize
from assistant.units import asked_unit, states_unit
from assistant.vocabulary import FRAME_WORDS, MONEY, stem

#: An ask about a time ahead: "in the next 5 years", "within a decade", "next year", "by 2030",
#: "in future", "will the pay go up?", "is it going to be replaced / automated away?".
_AHEAD = re.compile(
    r"\b(?:(?:in|within|over)\s+(?:the\s+)?(?:next\s+|coming\s+)?|next\s+)"
    r"(?:(?:like|about|around|roughly|maybe)\s+)?"  # "in *like* 5 yrs", "next 10 yrs"
    r"(?:\d+|a few|few|one|two|three|five|ten|a couple of)\s*(?:years?|yrs|decades?)\b"
    r"|\b(?:next|coming)\s+(?:year|decade)\b|\bby 20\d\d\b|\bin (?:the )?future\b"
    r"|\b(?:will|going to|gonna)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:go (?:up|down)|rise|fall|drop)\b"
    r"|\b(?:going to|gonna|will)\b[^?]*\b(?:replaced?|automated?|absorbed|obsolete)\b"
    r"|\b(?:getting|get) (?:replaced|automated)\b",
    re.IGNORECASE,
)
#: A line that says something of a time ahead: "will", "is projected to", "by 2030".
_FORECAST = re.compile(
    r"\b(?:will|won't|projected|projection|forecast|expected to|by 20\d\d|next decade"
    r"|next \d+ years|in the coming|future)\b",
    re.IGNORECASE,
)
#: An ask for a time of day ("what time does the day start?") and a line that states one
#: ("Morning: Check overnight …" gives none).
_CLOCK_ASK = re.compile(r"\bwhat time\b|\bhow (?:early|late)\b|\bwhat hours?\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|\bo'?clock\b|\b(?:noon|midnight)\b",
    re.IGNORECASE,
)
#: An ask for when something happened ("When was this guide last updated?", "what year did he
#: found it?"; not "what year is the data from?") and a line that dates something.
_WHEN_ASK = re.compile(
    r"\bwhen (?:was|were|did)\b|\byear (?:did|was|were)\b|\bfounding year\b", re.IGNORECASE
)
_DATED = re.compile(r"\b(?:19|20)\d\d\b")
#: An ask for an age ("what age", "how old", "avg age", "max hiring age", "an age limit", "is
#: 45 too old") and a line that states one ("30 years old", "aged 25", "ages").
_AGE_ASK = re.compile(
    r"\bwhat age\b|\bhow old\b|\btoo old\b"
    r"|\b(?:average|avg|typical|usual|median|mean|max|maximum|min|minimum|hiring|starting)"
    r"\s+age\b|\bage\s+(?:limit|cutoff|cut-off|range|restriction|requirement|bracket)s?\b",
    re.IGNORECASE,
)
_AGED = re.compile(r"\b\d{1,2}\s*(?:years?|yrs?)[\s-]*old\b|\bages?\b|\baged\b", re.IGNORECASE)

#: An ask about how or where the work is done ("can I work remote?", "from home", "hybrid",
#: "part-time", "freelance"), not a condition of the asker's own ("if I studied part-time");
#: a line stating it says one of those words ("onsite" is an interview's, not the job's).
_ARRANGEMENT = (
    r"\b(?:remote(?:ly)?|from home|wfh|hybrid|in[- ]office|part[- ]time|freelanc\w*"
    r"|contract (?:work|gigs?|roles?|positions?|jobs?))\b"
)


def _asked(words: str, unless: str) -> re.Pattern[str]:
    """An ask that says one of `words`, unless it says them after `unless` (the asker's own)."""
    return re.compile(rf"^(?!.*{unless}{words}).*{words}", re.IGNORECASE)


_ARRANGEMENT_ASK = _asked(_ARRANGEMENT, r"\b(?:if|while|when|once)\s+(?:i|i'm|im|we)\b[^,?]*")
_ARRANGED = re.compile(_ARRANGEMENT, re.IGNORECASE)

#: An ask about a part of pay beside the salary ("equity", "a signing bonus", "401k match",
#: "health insurance", "an on-call stipend"), not one of the asker's own ("coming from a PhD
#: stipend"); a line stating it says one of those words.
_PAY_PART = (
    r"\b(?:equity|stock(?:\s+options?)?|rsus?|bonus(?:es)?|benefits?\s+package|good\s+benefits"
    r"|benefits\s+like|pensions?|401\s?\(?k\)?|retirement|health\s+(?:insurance|care|coverage)"
    r"|stipends?|on-?call\s+pay|paid\s+(?:leave|vacation|time\s+off)|pto)\b"
)
_PAY_PART_ASK = _asked(_PAY_PART, r"\b(?:my|our|from)\s+(?:\w+\s+){0,2}")
_PAY_PART_STATED = re.compile(_PAY_PART, re.IGNORECASE)

#: An ask about a step past the role ("promoted to senior", "the career ladder", "what comes
#: after MLOps engineer", "mid-level vs senior"; not "the stages of the career progression",
#: which lead to it, nor "senior folks", who are experienced ones) and a line naming a level
#: ("senior", "staff") or a promotion.
_PAST_ROLE = re.compile(
    r"\bpromot\w*|\bcareer\s+ladders?\b|\bto\s+senior\b"
    r"|\bsenior\s+(?:level|title|role|position)s?\b|\bmid[- ]level\b"
    r"|\b(?:after|beyond|past)\s+(?:an?\s+|being\s+an?\s+)?mlops\s+engineers?\b",
    re.IGNORECASE,
)
_LEVELED = re.compile(r"\b(?:senior|staff|principal|promot\w*|manager|head of|ladders?)\b", re.I)

#: An ask about school before college ("what subjects in high school?", "A-level subjects";
#: not "straight from high school", which asks about the path) and a line naming it.
_SCHOOL_ASK = re.compile(
    r"\b(?:in|during|at)\s+high[- ]?school\b|\bhigh[- ]?school\s+(?:subjects?|class(?:es)?"
    r"|courses?|curriculum)\b|\ba-levels?\b|\bgcses?\b",
    re.IGNORECASE,
)
_SCHOOL = re.compile(r"\bhigh[- ]?school|\ba-levels?\b|\bsecondary\b", re.IGNORECASE)

#: An ask for the pay at the start of a career ("entry-level pay", "what would a new grad start
#: at?", "first year pay") and a line stating one (the guide's range is "depending on
#: experience", of no stage).
_STAGE_PAY = re.compile(
    r"^(?=.*\b(?:entry[- ]?(?:level|lvl)|starting\s+(?:salary|pay|out)"
    r"|start(?:in|ing)?\s+(?:out|at)|first[- ](?:year|yr)|first\s+job|junior|new[- ]grads?"
    r"|out\s+of\s+college)\b)"
    r"(?=.*(?:\b(?:salar\w*|pay|paid|make|earn\w*|comp|compensation|start\s+at|money)\b|\$))",
    re.IGNORECASE,
)
_STAGED = re.compile(r"\b(?:entry|junior|starting|new grads?|first[- ]year)\b", re.IGNORECASE)

#: An ask about a change to a thing's standing over time ("is the AWS ML Specialty being
#: retired?", "what replaces it?", "is it still offered?", "discontinued?"; not "is jenkins
#: still a thing", which asks if it is used, nor the asker's own: "I retired last year"), and
#: a line stating such a change (the guide names things as they stand, and says of none that
#: it is retired or replaced).
_STANDING = (
    r"\b(?:being\s+(?:retired|replaced|discontinued|deprecated|phased\s+out|sunset)"
    r"|(?:retir(?:e|es|ing)|replac(?:e|es|ing))\s+(?:it|them|the|this|that)"
    r"|(?:get|gets|got|been|was|were|is|are)\s+(?:retired|discontinued|deprecated|phased\s+out)"
    r"|discontinu\w+|deprecat\w+|sunsett?\w*"
    r"|still\s+(?:offered|available|valid|active|being\s+offered))\b"
)
_STANDING_ASK = _asked(_STANDING, r"\b(?:i|i'm|im|we|my|our)\b[^,?]*")
_CHANGED = re.compile(
    r"\b(?:retir\w*|replac\w*|discontinu\w*|deprecat\w*|phas\w+\s+out|sunset\w*|no\s+longer)\b",
    re.IGNORECASE,
)

#: An ask for a cited source's particulars ("which organization ran that industry survey?",
#: "the sample size behind the range?", "what methodology?") and a line stating them (the guide
#: names its sources, and says of none who made it or how).
_SOURCE_ASK = re.compile(
    r"\bsample\s+sizes?\b|\bmethodolog\w*|\brespondents?\b|\bmargin\s+of\s+error\b"
    r"|\b(?:which|what)\s+(?:organi[sz]ation|company|firm|group|body|agency)\s+(?:ran|conducted"
    r"|did|carried\s+out|published|commissioned|made)\b"
    r"|\bwho\s+(?:ran|conducted|published|commissioned|carried\s+out)\s+(?:the|that|this|it)\b",
    re.IGNORECASE,
)
_SOURCED = re.compile(
    r"\b(?:sample|respondents?|surveyed|methodolog\w*|conducted|published\s+by)\b|\bn\s*=\s*\d",
    re.IGNORECASE,
)
#: An ask for a person's work history ("has the author worked as an MLOps engineer?", "does he
#: have hands-on industry experience?") and a line stating one ("worked as", "years at").
_HISTORY_ASK = re.compile(
    r"\b(?:has|have|did|does|do)\s+(?:the\s+)?(?:author|writer|he|she)\b[^?]*\b(?:worked|work"
    r"|done\s+the\s+job|been\s+an?\s+(?:mlops|ml|engineer))"
    r"|\b(?:author|writer)\b[^?]*\b(?:(?:hands-on|industry|real[- ]world|practical|professional"
    r"|work|job)\s+experience|worked\s+as)",
    re.IGNORECASE,
)
_WORKED = re.compile(
    r"\b(?:worked|work(?:ing|s)?\s+(?:as|at)|years?\s+(?:of|as|at|in)|experience\s+(?:as|at|in)"
    r"|career\s+(?:as|in))\b",
    re.IGNORECASE,
)

#: An ask for how big teams are ("the typical MLOps team size?", "how big are the teams
#: usually?") and a line stating a size ("teams of 5-10 engineers").
_TEAM_ASK = re.compile(
    r"\bteam\s+sizes?\b|\bsize\s+of\s+(?:\w+\s+)?(?:\w+\s+)?teams?\b"  # "of *that* team"
    r"|\bhow\s+(?:big|large|small)\s+(?:are|is)\s+(?:\w+\s+)?(?:\w+\s+)?teams?\b",
    re.IGNORECASE,
)
_SIZED = re.compile(r"\b\d+(?:\s*-\s*\d+)?\s+(?:people|engineers|persons?|members)\b", re.I)
#: An ask how big a thing is ("how big is a typical ML platform team?"): a figure answers it.
_SIZE_ASK = re.compile(r"\bhow\s+(?:big|large|small|huge)\b", re.IGNORECASE)
#: An ask for getting an internship ("can i get an mlops internship as a freshman?", "what
#: companies hire interns?"; not what to build to land one) and a line speaking of interns.
_INTERN_ASK = re.compile(
    r"^(?:(?!\b(?:projects?|portfolio|skills?|learn|build|study)\b)[^?])*"
    r"\b(?:get|find|land|apply|hire|hiring|offer\w*|programs?)\b[^?]*\bintern(?:s|ships?)\b",
    re.IGNORECASE,
)
_INTERNED = re.compile(r"\bintern(?:s|ships?)?\b", re.IGNORECASE)

#: An ask for how an exam is sat: where ("is the exam online or do i have to go somewhere?",
#: "at a test center?") or in which tongue ("can i do the CKA in portuguese?"; not a coding
#: test's programming language), and a line saying so.
_MODE = (
    r"\b(?:online|in[- ]person|at\s+home|remotely|test\s+cent(?:er|re)s?|proctor\w*"
    r"|(?:in|into)\s+(?:portuguese|spanish|french|german|polish|turkish|hindi|chinese|japanese"
    r"|korean|arabic|vietnamese|italian|russian|ukrainian|english))\b"
)
_MODE_ASK = re.compile(
    rf"\b(?:exams?|certs?|certifications?)\b[^?]*{_MODE}|{_MODE}[^?]*\bexams?\b", re.IGNORECASE
)
# of an exam: "online and offline feature serving" says nothing of one
_MODE_STATED = re.compile(rf"^(?=.*\b(?:exams?|tests?|certif\w*)\b).*{_MODE}", re.IGNORECASE)

#: A yes/no ask whether someone pays for or discounts exams ("do employers usually pay for the
#: certs?", "do any vendors offer volume discounts?"; not the asker's own reimbursing, "we'd
#: reimburse, what do they cost?") and a line saying so.
_FUNDING = (
    r"\b(?:reimburs\w*|discount\w*|vouchers?|pay\s+for\s+(?:the\s+)?(?:certs?|certif\w+|exams?))"
)
_FUNDING_ASK = re.compile(
    rf"^\W*(?:do|does|will|would|can|are\s+there)\b[^?]*{_FUNDING}", re.IGNORECASE
)
_FUNDED = re.compile(_FUNDING, re.IGNORECASE)

#: An ask for hardware to buy or have ("which GPU should I buy to train at home?", "do i need a
#: gpu at home?", "what laptop specs?"; not the serving tool "for GPU inference") and a line
#: naming some.
_KIT = (
    r"(?:gpus?|graphics\s+cards?|laptops?|pc|hardware)(?![\w-])(?!\s+(?:inference|serving|server))"
)
_KIT_ASK = re.compile(
    rf"\b(?:which|what)\s+{_KIT}|\b(?:buy|need|get|recommend\w*|best)\b[^?]*\b{_KIT}"
    r"|\blaptop\s+specs?\b",
    re.IGNORECASE,
)
_KITTED = re.compile(r"\b(?:nvidia|rtx|a100|h100|\d+\s*gb|laptops?|graphics\s+cards?)\b", re.I)

#: An ask where the role sits ("should the MLOps engineer report to the DS lead or the platform
#: lead?"; not "what metric would I report to show …", "… report *to me*") and a line saying so.
_REPORTS_ASK = re.compile(
    r"\b(?:should|would|will|does|do|engineers?|role|team|mlops|it|they|he|she)\s+report"
    r"(?:s|ing)?\s+(?:in)?to\b(?!\s+(?:me|us)\b)",
    re.IGNORECASE,
)
_REPORTS = re.compile(r"\breport(?:s|ing)?\s+(?:in)?to\b|\breporting\s+lines?\b", re.IGNORECASE)
#: An ask whether to hire or to contract the work out ("would it be cheaper to contract this
#: out to a consultancy instead of hiring?"; not what to ask a contractor one has) and a line
#: weighing them.
_CONTRACTED = r"\b(?:contract(?:ors?|ing)?|consultanc\w*|consultants?|outsourc\w*|freelancers?)\b"
_CONTRACT_ASK = re.compile(
    rf"^(?=.*{_CONTRACTED})(?=.*\b(?:hir\w+|full[- ]?tim\w*|in[- ]house|ftes?|employees?)\b)"
    r"(?=.*\b(?:instead|rather|or|vs\.?|versus|cheaper|better)\b)",
    re.IGNORECASE,
)
_CONTRACT_STATED = re.compile(_CONTRACTED, re.IGNORECASE)

#: An ask how to negotiate ("how do i negotiate my first salary offer?") and a line on it.
_NEGOTIATE = re.compile(r"\bnegotiat\w+", re.IGNORECASE)
#: An ask which school is best or offers a program ("which uni has the best mlops masters?";
#: not which kind of degree program the guide points to) and a line naming one as such.
_SCHOOL_CHOICE = re.compile(
    r"\b(?:which|what)\s+(?:universit(?:y|ies)|colleges?|unis?|schools?)\s+(?:has|have|offers?)"
    r"\b|\bbest\s+(?:universit\w*|colleges?|unis?|schools?)\b",
    re.IGNORECASE,
)
_SCHOOL_CHOSEN = re.compile(
    r"\b(?:universit\w*|colleges?|schools?)\b[^.]*\b(?:offers?|best|top|recommend\w*)\b", re.I
)

#: An ask who the workforce is ("many women in mlops?", "the gender split?") and a line on it.
_WORKFORCE = re.compile(r"\b(?:women|female|gender|divers\w*|inclusiv\w*|minorit\w*)\b", re.I)

#: An ask who first made a thing ("who coined the term?", "who founded MLflow?"; not "who
#: builds the models?", what the role does, nor "someone who built …") and a line saying who
#: did ("Co-founder & Editor").
_ORIGIN_ASK = re.compile(
    r"(?:^|[^\w\s']\s*|\b(?:and|so|but|me|us)\s+)who\s+(?:\w+ly\s+|first\s+)?(?:coined|invented|founded|created|started|developed"
    r"|designed|pioneered|came\s+up\s+with|built|made)\b(?!\s+(?:this|the)\s+(?:guide|page))",
    re.IGNORECASE,
)
_ORIGINATED = re.compile(r"\b(?:co-?)?founders?\b|\bcreators?\b|\binvent\w*|\bcoined\b", re.I)

#: An ask for a target value ("what latency *target*, in ms?", "which drift *threshold*?", "a
#: *benchmark* cost per prediction", "Latency *target* a system ought to meet?"; not "which one
#: *targets* GPUs", "a moving target") and a line stating a figure ("1M predictions/second").
_TARGET_ASK = re.compile(
    r"(?:^\W*|\b(?:what|which|any|an?|the|good|typical|reasonable)\s+)"  # or opening the ask
    r"(?:(?!one\b|moving\b)[\w-]+\s+){0,3}?"
    r"(?:targets?|thresholds?|cut-?offs?|benchmarks?|slos?|slas?)\b"
    r"|\b(?:target|threshold|benchmark)\s+(?:values?|numbers?|figures?)\b",
    re.IGNORECASE,
)

#: The kinds, in the order they are checked: the reason a refusal gives, what asks for one,
#: and what states one.
KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("no_forecast", _AHEAD, _FORECAST),
    ("no_clock_time", _CLOCK_ASK, _CLOCK),
    ("no_date", _WHEN_ASK, _DATED),
    ("no_age", _AGE_ASK, _AGED),
    ("no_arrangement", _ARRANGEMENT_ASK, _ARRANGED),
    ("no_pay_part", _PAY_PART_ASK, _PAY_PART_STATED),
    ("no_promotion", _PAST_ROLE, _LEVELED),
    ("no_school", _SCHOOL_ASK, _SCHOOL),
    ("no_stage_pay", _STAGE_PAY, _STAGED),
    ("no_change", _STANDING_ASK, _CHANGED),
    ("no_source_detail", _SOURCE_ASK, _SOURCED),
    ("no_work_history", _HISTORY_ASK, _WORKED),
    ("no_team_size", _TEAM_ASK, _SIZED),
    ("no_size", _SIZE_ASK, re.compile(r"\d")),
    ("no_internship", _INTERN_ASK, _INTERNED),
    ("no_exam_mode", _MODE_ASK, _MODE_STATED),
    ("no_exam_funding", _FUNDING_ASK, _FUNDED),
    ("no_hardware", _KIT_ASK, _KITTED),
    ("no_reporting_line", _REPORTS_ASK, _REPORTS),
    ("no_contracting", _CONTRACT_ASK, _CONTRACT_STATED),
    ("no_negotiation", _NEGOTIATE, _NEGOTIATE),
    ("no_school_choice", _SCHOOL_CHOICE, _SCHOOL_CHOSEN),
    ("no_workforce", _WORKFORCE, _WORKFORCE),
    ("no_target", _TARGET_ASK, re.compile(r"\d")),
    ("no_origin", _ORIGIN_ASK, _ORIGINATED),
)


#: A line stating a figure, which measures what an ask names in other words.
_FIGURE = re.compile(r"\d")
#: "how much *math* do I need", "how much *linear algebra*": the thing whose measure is asked,
#: up to three words before a function word ("how much *SQL* do I need").
_HOW_MUCH = re.compile(r"\bhow\s+much\s+((?:[a-z][\w/-]*\s*){1,3})", re.IGNORECASE)


def unmeasured(ask: str, evidence: list[str]) -> str | None:
    """The thing an ask wants a measure of ("how much *math* do I need?", "how much *SQL*",
    "how much *vacation*") when no line of the evidence says any word of it: the guide cannot
    say how much of what it never speaks of. For an ask of no amount and no span of time
    (the reader's kind: "how much *cost* the CKA" is a price)."""
    m = _HOW_MUCH.search(ask)
    if m is None:
        return None
    words = []
    for word in m.group(1).lower().split():
        if word in STOPWORDS or word in FRAME_WORDS or len(word) < 2:  # noqa: PLR2004 - "n"
            break  # "how much *SQL* do I need", "how much *of* that", "how much n what …"
        words.append(word)
    stems = {stem(w) for w in words}
    if not stems or MONEY.search(" ".join(words)):
        return None  # "how much cost the CKA" asks a price
    if any(stems & {stem(w) for w in tokenize(t)} or _FIGURE.search(t) for t in evidence):
        return None  # a line says it, or states a figure ("1M predictions/second": the traffic)
    return " ".join(words)


#: A line's catch-all that names no member: "Bachelor's in CS *or related field*", "Python, Go,
#: *or another backend language*".
_CATCH_ALL = re.compile(
    r"\b(?:or|and)\s+(?:an?\s+|any\s+)?(?:related|other|another|similar)\s+(?:[\w-]+\s+)?"
    r"(?P<noun>[a-z][\w-]*)",
    re.IGNORECASE,
)
#: An ask whether a thing belongs to a kind: "does *my PharmD* count as a related field",
#: "would the guide count *physics* as …", "is *econ* a 'related field'".
_MEMBER = re.compile(
    r"\b(?:does|do|would|will|could|can|is)\s+(?P<x>(?:[\w.'-]+\s+){1,4}?)(?:count|qualify"
    r"|be\s+(?:accepted|considered|counted))\s+as\b"
    r"|\bcount(?:s|ed)?\s+(?P<y>(?:[\w.'-]+\s+){1,3}?)as\b"
    r"|^\W*is\s+(?P<z>[\w.'-]+(?:\s+[\w.'-]+)?)\s+an?\s+['\"‘“]?(?:related|other|similar)\b",
    re.IGNORECASE,
)
#: Words that name no thing of the asker's in a membership ask: "would *a* …", "*my* degree".
_NOT_THE_THING = frozenset(["a", "an", "the", "my", "our", "his", "her", "their", "guide", "it"])


def unnamed_member(ask: str, sections: Iterable[Section]) -> str | None:
    """The thing an ask wants counted in a kind that a line of the guide leaves open with a
    catch-all ("or related field"), when no line of the guide names all its words: "does my
    PharmD count as a 'related field'?" (the guide lists no related fields), not "does a CS
    degree count?" (its lines name both)."""
    m = _MEMBER.search(ask)
    if m is None:
        return None
    lines = [u.text for section in sections for u in section.units]
    kinds = {stem(c.group("noun")) for t in lines for c in _CATCH_ALL.finditer(t)}
    if not kinds & {stem(w) for w in tokenize(ask[m.end() :])}:
        return None
    words = [
        w
        for w in tokenize(m.group("x") or m.group("y") or m.group("z"))
        if w not in _NOT_THE_THING and w not in STOPWORDS and w not in FRAME_WORDS
    ]
    said = {stem(w) for t in lines for w in tokenize(t)}
    return " ".join(words) if words and not {stem(w) for w in words} <= said else None


def unstated(ask: str, evidence: list[str]) -> str | None:
    """The reason of the first kind the ask wants that no line of the evidence states, or None;
    "no_unit" for a figure asked in a unit no line states one in (assistant/units.py)."""
    for reason, asked, stated in KINDS:
        if asked.search(ask) and not any(stated.search(t) for t in evidence):
            return reason
    unit = asked_unit(ask)
    return "no_unit" if unit and not any(states_unit(unit, t) for t in evidence) else None


__all__ = ["KINDS", "unmeasured", "unnamed_member", "unstated"]
