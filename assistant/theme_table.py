"""The themes the guide states in lines of its own (assistant/themes.py reads them): for each,
the words that mark an ask of it, the lines stating it, and what makes an ask another one."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    name: str
    ask: re.Pattern[str]  # an ask of the theme
    line: re.Pattern[str]  # a guide line stating it, or the title of a part listing it
    by_title: bool = False  # `line` matches the titles of the parts whose lines state it
    block: bool = False  # `line` opens a labelled block ("Morning: …") of the lines after it
    unless: re.Pattern[str] | None = None  # an ask of another theme all the same
    marks: re.Pattern[str] | None = None  # words marking it wherever they stand ("google")


#: When in the day, or for how long, which the day's lines do not state: "what time does he
#: start in the morning?", "how many hours a day?"
_CLOCK = re.compile(
    r"\b(?:what\s+time|hours?|o['’]?clock|\d+\s*(?:am|pm)|commut\w*|shifts?|overtime|weekends?)\b",
    re.IGNORECASE,
)

#: FAANG by its members, or as the big ones: a size word before whatever noun names them, after
#: "the", "those", "at" … ("at the big *okes*", "those giant tech *outfits*"), not a size said
#: of one thing ("how big does a team need to be", "at a big enterprise").
_FAANG = (
    r"\b(?:faang|big\s+tech|google|meta|facebook|amazon|netflix|apple|(?:the|those|these|at|in"
    r"|for)\s+(?:really\s+|very\s+)?(?:big|biggest|large|largest|major|giant|huge)"
    r"(?:\s+famous)?\s+[a-z]+)(?:\s+(?:compan(?:y|ies)|firms?|outfits?|corps?"
    r"|giants?|mobs?|shops?|lot|crowd|employers?))?\b"
)

#: An ask for what a thing is in a form ("in plain English", "in one sentence", "what's the
#: actual job"): the role's definition, not its day, however the ask names the day.
DEFINING = (
    r"\b(?:definition|define|one[- ]liner|one[- ]line|in\s+(?:a|one)\s+sentence|short\s+version"
    r"|sum\s+(?:it\s+)?up|in\s+(?:plain|simple|normal)\s+(?:terms|words|english)"
    r"|at\s+a\s+high\s+level|the\s+job\s+itself"
    r"|what(?:['’]s|\s+is)\s+the\s+(?:actual\s+)?job(?=\s*[?.!,]|\s*$))\b"
)

TABLE = (
    Theme(
        "suits",
        re.compile(
            r"\b(?:(?:good|bad|best|right|great|natural|poor|better|strong|ideal|wrong)\s+"
            r"(?:fit|match)|fit\s+for|(?:best|well|most|better)[- ]suited|for\s+whom"
            r"|suit(?:s|able)?\s+(?:for\s+)?(?:me|him|her|you|them|someone|somebody|people"
            r"|students?)|cut\s+out\s+for|(?:does|do)\s+well\s+(?:at|in)"
            r"|what\s+(?:kinds?|sorts?|types?)\s+of\s+(?:person|people|personality|student"
            r"|engineer)s?\s+(?:is|are|would|does|do|suits?|fits?|gets?|enjoys?|likes?|thrives?)"
            r"|who(?:\s+is|['’]s|s)\s+(?:this|it|the)\b[^?.!]{0,30}\b(?:for|aimed\s+at)"
            # whom it draws from: "what background should candidates come from?"
            r"|what\s+(?:kinds?\s+of\s+|sorts?\s+of\s+|types?\s+of\s+)?backgrounds?"
            r"|natural\s+(?:next\s+)?(?:step|progression|move|transition)"
            r"|ideal\s+(?:candidates?|backgrounds?|profiles?|hires?))\b",
            re.IGNORECASE,
        ),
        # people described by what they want or enjoy
        re.compile(
            r"\b(?:engineers?|developers?|those|people|someone|anyone)\s+who\s+(?:want|enjoy"
            r"|like|love|get|prefer)",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "metrics to show",
        re.compile(
            r"\b(?:numbers?|metrics?|stats|kpis?)\b[^?.!]{0,40}\b(?:(?:show|highlight|brag|flex"
            r"|showcas|boast|tout)\w*|bring|present|put|talk\w*\s+about|back\w*\s+(?:that|it|this"
            r"|them)\s+up|report)\b|\b(?:show|highlight|bring|present|put|brag\s+about|flex)\b"
            r"[^?.!]{0,40}\b(?:numbers?|metrics?|stats|kpis?)\b",
            re.IGNORECASE,
        ),
        # the part of the guide listing the metrics a portfolio highlights
        re.compile(r"\bmetrics\s+to\s+highlight\b", re.IGNORECASE),
        by_title=True,
        # what people earn, or how many tools, is another ask ("show me numbers on pay")
        unless=re.compile(
            r"\b(?:salar\w*|pay|paid|earn\w*|compensation|tax|bonus\w*|equity|tools?"
            r"|how\s+many)\b",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "top pay",
        re.compile(
            r"\b(?:top|highest|max(?:imum)?|upper|ceiling)\s+(?:end|pay|salar(?:y|ies)|comp\w*"
            r"|earn\w*|figure|band|of\s+the\s+(?:range|band|scale))\b|\bhow\s+high\s+(?:does|can"
            r"|could|will)\s+(?:it|the\s+pay|pay|salary|comp\w*)\s+go\b|\bthe\s+most\s+(?:you|u"
            r"|one|i|someone|they|people|ppl)\s+(?:can|could)\s+(?:make|earn|get)\b|^(?=.*\b(?:pay"
            rf"|pays|paid|earn\w*|make|makes|salar(?:y|ies)|comp|pull|money)\b)(?=.*{_FAANG})",
            re.IGNORECASE | re.DOTALL,
        ),
        re.compile(r"\btop\s+compensation\s+at\s+FAANG\b"),  # the line stating it, and where
        # what it does not state of the pay (a level, a place, a part), and who hires ("the top
        # pay, and which kinds of companies hire them?" is of the demand line too)
        unless=re.compile(
            r"\b(?:junior|entry|intern\w*|median|average|typical|bonus\w*|equity|stock|rsus?|tax"
            r"|percentiles?|remote|states?|city|country|cert\w*|exam|hire|hiring|hires)\b",
            re.IGNORECASE,
        ),
        marks=re.compile(_FAANG, re.IGNORECASE),  # where named is what the ask is of
    ),
    Theme(
        "judged",
        re.compile(
            r"\b(?:judged|measured|evaluated|assessed|rated|graded|reviewed)\s+(?:on|by|against)\b"
            r"|\bKPIs?\b|\bOKRs?\b|\bsuccess\s+(?:metrics?|measures?|criteria)\b"
            r"|\bmeasures?\s+of\s+success\b|\bhow\s+(?:is|are)\s+(?:\S+\s+){0,4}?(?:success"
            r"|performance)\s+(?:measured|judged|evaluated|assessed)"
            r"|\b(?:success|performance)\b[^?.!]{0,40}\b(?:is|are|gets?)\s+(?:measured|judged"
            r"|evaluated|assessed)\b|\bevaluate\s+(?:whether|if|how)\b[^?.!]{0,40}\bperforming\b"
            r"|\b(?:is|are)\s+(?:the\s+|their\s+)?(?:success|performance)\b[^?.!]{0,40}\b(?:measured"
            r"|judged|evaluated|assessed)\b"
            r"|\bdoing\s+(?:a\s+)?(?:good|great|well|bad|poor)(?:\s+job)?\b"
            r"|\b(?:hire|person|engineer)\s+is\s+working\s+out\b|\baccountable\s+for\b"
            r"|\bperformance\s+reviews?\b|\byardstick\b",
            re.IGNORECASE,
        ),
        # what success or performance is measured by
        re.compile(r"\b(?:success|performance)\s+is\s+(?:measured|judged|evaluated)\b", re.I),
    ),
    Theme(
        "on-call",
        re.compile(
            r"\b(?:on[- ]?call|pag(?:ed|er|ers|ing)|woken(?:\s+up)?|wake\s+(?:me|you|them|him"
            r"|her|up)|after[- ]hours|middle\s+of\s+the\s+night"
            r"|called\s+(?:out|in|up)?\s*(?:at|during\s+the)\s+(?:night|nite)|night\s+calls)\b"
            # and when: "paged *at night*", "woken up *at 3am*"
            r"(?:\s+(?:\w+\s+){0,3}?(?:at|in\s+the\s+middle\s+of\s+the|during\s+the)\s+(?:night|nite)"
            r"|\s+at\s+\d{1,2}\s?am)?\b",
            re.IGNORECASE,
        ),
        # being on call, being paged
        re.compile(r"\bon-call\b|\bpaged\b|\bpage\s+you\b", re.IGNORECASE),
        # its schedule or its pay, which those lines do not state
        unless=re.compile(
            r"\b(?:rotations?|schedules?|shifts?|hours|how\s+(?:often|many|much|long)|pay|paid"
            r"|extra|compensat\w*|stipends?|frequency|freq|per\s+(?:week|month)|a\s+week)\b",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "downsides",
        re.compile(
            r"\b(?:downsides?|drawbacks?|cons|negatives?|pain\s+points?|gripes?|headaches?"
            r"|(?:hard|hardest|tough|toughest|worst|bad|frustrating)\s+(?:parts?|things?|bits?)"
            r"|less\s+rosy|warn\s+(?:\w+\s+)?about)\b",
            re.IGNORECASE,
        ),
        # the part of the guide listing the role's challenges
        re.compile(r"\bchallenges\b", re.IGNORECASE),
        by_title=True,
        # how people cope with them is another part ("How experienced MLOps engineers handle
        # …"); not the downsides one would deal with ("the headaches *I'd need to manage*")
        unless=re.compile(
            r"\b(?:tips?|advice|solutions?|practices|mitigations?|fix(?:es)?|do\s+about)\b"
            r"|\b(?:how|ways?|strateg\w+)\b[^?.]*\b(?:cope|coping|handle|handling|deal|dealing"
            r"|mitigat\w*|fix\w*|avoid\w*|reduce|cut\s+down|manag\w+|overcome)\b"
            r"|['’]s\s+(?:problem|headache)s?\b",  # whose it is: "or somebody else's headache"
            re.IGNORECASE,
        ),
    ),
    Theme(
        "demand",
        re.compile(
            r"\b(?:which|what)\s+(?:industr(?:y|ies)|sectors?|fields|(?:kinds?|sorts?|types?)\s+of"
            r"\s+(?:industr(?:y|ies)|sectors?|companies|organi[sz]ations|employers|places|outfits"
            r"|businesses))\b|\bwho\s+(?:actually\s+)?(?:hires|is\s+hiring|employs|needs)\b"
            r"|\bin\s+demand\b|\bdemand\s+for\b|\b(?:lots|lot|plenty)\s+of\s+(?:jobs|openings)\b"
            r"|\bwhere\s+the\s+jobs\b|\bemployment\s+outlook\b|\bindustries\s+(?:are\s+)?hiring\b",
            re.IGNORECASE,
        ),
        # where the demand for the role is
        re.compile(r"\b(?:high|strong|growing)\s+demand\b", re.IGNORECASE),
    ),
    Theme(
        "devops",
        re.compile(
            r"\bjust\s+devops\b|\bdevops\b[^?.!]{0,40}\b(?:rebrand\w*|new\s+(?:coat|label|name|hat)"
            r"|fancier|for\s+(?:ml|ai|machine\s+learning)\b|but\s+for)|\b(?:differ\w*|vs\.?|versus"
            r"|compared?)\b[^?.!]{0,30}\bdevops\b|\bmlops\s*=|\bdevops\s*\+|\b(?:role|mlops|it|this)"
            r"\s+(?:\w+\s+){0,2}(?:combin(?:es|e|ing)|blends?|brings\s+together|mixes)\b"
            r"|\bcombination\s+of\s+(?:skills|disciplines|fields)",
            re.IGNORECASE,
        ),
        # what the role joins to DevOps
        re.compile(r"\bDevOps\b[^.]*\bwith\b[^.]*\bML\b"),
    ),
    Theme(
        "clouds",
        re.compile(
            r"\b(?:which|what)\b[^?.!]{0,40}\b(?:(?:managed|cloud)\s+(?:ml|machine\s+learning|ai)\s+"
            r"(?:platforms?|services?|offerings?)|(?:managed\s+)?ml\s+platforms?|cloud\s+(?:platforms?"
            r"|providers?|vendors?)|clouds?)\b",
            re.IGNORECASE,
        ),
        # the lines naming the three clouds together (their platforms, their ML services)
        re.compile(r"\bAWS\b.*\bGCP\b.*\bAzure\b"),
        # a certification, a tool or an item pointed at is another ask
        unless=re.compile(
            r"\bcertif\w*|\bcerts?\b|\btool\w*|\bones?\b|\bteams?\b|\bhead\s+of\b", re.IGNORECASE
        ),
    ),
    Theme(
        "portfolio",
        re.compile(
            r"\bportfolios?\b(?=[^?.!]*\b(?:models?|model[- ]build\w*|kaggle|notebooks?|accura\w*"
            r"|supposed\s+to)\b)"
            r"|\b(?:models?|kaggle|notebooks?)\b(?=[^?.!]*\bportfolios?\b)",
            re.IGNORECASE,
        ),
        # the line on what a portfolio should demonstrate
        re.compile(r"\bportfolio\s+should\b", re.IGNORECASE),
        # its projects and the metrics to highlight are lists of their own
        unless=re.compile(
            r"\b(?:projects?|metrics?|measures?|numbers?|figures?|kpis?)\b", re.IGNORECASE
        ),
    ),
    Theme(
        "models",
        re.compile(
            r"\b(?:build|builds|building|make|makes|making|train|trains|training|tun(?:e|es|ing)"
            r"|invent\w*|creat\w+|design\w*)\s+(?:the\s+|own\s+|their\s+own\s+)?(?:ai|ml\s+models?"
            r"|models?|neural\s+(?:nets?|networks?)|artificial\s+intelligence)\b"
            r"|\bmore\s+(?:about\s+)?(?:model\w*|infra\w*|data\s+science)\b.{0,40}\bor\b"
            r"|\bgood\s+at\s+(?:building\s+)?(?:models?|modell?ing|ml\s+math)\b"
            r"|\bstrong\s+modell?ers?\b",
            re.IGNORECASE,
        ),
        # what the role is set against: building models
        re.compile(
            r"(?=.*\b(?:rather\s+than|more\s+than|while|not|without)\b)(?=.*\b(?:(?:building"
            r"|training|optimizing|deploy)\s+(?:and\s+training\s+)?(?:ML\s+)?models?|model\s+"
            r"(?:development|building))\b)",
            re.IGNORECASE,
        ),
        # moving into the role, what to learn, show or be asked, or accuracy, is another ask
        unless=re.compile(
            r"\b(?:move|switch|transition|pivot|portfolio|projects?|interview\w*|certif\w*|learn"
            r"|study|topics?|accura\w*)\b",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "degree",
        re.compile(
            r"\b(?:degrees?|bachelor(?:['’]?s)?|undergrad\w*|diploma|(?:what|which|college)\s+"
            r"majors?|major\s+in|stud(?:y|ies)\s+(?:\w+\s+)?(?:in|at)\s+(?:college|universit\w+|uni)"
            # whether one needs college at all: "do i need college for this or nah"
            r"|(?:need|require|go\s+to|attend)\s+(?:a\s+)?(?:college|universit\w+|uni)"
            r"|(?:college|universit\w+|uni)\s+(?:necessary|required|needed|a\s+must))\b",
            re.IGNORECASE,
        ),
        # the lines naming the degree the path starts with or the programs it points to
        re.compile(r"\bdegree\b|\bBachelor's\b"),
        # a degree or school those lines do not name, or what it costs, brings or is worth
        unless=re.compile(
            r"\b(?:master\w*|ph\.?d\w*|doctor\w*|associate|bootcamps?|internships?|community"
            r"|tuition|costs?|price\w*|fees?|salary|pay|percent\w*|share|how\s+many|which"
            r"\s+(?:colleges?|universit\w+|schools?)|best\s+(?:colleges?|universit\w+|schools?"
            r"|programs?)|recogni\w+|accepted|counts?\s+as|transfer\w*|admissions?|grades?|gpa"
            r"|apprentic\w+|instead|author|editor|wr[io]te|writer|his|he|their\s+degrees)\b",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "scope",
        re.compile(
            r"\b(?:well|clearly|loosely|poorly|badly|properly)[- ]defined\b|\bundefined\b"
            r"|\b(?:established|mature|settled|new|young|emerging)\s+(?:discipline|field|role"
            r"|profession|job|career)\b|\b(?:discipline|field|role|profession|job)\s+(?:is\s+)?"
            r"(?:still\s+)?(?:new|young|mature|established|settled|emerging|in\s+flux|fuzzy|vague)\b"
            r"|\bboundar(?:y|ies)\b|\boverlap\w*|\bblur(?:s|red|ry|ring)?\b|\bmoving\s+target\b"
            r"|\bwho\s+owns\s+what\b|\bownership\b",
            re.IGNORECASE,
        ),
        # the role's scope and its boundaries
        re.compile(r"\bundefined\b|\bboundaries\b", re.IGNORECASE),
        unless=re.compile(r"\btools?\b", re.IGNORECASE),  # "overlapping tools" are another
    ),
    Theme(
        "how long in all",
        re.compile(
            r"\bhow\s+(?:long|many\s+(?:years|yrs))\b(?=[^?.!]*\b(?:all\s+(?:of\s+)?(?:that|this"
            r"|it|those|these)|whole|entire|total|altogether|end[- ]to[- ]end(?=\s*(?:[?.!,]|$))"
            r"|start\s+to\s+finish|overall|in\s+all))",
            re.IGNORECASE,
        ),
        # the lines stating how long, in years or months: the path's total time
        re.compile(r"\b\d[\d\s-]*\s*(?:years?|months?)\b", re.IGNORECASE),
        unless=re.compile(r"\b(?:each|per|every|stage|step|phase|part)\b", re.IGNORECASE),
    ),
    Theme(
        "morning",
        re.compile(
            r"\b(?:in\s+the|their|his|her|a|the|normal|typical|usual)\s+mornings?\b"
            r"|\bmornings?\s+(?:like|look|go)|\bfirst\s+thing\b|\bstart\s+(?:of\s+)?(?:the|their"
            r"|his|her)\s+day\b",
            re.IGNORECASE,
        ),
        re.compile(r"^Morning:"),  # the day's morning, as the guide lays it out
        block=True,
        unless=_CLOCK,
    ),
    Theme(
        "afternoon",
        re.compile(
            r"\bafternoons?\b|\bafter\s+lunch\b|\b(?:second|latter|back)\s+half\s+of\s+the\s+day\b"
            r"|\blater\s+in\s+the\s+day\b",
            re.IGNORECASE,
        ),
        re.compile(r"^Afternoon:"),
        block=True,
        unless=_CLOCK,
    ),
    Theme(
        "day",
        re.compile(
            r"\b(?:typical|normal|average|usual|regular|ordinary)\s+(?:work\s*)?day\b"
            r"|\bday[- ]to[- ]day\b|\bday[- ]in[- ]the[- ]life\b|\bdo\s+all\s+day\b"
            r"|\bdaily\s+(?:life|routine)\b|\b(?:what|how)(?:\s+is|\s+does|['’]s)\s+(?:a|the"
            r"|their|his|her)\s+day\b",
            re.IGNORECASE,
        ),
        re.compile(r"^Day in the Life\b"),  # the part laying out the day
        by_title=True,
        # its responsibilities and meetings are lists of their own
        unless=re.compile(
            rf"{_CLOCK.pattern}|\b(?:responsibilit\w*|duties|meetings?|who)\b|{DEFINING}", re.I
        ),
    ),
)


__all__ = ["DEFINING", "TABLE", "Theme"]
