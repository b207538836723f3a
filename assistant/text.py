"""Word tokens for BM25 and vocabulary checks."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[a-z0-9$][a-z0-9$+#.-]*[a-z0-9]|[a-z0-9]")
#: Function words as typed in a chat box: contractions without their apostrophe and texting
#: forms ("whats", "dont", "u", "ur", "pls").
CHAT_STOPWORDS = frozenset(
    [
        "whats", "hows", "whos", "wheres", "whens", "whys", "im", "ive", "dont", "doesnt",
        "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont", "shouldnt", "couldnt",
        "wouldnt", "youre", "theyre", "thats", "theres", "u", "ur", "r", "ya", "wat", "wut",
        "shud", "cud", "wud", "pls", "plz", "thx", "thanks", "gonna", "wanna", "kinda", "sorta",
    ]
)  # fmt: skip
STOPWORDS = (
    frozenset(
        [
            "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as",
            "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
            "those", "there", "their", "they", "them", "he", "him", "his", "she", "her", "hers",
            "you", "your", "i", "me", "my", "we", "our", "do", "does", "did", "what", "which",
            "who", "whom", "how", "why", "when", "where", "can", "could", "should", "would", "will",
            "may", "might", "must", "shall", "ought", "about", "from", "into", "than", "then", "so",
            "if", "not", "no", "yes", "any", "all", "some", "more", "most", "also", "just", "very",
            "much", "many", "one", "ones", "get", "got", "have", "has", "had", "tell", "say",
            "says", "guide", "please", "such",
        ]
    )
    | CHAT_STOPWORDS
)  # fmt: skip

#: A word as typed, read for its chat form or spelling (vocabulary.spell_out): not a part of a
#: contraction ("don't"), but one before "'s" ("whit's") or whose dropped "g" it marks ("runnin'").
TYPED_WORD = re.compile(r"(?<![\w'&/])[A-Za-z]+(?:\d?(?![\w&/]|'(?!s\b))|(?<=in)(?='(?!\w)))")

#: Words as typed in a chat box, and the words they stand for ("wat langs shud i learn 4 mlops").
CHAT_FORMS = {
    "u": "you", "ur": "your", "r": "are", "wat": "what", "wut": "what", "shud": "should",
    "cud": "could", "wud": "would", "pls": "please", "plz": "please", "thx": "thanks",
    "b4": "before", "bc": "because", "cuz": "because", "abt": "about",
    "yrs": "years", "yr": "year", "mo": "month",
    "hrs": "hours", "govt": "government", "whats": "what is", "wats": "what is", "hows": "how is",
    "im": "I am", "ive": "I have", "dont": "do not", "doesnt": "does not", "isnt": "is not",
    "cant": "can not", "wont": "will not",
    "idk": "I do not know", "rn": "right now", "tho": "though",
    "btwn": "between", "thru": "through", "diff": "difference", "src": "source",
    "prereq": "prerequisite", "prereqs": "prerequisites", "tldr": "briefly", "smth": "something",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "dunno": "do not know",
    "wtf": "what", "wth": "what",  # the emphatic "what the …"
    "qs": "questions", "em": "them",
    # a laugh or an aside says nothing, and a short ask's meaning drowns in it ("whats mlops even
    # mean lol" sat below the relevance bar)
    "lol": "", "lool": "", "lmao": "", "lmfao": "", "rofl": "", "haha": "", "hahaha": "",
    "hehe": "", "xd": "", "omg": "", "smh": "", "tbh": "", "ngl": "", "imo": "", "imho": "",
    # spoken spellings: Scots ("whit kind o money", "gettin woken up wi call-outs") and Pidgin
    "whit": "what", "o": "of", "wi": "with", "tae": "to", "fae": "from", "frae": "from",
    "hame": "home", "nae": "no", "oot": "out", "aboot": "about", "masel": "myself", "yer": "your",
    "ye": "you", "youse": "you", "gonnae": "going to", "wantae": "want to", "dae": "do",
    "daes": "does", "hoo": "how", "whaur": "where", "wha": "who", "wid": "would", "awfy": "very",
    "efter": "after", "cannae": "can not", "dinnae": "do not", "disnae": "does not",
    "didnae": "did not", "isnae": "is not", "wasnae": "was not", "wouldnae": "would not",
    "couldnae": "could not", "shouldnae": "should not", "fir": "for", "fur": "for",
    "hae": "have", "aw": "all", "ony": "any", "yins": "ones",
    # Nigerian Pidgin ("wetin dey happen", "una", "abeg") and Jamaican patois ("dem", "gwaan")
    "wetin": "what", "dey": "are", "una": "you", "abeg": "please", "wan": "want", "dem": "them",
    "gwaan": "going on",
    "n": "and", "wot": "what",  # "google *n* stuff", "wot do they earn"
    "arvo": "afternoon",  # Australian
}  # fmt: skip
#: a chat form of "what", "how", "who" with its "is" ("wots DVC?", "whit's" reads as "what's")
CHAT_FORMS |= {f"{k}s": f"{v} is" for k, v in CHAT_FORMS.items() if v in ("what", "how", "who")}

#: "isn't" -> "is not", "you'll" -> "you will": no stray "isn" or "ll" tokens.
_CONTRACTION = re.compile(r"(\w)(n't|'ll|'re|'ve|'d|'m|'s)\b")
_EXPANDED = {"n't": " not", "'ll": " will", "'re": " are", "'ve": " have", "'d": " would",
             "'m": " am", "'s": ""}  # fmt: skip


def _expand(m: re.Match[str]) -> str:
    return m.group(1) + _EXPANDED[m.group(2)]


#: Accents on a Latin letter, once decomposed ("é" is "e" and U+0301).
_ACCENT = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")


def unaccented(text: str) -> str:
    """The text with the accents off its Latin letters ("técnicas" -> "tecnicas", "São" -> "Sao"),
    as the guide and the word lists spell them; marks of other scripts stay."""
    return unicodedata.normalize("NFC", _ACCENT.sub("", unicodedata.normalize("NFD", text)))


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stopwords; a hyphenated word also gives its parts, so
    "on call" meets "On-call" and "end to end" meets "End-to-end"."""
    out: list[str] = []
    for token in _TOKEN.findall(_CONTRACTION.sub(_expand, text.lower())):
        if token not in STOPWORDS:
            out.append(token)
        if "-" in token:
            out += [p for p in token.split("-") if p and p not in STOPWORDS and not p.isdigit()]
    return out


