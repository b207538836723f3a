"""Splitting a question into its ask and its context: what it asks ("What steps should I
follow?"), and what the asker says of themself ("I'm a Java backend developer."), by sentence and
within one ("As a Java developer, how do I …"). Takes the question's text; gives (ask, context)
and the ask's sentences to assistant/question.py, which reads the rest of the question."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from assistant import lexicon
from assistant.terms import topicless
from assistant.text import tokenize
from assistant.vocabulary import is_evaluative

#: Whether a sentence names a topic of the guide; the names of the guide's things.
Topic = Callable[[str], bool]
Names = Collection[str]
SENTENCES = re.compile(
    r"(?<=[.!?;])\s+|(?<=[.!?;]['\"’”)])\s+|\n+"  # also after a closing quote: "… 'passion.' What"
    # a capitalised question word after a lower-case word starts a sentence whose full stop went
    # missing ("… some Python for test scripts What kinds of projects …")
    r"|(?<=[a-z0-9)])\s+(?=(?:What|Which|Who|How|Where|Why|When|Is|Are|Do|Does|Can|Could"
    r"|Should|Would|Will)\b)"
)
#: Words that open a question or a request.
ASKING = re.compile(
    r"^\s*(what|what's|whats|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did"
    r"|can|could|should|would|will|shall|may|might|must|tell|list|name|give|show|explain"
    r"|describe|compare|recommend|any|anything|help)\b",
    re.IGNORECASE,
)
#: "As a Java developer, how do I ...", "If my team uses PyTorch, which …": a leading clause that
#: speaks of the asker (a first-person word, or "as a …") before the ask, in one sentence.
_FIRST_PERSON = re.compile(
    r"\b(i|i'm|im|i've|ive|i'd|my|me|we|we're|our|us)\b|^\s*(as an?|coming from|being an?)\b",
    re.IGNORECASE,
)

#: A request to produce something rather than to learn what the guide says ("can you draft …").
TASK = re.compile(
    r"^\s*(?:please\s+|(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?(?:help\s+me\s+)?)?"
    r"(write|compose|draft|generate|create|translate|summari[sz]e (this|my)|ignore|forget|pretend"
    r"|act as|roleplay|print|repeat|reveal|disregard|sing|tell me a joke|code|debug|fix)\b",
    re.IGNORECASE,
)

#: A question with its verb before its subject ("what does an mlops engineer do", "which
#: monitoring tools does the guide mention"): it starts an ask even with no comma or "and"
#: before it, as in a run-on with no punctuation ("…and honestly im bored what does…").
_INVERTED = (
    r"(?:what|which|how|who|where|why|when)(?:\s+[\w/+-]+){0,3}?\s+"
    r"(?:does|do|did|is|are|was|were|would|should|can|could|will)\s+"
    r"(?:the|a|an|an?\s+\w+|i|you|my|it|this|they|someone|one|mlops|\w+s)\b"
)
#: Where an ask starts inside a longer sentence: after a clause boundary or a joining word, or
#: after "I want to know", "I was wondering" ("…and now i want to know what the challenges are").
_ASK_START = re.compile(
    r"(?:^|[,;:(]|\s[-–—]+|\b(?:so|and|but|then|now)\b|\s(?=" + _INVERTED + r"))\s*"
    r"(?:(?:and|but|so|then|now)\s+)?"
    r"(?:i\s*(?:want|wanted|would like|'d like|was wondering|wonder|am curious|'m curious|need)"
    r"(?:\s+to\s+(?:know|ask|understand))?\s*(?:if|whether)?\s*)?"
    r"(?=(?:what|what's|whats|which|who|how|is|are|do|does|can|could|should|would|will|where"
    r"|why|when)\b)",
    re.IGNORECASE,
)
#: A trailing clause about the asker: "…for someone like me who has done Jenkins", "…since I
#: already know Python".
_TRAILING_ME = re.compile(
    r"[\s,]+(?:(?:for|as)\s+(?:someone|somebody|a person|people)\s+(?:like me|with|who)"
    r"|(?:since|because|given that|considering|as)\s+(?:i|i'm|i've|my)\b"
    # what the asker would do with the answer: "… a code (that) I could use for HR forms"
    r"|(?:that\s+|which\s+)?(?:i|we)\s+(?:could|can|would|might|will)\s+(?:use|show|give|send"
    r"|share|put)\b).*$",
    re.IGNORECASE,
)
#: A clause after the ask that tells of the asker and asks nothing: "what kinda projects should
#: i build, i've got like 3 months of severance", "…, i dont wanna jump from QA into something
#: worse".
_STATEMENT = re.compile(
    r",\s*(?:(?:and|but|cause|cuz|coz|bc|because)\s+)?(?:(?:i|i'm|im|i've|ive|i'd|i'll|we|we're"
    r"|we've|my|our)\s+(?!mean\b|guess\b|wonder|was wondering|want to know|need to know)"
    # what others keep saying: "what's docker even for, *everyone keeps saying docker*"
    r"|(?:everyone|everybody|people|ppl|folks|they)\s+(?:keeps?|kept|say|says|said|tells?"
    r"|told|talks?|mentions?)\b)[^?]*\??$",
    re.IGNORECASE,
)
_ASKING_WORD = re.compile(r"\b(?:what|whats|which|who|how|where|why|when|whether|if)\b", re.I)


def _trailing_statement(sentence: str) -> re.Match[str] | None:
    m = _STATEMENT.search(sentence)
    return m if m and not _ASKING_WORD.search(m.group(0)) and ASKING.match(sentence) else None


#: Labels before an ask or a description ("Question:", "Me:", "Quick background:", "Verify:",
#: "Quick fact-check for the show notes:").
_LABEL = re.compile(
    r"^\s*(?:(?:quick|short|brief|some|a bit of)\s+)?"
    r"(?:question|q|my question|me|background|about me|context|verify|fact[- ]?check"
    r"|sanity[- ]check|check|confirm)(?:\s+for\s+(?:the|my|our|a)\s+[\w\s-]{1,20}?)?\s*:\s*",
    re.IGNORECASE,
)
#: "ten years in QA", "5 yrs", "Power BI developer here": a leading fragment about the asker.
_EXPERIENCE = re.compile(r"\b(?:years?|yrs?|months?|here)\b", re.IGNORECASE)
#: Things, not people: "*the solutions architect one*, what …", "*Airflow or Prefect*, which …".
_THINGS = re.compile(r"\bthe\s+(?:[\w/&+-]+\s+){1,3}ones?\b|\w\s+(?:or|vs\.?|versus)\s+\w", re.I)


def _describes_someone(head: str, things: Names = ()) -> bool:
    """Does a leading fragment with no first-person word describe a person ("Support engineer at
    VMware", "ten years as a windows admin"), or only how the asker asks ("Realistically,")?
    Otherwise it is the ask's topic ("tool sprawl - how do people deal", "Kubeflow vs MLflow -
    how does the guide describe each?", and things: "the solutions architect one", "X or Y"); a
    person after "of" is not who it describes ("the afternoon of this engineer"), nor one of
    `things`, the names of the guide's things ("*docker* - why for ML", not a dock worker)."""
    if _EXPERIENCE.search(head) or _THINGS.search(head):  # "the solutions architect one"
        return bool(_EXPERIENCE.search(head))
    people = tokenize(re.split(r"\bof\b", head, maxsplit=1)[0])
    modifiers = all(lexicon.is_modifier(w) for w in tokenize(head))  # "Realistically,", "so"
    return modifiers or any(lexicon.is_person(w) and w not in things for w in people)


def _asks(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True  # not an exclamation that opens like a question: "what a twist that'd be"
    return not _EXCLAIMS.match(sentence) and bool(ASKING.match(sentence) or TASK.match(sentence))


_EXCLAIMS = re.compile(r"^\W*what\s+an?\s+(?!lot\b)\w+", re.IGNORECASE)


#: A question's own opening phrase, not the asker's: "Of all the certifications, which …",
#: "Among the three cloud ML certifications, which …", "For the CI/CD part, which tools …",
#: "and for data scientists, what range …".
_SCOPING = re.compile(
    r"^\s*(?:(?:and|but|so|also|ok|okay|then)\W+)?"
    r"(of|among|amongst|for|in|outside|besides|beside|between|within|on|regarding"
    r"|apart from|other than|aside from|compared to|of the|out of)\b",
    re.IGNORECASE,
)


#: An ask put as what the asker wonders: "I'm curious whether …", "I wonder if …".
_INDIRECT = re.compile(
    r"\b(?:wonder\w*|curious|know|sure|ask\w*)\s+(?:if|whether)\b|\bwhether\b", re.IGNORECASE
)


#: What the asker says of the question itself before it: "ok dumb question but", "honest
#: question:", "sorry if this is a basic question, but" (not its topic: "interview question:").
_PREFACE = re.compile(
    r"^\W*(?:(?:ok|okay|so|um|hi|hey)\W+)*(?P<sorry>(?:sorry|apologies|forgive(?:\s+me)?)\W+"
    r"(?:(?:if|for)\s+)?)?(?:(?:this|that|it|what)\s+(?:is|'s|m(?:ay|ight)\s+be)\s+)?"
    r"(?:an?\s+)?(?P<judged>(?:[\w-]+\s+){1,2})(?:question|q|qn)\b"
    r"\W*(?:(?:\w+\W+)?(?:but|though|tho))?\W*$",
    re.IGNORECASE,
)


def _is_preface(head: str) -> bool:
    m = _PREFACE.match(head)  # with an apology, of the question itself, however judged
    return m is not None and (
        bool(m.group("sorry"))
        or all(is_evaluative(w) or lexicon.is_modifier(w) for w in tokenize(m.group("judged")))
    )


def _split_sentence(sentence: str, things: Names) -> tuple[str, str]:
    """(ask, what it says of the asker) within one asking sentence."""
    before = ""
    if _FIRST_PERSON.search(sentence) or not ASKING.match(sentence):
        # The ask starts at the last place a question starts after words about the asker.
        starts = [
            m.end()
            for m in _ASK_START.finditer(sentence)
            if m.end() > 0 and not _RELATIVE.match(sentence, m.start())
        ]
        for start in starts:
            head, tail = sentence[:start], sentence[start:]
            if _INDIRECT.search(head):
                break  # "I'm curious whether X, and if so how …": the head asks too
            about_me = (
                _FIRST_PERSON.search(head)
                or _is_preface(head)
                or (
                    not (ASKING.match(sentence) or _SCOPING.match(sentence))
                    and _describes_someone(head, things)
                )
            )
            if about_me and len(tail.split()) >= 2:
                joined = re.search(r",?\s+(?:and|or|but)\s*$", head, re.I)
                if joined and ASKING.match(sentence):  # "is a man … too old …, and would …?"
                    sentence = f"{head[: joined.start()]}? {tail}"  # both ask
                else:
                    before, sentence = head, tail
                break
    trailing = _TRAILING_ME.search(sentence) or _trailing_statement(sentence)
    after = ""
    # not when what would remain asks of nothing ("Is MLOps more | for people who like …?")
    if trailing and trailing.start() > 0 and not topicless(sentence[: trailing.start()]):
        after, sentence = sentence[trailing.start() :], sentence[: trailing.start()]
    context = " ".join(p.strip(" ,;:-–—(") for p in (before, after) if p.strip(" ,;:-–—("))
    return sentence.strip(), context


def split_ask(question: str, topic: Topic | None = None, things: Names = ()) -> tuple[str, str]:
    """(ask, context): what the question asks, and what the asker says of themself.

    When some sentence asks, the sentences that do not ask are context ("Mainframe COBOL
    programmer, 15 years at an insurer."), but for a topic set before the ask ("On-call. How
    bad?", "ok the 2nd one, the devops part. what do i learn there"): a sentence `topic` holds
    to be one (assistant/scope.py: no verb, a guide word), not of a person nor a pleasantry.
    Inside an asking sentence, a clause about the asker before or after the ask is context too;
    a fragment naming one of `things`, the guide's things, is no person ("Docker - why?").
    A text with no asking sentence is all ask."""
    sentences = [_LABEL.sub("", s.strip()) for s in SENTENCES.split(question.strip())]
    sentences = [s for s in sentences if s.strip()]
    asking = [s for s in sentences if _asks(s) or _embedded_ask(s)]
    # with none, a question opened by a filler asks ("ok what's the pay range. skip the hype.")
    asking = asking or [s for s in sentences if _asks(FILLERS.sub("", s))]
    if not asking:
        return question.strip(), ""
    ask: list[str] = []
    context: list[str] = []
    for i, sentence in enumerate(sentences):
        if sentence not in asking:
            # an ask of no topic of its own takes the sentence before ("X vs Y. which better")
            bare = next((s for s in sentences[i + 1 :] if s in asking), "")
            sets_topic = bool(not ask and topic and _sets_topic(sentence, topic, bare, things))
            (ask if sets_topic else context).append(sentence)
            continue
        part, about = _split_sentence(sentence, things)
        ask.append(part)
        if about:
            context.append(about)
    return " ".join(ask), " ".join(context)


#: Words that greet, thank or react, and ask nothing: "Good afternoon.", "nice.", "thanks!".
_PLEASANTRY = re.compile(
    r"^\W*(?:good\s+(?:morning|afternoon|evening|day)|hi|hello|hey|thanks|thank you|nice|fine"
    r"|cool|great|sure|right|lol)\b",
    re.IGNORECASE,
)


def _sets_topic(sentence: str, topic: Topic, ask: str, things: Names) -> bool:
    """Does a sentence before the ask set its topic, not tell of the asker or greet? It does
    when `topic` holds it one, or when the ask chooses with no topic of its own ("which
    better?"): then the sentence names what it chooses between ("sagemaker vs vertex.")."""
    return not (
        _FIRST_PERSON.search(sentence)
        or _describes_someone(sentence, things)
        or _PLEASANTRY.match(FILLERS.sub("", sentence))
    ) and (topic(sentence) or bool(_WHICH.match(FILLERS.sub("", ask)) and topicless(ask)))


_WHICH = re.compile(r"\s*which\b", re.IGNORECASE)
_WH_START = re.compile(r"(what|what's|whats|which|who|how|where|why|when)\b", re.IGNORECASE)


def _embedded_ask(sentence: str) -> bool:
    """A sentence that asks further on, without a question mark: "…and now i have an interview
    next month so what system design questions should I be ready for", or, after a clause about
    the asker and a comma, "in QA we always had friction with devs, is there something like that
    in mlops"."""
    return any(
        m.end() > 0
        and (
            _WH_START.match(sentence, m.end())
            or (
                sentence[m.start()] in ",;"
                and YES_NO.match(sentence[m.end() :])
                and _FIRST_PERSON.search(sentence[: m.start()])
            )
        )
        and not _RELATIVE.match(sentence, m.start())
        and not _FREE_RELATIVE.search(sentence, 0, m.end())
        and (_FIRST_PERSON.search(sentence[: m.end()]) or not ASKING.match(sentence))
        for m in _ASK_START.finditer(sentence)
    )


#: "most of *what* I do", "that is *what* I like": a wh-word after a preposition or a copula
#: opens a clause that names a thing, not an ask.
_FREE_RELATIVE = re.compile(
    r"\b(?:of|about|in|on|for|with|from|to|at|by|is|was|are|were)\s+$", re.IGNORECASE
)
#: ", which is maybe overkill", ", who works at Google": a relative clause (a verb follows),
#: not an ask (", which tools should I learn").
_RELATIVE = re.compile(
    r"[,(]\s*(?:which|who)\s+(?:is|are|was|were|has|have|had|makes?|made|means?|seems?"
    r"|sounds?|helps?|works?|worked|takes?|took|gives?|gave|gets?|got)\b",
    re.IGNORECASE,
)

#: A topic set before the ask by a dash or a colon ("data drift vs concept drift - is that
#: something they'd ask?", "Feature stores: which are open source?").
_TOPIC = re.compile(r"^[^?.!]*?\w\s*(?:\s[-–—]+|:)\s+(?=\w)")

#: Words that open a chat message and ask nothing: "ok so what's the pay", "and how long".
FILLERS = re.compile(r"^\W*(?:(?:and|but|so|ok|okay|also|then|hmm|wait|well)\W+)+", re.I)
#: The guide reported as the speaker ("does *the guide say* they earn"): the ask is what follows.
_REPORTING = re.compile(
    r"\b(?:the guide|this guide|the article|the page|it)\s+(?:say|says|state|states|claim|claims"
    r"|suggest|suggests|mention|mentions|report|reports|quote|quotes)\s+(?:that\s+)?",
    re.IGNORECASE,
)


def unframed(ask: str) -> str:
    """What an ask asks for, its fillers ("ok so"), the guide as the speaker ("does the guide
    say …") and a topic a yes/no question is set after ("X vs Y - is that asked?") aside."""
    topic = _TOPIC.match(ask)
    if topic and YES_NO.match(ask[topic.end() :]):
        ask = ask[topic.end() :]
    return _REPORTING.sub("", FILLERS.sub("", ask))


#: A yes/no question ("Is it…", "Does the guide…"), after fillers ("ok so…").
YES_NO = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay|also|then|hmm|wait)\W+)*"
    r"(?:is|are|was|were|isn't|aren't|does|do|did|doesn't|don't|can|could|will|would|should"
    r"|shall|may|might|must|has|have|had|am)\b(?!\s+(?:you|u)\b)",
    re.IGNORECASE,
)
#: A wh-question among an ask's sentences ("Is it real? What does it depend on?", "… and if so,
#: in what language?"): it asks for the thing, not whether the guide states a property.
WH_ASK = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay|also|then)\W+)*(?:what|which|how|where|when|why|who)\b"
    r"|\bif so\W+(?:\w+\s+)?(?:what|which|how|where|when|why|who)\b"
    # asked within it ("does the guide say how people cope …")
    r"|\b(?:say|says|said|mention|mentions|explain|explains|tell|describe)\s+(?:anything\s+)?"
    r"(?:about\s+)?(?:what|which|how|where|when|why|who)\b",
    re.IGNORECASE,
)