#: Words that ask for a definition's form, not its topic ("in one sentence", "in simple terms").
DEFINITION_WORDS = frozenset(
    [
        "sentence", "sentences", "brief", "briefly", "short", "simple", "simply", "plain", "terms",
        "words", "exactly", "define", "definition", "overview", "mean", "means", "meaning",
        "summary", "summarize", "nutshell",
    ]
)  # fmt: skip

# Every question and most headings say "MLOps engineer": for embeddings the phrase is noise
# that makes a generic line ("Total Time: 4-6 years") look like an answer to everything.
_NAME = r"(?:an?\s+)?mlops(?:\s+engineers?|\s+engineering)?"
_DOMAIN = re.compile(rf"\b{_NAME}\b|\bthe guide\b", re.I)

#: Fewer topic words than this left without the domain's name, and the name is the topic.
TOPIC_MIN_WORDS = 1

_HEDGE = r"(?:(?:even|exactly|actually|really|typically|usually|basically|just)\s+)*"
_END = r"(?=\s*(?:[,.?!;:)]|$|\s(?:for|to|so|that|which|like|please|the\s+guide)\b))"
#: An ask for what the role is or does: "what (even) is mlops", "what does an MLOps engineer
#: actually do", "what an mlops engineer even is", "definition of an MLOps engineer for a deck".
_ROLE_ASKED = re.compile(
    rf"\bwhat(?:'s|\s+is|\s+are|\s+does|\s+do)?\s+{_HEDGE}{_NAME}\s+{_HEDGE}"
    rf"(?:is|are|do|does|mean|means){_END}"
    rf"|\bwhat\s*{_HEDGE}(?:'s|is|are)\s+{_HEDGE}{_NAME}{_END}"
    rf"|\b(?:defin(?:e|ition)|describe|explain)\s+(?:of\s+)?(?:what\s+)?{_NAME}{_END}",
    re.I,
)


def neutral_ask(ask: str) -> str:
    """An ask, for embedding: `neutral`, unless it asks what the role is or does
    (`_ROLE_ASKED`), whatever else it says; then the role is its topic."""
    return ask if _ROLE_ASKED.search(ask) else neutral(ask)


def neutral(text: str) -> str:
    """The text without the domain's ever-present name, for embedding; unless the name is what
    the text is about: nothing else is left ("What is an MLOps engineer, in one sentence?"
    leaves "sentence")."""
    rest = without_domain(text)
    topic = [t for t in tokenize(rest) if t not in DEFINITION_WORDS]
    return rest if len(topic) >= TOPIC_MIN_WORDS else text


def without_domain(text: str) -> str:
    """The text without "MLOps engineer(s)" and "the guide"."""
    return " ".join(_DOMAIN.sub(" ", text).split())


_ROLE_FIRST = re.compile(r"\s*(?:an?\s+)?mlops\s+engineers?\b", re.I)


def role_first(text: str) -> bool:
    """Does `text` start with the role's name ("MLOps engineers should we have …": what a
    count there counts is people in the role, none of the guide's lists)?"""
    return bool(_ROLE_FIRST.match(text))


#: The asker setting the ask beside their own doing: "like when *I* do emergency calls at
#: night", "the way *my* dentist gets called in", "as *we* do at the bank".
_OWN_LIKENESS = re.compile(
    r"\b(?:like|as|the\s+way)\s+(?:when\s+|how\s+)?(?:i|my|we|our)\b[^?.!;]*", re.IGNORECASE
)


def without_own_likeness(text: str) -> str:
    """The text without the asker's likening of it to their own doing: what that names is the
    asker's, not what is asked of the guide."""
    return _OWN_LIKENESS.sub(" ", text)


#: "how long till I could *be* one", "until I'm an MLOps engineer": a time until one is
#: something is a time to become it.
_UNTIL_BEING = re.compile(
    r"\b(?:un)?till?\s+(?:i|you|one|someone|somebody|he|she|they|we|(?:my|our)\s+\w+)"
    r"(?:\s+(?:could|can|would|will|might|should))?(?:\s+(?:actually|really|finally))?"
    r"(?:\s+be|\s+am|\s+is|\s+are|'m|'s|'re|\s+get\s+to\s+be)\b",
    re.IGNORECASE,
)


def becoming(ask: str) -> str:
    """The ask with a time until one is something read as a time to become it."""
    return _UNTIL_BEING.sub("to become", ask)


#: Words for a stage of a process the guide describes, no property of it: the interview's
#: "coding *round*", "the onsite *loop*".
STAGE_WORDS = frozenset(["round", "rounds", "loop", "loops"])

#: A choice between things asked ("should we *go with* dagster *or* airflow?", "is Kubeflow *or*
#: MLflow *the better* choice?", "*standardize on* AWS *or* GCP"): a comparison the guide must
#: make itself.
CHOSEN_BETWEEN = re.compile(
    r"\b(?:go\s+with|standardi[sz]e\s+on|pick|choose|better\s+off)\b[^?.]{0,40}\bor\b"
    r"|\bor\b[^?.]{0,40}\bthe\s+better\b",
    re.IGNORECASE,
)
#: Pay measured between earners, in a verb of its own: "which state *pays the most*?", "which
#: *gives more* money, A or B?", "how does its pay *stack up against* …", "as well as X do?".
PAY_COMPARED = re.compile(
    r"(?=.*\b(?:pay|pays|paid|earn\w*|salar(?:y|ies)|money|comp|compensation)\b)"
    r"(?:.*\bwhich\b[^?.]{0,40}\b\w+s\s+(the\s+)?(most|least|best|highest|lowest)\b"
    r"|.*\b(more|less|higher|lower)\b(?!\s+or\b)[^?]{0,30}\bor\b|.*\bstacks?\s+up\b"
    r"|.*\bas\s+(well|much|highly)\s+as\b[^?.]{0,40}\b(do|does|did)\b)",
    re.IGNORECASE,
)