#: An ask that is only a short phrase ("renewal?", "and the total time?"), no question word or
#: verb to open it: in a conversation, it asks about what the last answer named.
_BARE = re.compile(r"^\W*(?:(?:and|so|ok|okay|but|hmm)\W+)?(?:[\w/&+.'-]+\s*){1,3}\W*$", re.I)


def is_bare(ask: str) -> bool:
    return bool(_BARE.match(ask)) and not ASKING.match(ask)


def ask_parts(ask: str) -> list[str]:
    """The sentences of an ask ("Who is it for? Would I fit?"): each is matched on its own too,
    as two questions in one text match each's answer less than either alone."""
    return [s.strip() for s in SENTENCES.split(ask) if tokenize(s)]  # not "which one?"


def is_yes_no(ask: str) -> bool:
    """Is the ask, one of its sentences, or the ask after a topic it is set after a yes/no
    question, and none of them a wh-question?"""
    parts, topic = ask_parts(ask), _TOPIC.match(ask)
    asks = [ask, *(parts if len(parts) > 1 else []), *([ask[topic.end() :]] if topic else [])]
    return any(YES_NO.match(a) or _TERSE_YES_NO.match(a) for a in asks) and not any(
        WH_ASK.search(a) for a in asks
    )


#: A yes/no question typed without its opening verb: "need english fluent for interview?",
#: "azure exam can do in portuguese?", "exam available in polish?", in a statement's order
#: "Arize is open source or commercial?", or a thing and its two answers, "bentoml free or
#: paid?" (not "any X?", which wants the X, nor "… tools I should screen for?").
_TERSE_YES_NO = re.compile(
    r"^\W*(?:need|needs)\b"
    r"|^\W*(?:(?!(?:i|we|you|they|he|she|how|what|which|it|this|that|there)\b)[\w&-]+\s+){1,3}"
    r"(?:can|could|should|must|available|possible|allowed"
    r"|(?:is|are)(?=\s+\w)(?![^?]*\b(?:how|what|which|who|where|when|why)\b))\b"
    r"(?=[^?]*\?\s*$)"
    r"|^\W*(?:(?!(?:how|what|which|who|where|when|why)\b)[\w&-]+\s+){1,3}"
    r"[\w-]+\s+or\s+[\w-]+\s*\?\s*$",
    re.IGNORECASE,
)

#: "…, or is it all Python?", "or is that overblown?": the other answer a yes/no ask offers.
ALTERNATIVE = re.compile(
    r",?\s+or\s+(?:(?:is|are|was|were|do|does|did|would|will|can|could|should)"
    r"\s+(?:it|that|this|they|there|you|u|i|everything|everyone)|(?:it|that|they)\s+(?:is|are))\b",
    re.IGNORECASE,
)
#: The opposite a yes/no ask offers, to the end of its sentence ("…, or is it all *YAML*?").
_OFFERED = re.compile(ALTERNATIVE.pattern + r"[^?.!]*[?.!]?", re.IGNORECASE)


def main_ask(text: str) -> str:
    """The ask without the opposites its yes/no questions offer: what the asker sets the question
    against ("… or is everything enterprise *SaaS*?"), not what they ask the guide about."""
    return _OFFERED.sub(" ", text)


# fmt: off
__all__ = [
    "ALTERNATIVE", "ASKING", "FILLERS", "SENTENCES", "TASK", "WH_ASK", "YES_NO", "Names", "Topic",
    "ask_parts", "is_bare", "is_yes_no", "main_ask", "split_ask", "unframed",
]
# fmt: on