#: A time of a part of a whole, or taken off it: "how long does *each step* take", "how are
#: those years *allocated across* the stages", "how much *of that time* can I *shave off*",
#: "how many years *less* for me", "could my background *shorten* the timeline".
PART_OR_CUT = re.compile(
    r"\b(?:each|every)\s+(?:step|stage|phase|part|one)\b|\bper\s+(?:step|stage|phase)\b"
    r"|\ballocat\w+|\bsplit\b|\bbroken\s+down\b|\bbreakdown\b|\bdivided\b"
    r"|\bof\s+(?:that|the|this|those)\s+(?:time|years)\b|\bshorten\w*|\bshave\b"
    r"|\b(?:cut|take|knock)\s+(?:\w+\s+)?off\b"
    r"|(?<!\bmore or )\b(?:less|fewer|faster|quicker|sooner)\b"  # not "more or less": roughly
    r"|\baccelerat\w+|\bcompress\w*|\bspeed\s+(?:\w+\s+)?up\b|\breduc\w+"
    r"|\b(?:years?|yrs?|months?)\s+more\b",
    re.IGNORECASE,
)
#: The ask is of time: "how long", "how many years", "the timeline", "how quickly".
_OF_TIME = re.compile(
    r"\bhow\s+long\b|\bhow\s+(?:many|much)\b[^?]{0,20}\b(?:years?|yrs?|months?|time)\b"
    r"|\btime(?:line|frame)?\b|\b(?:years?|yrs?|months?)\b|\bquick\w*|\bfast\w*|\bsooner\b"
    r"|\bshorten\w*|\baccelerat\w+",
    re.IGNORECASE,
)
#: A line that times a whole: "*Total* Time: 4-6 years".
_WHOLE = re.compile(r"\b(?:total|overall|in\s+all|altogether)\b", re.IGNORECASE)


def untimed_part(
    ask: str, evidence: list[str], duration: re.Pattern[str], of_time: bool = False
) -> bool:
    """Does the ask want the time of a part of a whole, or what is taken off it, when every
    line of the evidence stating a `duration` times only the whole ("Total Time: 4-6 years"
    says nothing of a stage's years, nor of what a background saves)? `of_time`: the ask is
    of time without saying so (a follow-up to "how long …?": "how is that split?")."""
    timed = [t for t in evidence if duration.search(t)]
    return (
        bool(timed)
        and all(_WHOLE.search(t) for t in timed)
        and PART_OR_CUT.search(ask) is not None
        and (of_time or _OF_TIME.search(ask) is not None)
    )


#: How the asker wants the answer put, not what it is about: "in a sentence (or two)", "in plain
#: English", "in simple terms", "in one line", "according to the text", "for a quote", "like I'm
#: five", "no waffle".
_FORM = re.compile(
    r"[,;]?\s*\b(?:(?:in|into|with)\s+(?:just\s+)?(?:a|one|two|three|a few|a couple of|a single)?"
    r"\s*(?:short|simple|plain|layman'?s?|lay|everyday|non-?technical|basic)?\s*"
    r"(?:sentences?|lines?|words?|paragraphs?|bullet points?|bullets|terms|english|language"
    r"|nutshell)(?!\s+(?:of|for|about|on)\b)(?:\s+or\s+(?:two|three|so))?"
    r"|(?:according|as per)\s+(?:to\s+)?(?:the|this)\s+(?:text|article|document|page)"
    r"|for an?\s+(?:quote|citation)"
    # who the asker wants it put for: "explain it *like I'm a photographer*", "*ELI5*", "*no
    # waffle*"
    r"|(?:just\s+)?like\s+(?:i'?m|i\s+am|i\s+was|im)\s+(?:a|an|five|5|\d+)\b[^?.!,;]*|eli5"
    r"|(?:and\s+)?(?:no\s+|without\s+(?:the\s+|any\s+)?)(?:waffle|waffling|fluff|jargon|filler"
    r"|padding|bs|nonsense|fuss)(?=\s*(?:[?.!,;:]|$))"
    r")\b",
    re.IGNORECASE,
)


#: Why the asker asks ("for screening purposes"), where they will put it ("for our flyer") and
#: the papers a hire is made on: no part of what to search for.
_PURPOSE = re.compile(
    r"[,;]?\s*\b(?:for\s+(?:[\w-]+\s+){0,2}purposes?(?:\s+of\s+[\w-]+)?"
    # where the asker will put it: "for our *flyer*", "for a *slide*", "for the JD intro"
    r"|for\s+(?:a|an|the|our|my|their|his|her)\s+(?:[\w-]+\s+)?(?:flyers?|slides?|decks?"
    r"|presentations?|reports?|newsletters?|articles?|blog|posts?|ads?|adverts?|posters?"
    r"|brochures?|handouts?|intros?|jd|website|show\s+notes|podcast|talks?|emails?|memos?"
    r"|seminars?|lessons?|class)"
    # the papers a hire is made on, which the asker reads or writes: "on a strong *CV*", "put
    # in the *JD*", "on a contractor's *CV*", "on candidates' CVs", "when screening CVs"
    r"|(?:in|into|on|onto|for)\s+(?:(?:a|an|the|our|my|their|your|his|her)\s+)?(?:[\w'’-]+\s+)?"
    r"(?:cvs?|resumes?|r[ée]sum[ée]s?|jds?|job\s+(?:descriptions?|ads?|postings?))"
    r"(?:\s+(?:drafts?|templates?))?"
    r"|(?:when|while)?\s*screening\s+(?:the\s+)?(?:cvs|resumes|r[ée]sum[ée]s))\b",
    re.IGNORECASE,
)


#: Emphasis on what is asked, which asks nothing itself: "what *on earth* is DVC?", "what *the
#: heck* is Kubeflow", "what *in the world* is …", "what's DVC *when it's at home*?".
_EMPHASIS = re.compile(
    r"(?<=\bwhat)\s+(?:the\s+(?:hell|heck|fuck|devil|dickens|deuce|blazes)"
    r"|on\s+(?:god'?s\s+)?earth|in\s+(?:the\s+)?(?:world|heavens?|god'?s\s+name|blazes))\b"
    r"|,?\s+when\s+(?:it'?s|its|they'?re|theyre)\s+at\s+home\b",
    re.IGNORECASE,
)

_ADDRESS = r"(?:dear|honey|hon|sweetie|darling|love|mate|bro|dude|sir|madam|ma'am|buddy|pal)\b"
#: An aside that asks nothing ("what do they pay at the top, *out of interest*?", whom it is
#: said to: "*Dear,*") and a vague
#: tail standing for more of the same ("at google *n stuff*", "pipelines *and all that*").
_ASIDE = re.compile(
    r",?\s*\b(?:just\s+)?out\s+of\s+(?:interest|curiosity)\b(?:\s+like\b)?"
    # whom the asker addresses: "*Dear,* what is …", "what's the first step, *honey*?"
    rf"|^\W*{_ADDRESS}\s*[,!]|,\s*{_ADDRESS}(?=\s*[?.!]*\s*$)"
    r"|(?:\s+(?:and|n|&)\s+(?:stuff|things|that|all\s+that|so\s+on|the\s+like)"
    r"|\s+or\s+(?:something|whatever|anything)(?:\s+like\s+that)?)(?=\s*(?:[?.!,;:]|$))",
    re.IGNORECASE,
)


def without_purpose(ask: str) -> str:
    """The ask without why the asker asks or where they will put it ("for our flyer"), an aside
    ("out of interest") or emphasis ("what *in the world* is …"): what to search for; the ask
    itself when nothing would be left."""
    return _without(ask, _PURPOSE, _ASIDE, _EMPHASIS)


def without_form(ask: str) -> str:
    """The ask without how the asker wants the answer put ("What's Kubeflow used for, *in a
    sentence*?") or the emphasis it is put with ("what *on earth* is DVC?"), its purpose and
    its asides; the ask itself when nothing would be left."""
    return _without(ask, _FORM, _EMPHASIS, _PURPOSE, _ASIDE)


def _without(ask: str, *parts: re.Pattern[str]) -> str:
    bare = ask
    for part in parts:
        bare = part.sub(" ", bare)
    rest = re.sub(r"\s+(?=[?.!,;:])", "", " ".join(bare.split())).lstrip(",;: ")
    return rest if len(re.findall(r"\w+", rest)) >= 2 else ask


#: What an ask sets aside ("Besides the technical stuff, what people skills …"): not searched.
_SET_ASIDE = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:besides|other than|apart from|aside from|except for"
    r"|beyond|not counting)\b"
    r"[^,?.;:]*[,;:]",
    re.IGNORECASE,
)

#: What an ask sets aside after it ("the technical questions, *not the design ones*?", "the
#: technical q's i mean *not sys design*", "which technical *(not system-design)* questions",
#: "the salary band, *leaving aside the FAANG outliers*", "the ones *apart from design*").
_SET_ASIDE_AFTER = re.compile(
    r"(?:(?:,|\bi\s+mean\b)\s*(?:(?:and|but)\s+)?(?:not|as\s+opposed\s+to|rather\s+than)|(?:,\s*"
    r"|\bi\s+mean\s+|\s)(?:apart\s+from|aside\s+from|other\s+than|besides|except(?:\s+for)?"
    r"|(?:leaving|setting|putting)\s+aside|excluding|ignoring|leaving\s+out))\b[^,?.;:!()]*"
    r"|\(\s*(?:not|non)\b[^)]*\)",
    re.IGNORECASE,
)


#: Where the asker heard of the thing asked about, in a clause after it: "this MLflow *that
#: everyone whispers about in the corridors*", "DVC*, which one of my students mentioned*",
#: "that 'drift' business *my article talked about*": not what is asked of it.
_HEARSAY = re.compile(
    r"(?<=[\w'\"])(?<!\bas)(?<!\bthan)(?<!\blike)(?:\s*,)?\s+(?:(?:that|which|who)\s+)?"
    r"(?:(?:one\s+of\s+)?(?:my|our|his|her|their)\s+(?:\w+\s+)?\w+|everyone|everybody|people"
    r"|folks|someone|somebody)\s+(?:keeps?\s+|always\s+)?(?:mentioned|mentions|talked|talks"
    r"|whispers|raves|swears|said|says|told\s+me|brought\s+up)(?:\s+(?:about|of|by))?"
    r"(?:\s+(?:in|at|on)\s+[^,?.;:!]*)?(?=\s*(?:[?,.;:!]|$))",
    re.IGNORECASE,
)


def without_set_aside(ask: str) -> str:
    """The ask without what it sets aside or where the asker heard of it; the ask itself when
    nothing else would be left."""
    rest = _HEARSAY.sub("", _SET_ASIDE_AFTER.sub(" ", _SET_ASIDE.sub(" ", ask))).strip()
    return rest if tokenize(rest) else ask


#: What the guide does ("the guide *lays out*"): how it says things, not what about; after a
#: preposition the guide does nothing ("a tool named in the guide *suitable* for …").
_GUIDE_ACT = re.compile(
    r"(?:\b(\w+)\s+)?(?:the\s+)?\bguide\s+"
    r"(?:(?:even|actually|really|also|ever|at\s+least|is|does|do)\s+)*([a-z]+)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset(
    ["in", "of", "from", "by", "on", "to", "per", "about", "within", "across", "into", "for", "at"]
)


def guide_acts(text: str) -> frozenset[str]:
    """The words for what the guide does in `text`, lower-cased: "draws" in "the sources from
    which the guide draws its data"."""
    found = _GUIDE_ACT.finditer(text)
    return frozenset(
        m.group(2).lower() for m in found if (m.group(1) or "").lower() not in _PREPOSITIONS
    )
