"""What the scope policy (assistant/policy.py) reads in a question besides its words (the
guide's vocabulary and job titles are in assistant/vocabulary.py):

- **Reader**: places named even in lower-case text ("salary in germany"), with spaCy's English
  entity recogniser, loaded only for a question with a word the guide does not use.
- **other_roles**: job titles a question asks about that the guide never names.
- **is_prompt**: the guide's own interview questions, which it asks but does not answer.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from typing import Any

from assistant.foreign import other_languages
from assistant.lexicon import is_noun, misread_adjective
from assistant.roles import audience, roles, suited
from assistant.text import tokenize
from assistant.vocabulary import MONEY_WORDS, stem

#: Guide lines that are prompts, not statements: interview questions and tasks.
_PROMPT = re.compile(
    r"^(explain|design|describe|how would you|how do you|what's the difference)\b|\?$", re.I
)


def is_prompt(text: str) -> bool:
    """A line that asks something (an interview question) rather than stating it."""
    return bool(_PROMPT.search(text.strip()))


#: Entity labels of places, named reliably even in lower-case text.
PLACE_LABELS = frozenset(["GPE", "LOC"])
#: Most questions whose names are remembered.
NAMES_MEMO = 4096
#: Only the entity recogniser and the tagger run (on the token vectors they share).
_UNUSED_PIPES = ["parser", "senter", "attribute_ruler", "lemmatizer"]
#: Penn Treebank tags of nouns, proper nouns and adjectives: the words that name what is asked
#: about ("remote", "bootcamp", "free"), as against its verbs and adverbs ("happens", "mostly").
NOMINAL_TAGS = frozenset(["NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS"])


#: Comparative and superlative adjectives and adverbs; the adverbs of degree that grade the
#: word after them.
_GRADED_TAGS = frozenset(["JJR", "JJS", "RBR", "RBS"])
_DEGREE = frozenset(["more", "most", "less", "least"])
_PLAIN = frozenset(["JJ", "RB"])
#: A noun phrase: nouns and adjectives, joined by hyphens and conjunctions ("senior or
#: staff-level MLOps engineer"); its head is its last noun.
_JOINING_TAGS = frozenset(["HYPH", "CC"])
_NOUN_TAGS = frozenset(["NN", "NNS", "NNP", "NNPS"])


class Reader:
    """Finds the places, organisations, people and products a text names, with a spaCy English
    pipeline installed as a package. Loaded on first use, as loading takes ~1 s."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._nlp: Any = None
        self._lock = threading.Lock()

    def load(self) -> Reader:
        with self._lock:
            if self._nlp is None:
                with _torch_hidden():
                    import spacy

                    self._nlp = spacy.load(self.model, exclude=_UNUSED_PIPES)
        return self

    def places(self, text: str) -> list[str]:
        """The places a text names, found even in lower-case text ("salary in germany")."""
        return [name for name, label in self._analysis(text)[0] if label in PLACE_LABELS]

    def nominal(self, text: str) -> frozenset[str]:
        """The text's nouns and adjectives, lower-cased (by the tagger's Penn Treebank tags)."""
        return self._analysis(text)[1]

    def nouns(self, text: str) -> frozenset[str]:
        """The text's common nouns, lower-cased ("score" in "the passing score")."""
        return self._analysis(text)[2]

    def graded(self, text: str) -> tuple[str, ...]:
        """The words that grade things, lower-cased: comparatives and superlatives ("easier",
        "fastest"), and the word "more" or "most" grades ("popular" in "more popular")."""
        return self._analysis(text)[3]

    def phrases(self, text: str) -> tuple[tuple[str, ...], ...]:
        """The nouns and adjectives of each noun phrase, lower-cased: ("junior", "mlops",
        "engineer") in "what does a junior MLOps engineer earn?"."""
        return self._analysis(text)[4]

    def attributive(self, text: str) -> frozenset[str]:
        """The adjectives standing before a noun or adjective, lower-cased ("cool" in "building
        cool models")."""
        return self._analysis(text)[5]

    def asked_verbs(self, text: str) -> frozenset[str]:
        """The verbs a yes/no question asks of its subject, lower-cased: the main verb after
        "does", "will", "can" … ("expire" in "does the CKA expire?")."""
        return self._analysis(text)[6]

    def verbless(self, text: str) -> bool:
        """Is the text a phrase with no verb ("Burnout rates in this job?")?"""
        return bool(self._analysis(text)[-1])

    def names_topic(self, text: str, words: Collection[str]) -> bool:
        """Is the text a phrase with no verb that names one of `words`, the guide's ("On-call.",
        "top end comp.", "the devops part."): a topic set before the ask that is about it?"""
        _, nominal, *_, verbless = self._analysis(text)
        return verbless and any(w.isalpha() and w in words for w in nominal)

    @functools.lru_cache(maxsize=NAMES_MEMO)  # noqa: B019 - one Reader per model, for the process
    def _analysis(self, text: str) -> tuple[Any, ...]:
        """(entities with their labels, nominal words, common nouns, grading words, noun
        phrases, attributive adjectives, asked verbs, whether it has no verb). Memoised:
        spaCy costs ~5 ms a question alone and far more under 16 concurrent requests (it holds
        the GIL), and the same questions come again and again."""
        self.load()
        with self._lock:
            doc = self._nlp(text)
        nominal = frozenset(
            t.lower_ for t in doc if t.tag_ in NOMINAL_TAGS or misread_adjective(t.lower_, t.tag_)
        )
        nouns = frozenset(t.lower_ for t in doc if t.tag_ in ("NN", "NNS"))
        graded = tuple(g.lower_ for g in (_graded(t) for t in doc if t.tag_ in _GRADED_TAGS) if g)
        entities = tuple((e.text, e.label_) for e in doc.ents)
        before_nouns = frozenset(
            t.lower_ for t in doc[:-1] if t.tag_ == "JJ" and doc[t.i + 1].tag_ in NOMINAL_TAGS
        )
        asked = frozenset(_asked_verbs(doc))
        verbless = not any(
            (t.tag_.startswith("VB") or t.tag_ == "MD") and not _misread_noun(t) for t in doc
        )
        return entities, nominal, nouns, graded, _phrases(doc), before_nouns, asked, verbless


def _misread_noun(token: Any) -> bool:
    """A noun the tagger took for a verb, closing a phrase after a noun or an article ("the
    devops *step*.")."""
    doc, i = token.doc, token.i
    last = i == len(doc) - 1 or doc[i + 1].is_punct
    after = i > 0 and (doc[i - 1].tag_ in NOMINAL_TAGS or doc[i - 1].tag_ in ("DT", "JJ"))
    return last and after and is_noun(token.lower_)


#: The auxiliaries a yes/no question opens with, before its subject and main verb.
_YES_NO_AUX = frozenset(["do", "does", "did", "will", "can", "could", "would", "should", "may"])


#: The auxiliaries a yes/no question asks a state with: "is the CKA *proctored*?", "has the
#: exam *changed*?".
_PASSIVE_AUX = frozenset(["is", "are", "was", "were", "has", "have"])


def _asked_participle(doc: Any, aux: Any) -> list[str]:
    """The participle a yes/no question opening with `aux` asks of a named thing: "is the AWS
    Machine Learning Specialty (still, being) *retired*?"; not "is the guide *based* on …"."""
    between: list[Any] = []
    for after in doc[aux.i + 1 : aux.i + 9]:
        if after.tag_ == "VBN":
            named = any(t.tag_ in ("NNP", "NNPS") for t in between)
            return [after.lower_] if named and aux.i == 0 else []
        if (after.tag_.startswith("VB") and after.lower_ != "being") or after.tag_ == "MD":
            return []
        between.append(after)
    return []


def _asked_verbs(doc: Any) -> list[str]:
    """The main verb a yes/no question asks of a named thing: the first base-form verb ("VB")
    after an opening auxiliary, with a proper noun and no other verb between ("does the *CKA*
    *expire*"; not "does the guide *flag* that", "do they *grill* you": the asker's frame)."""
    found = []
    for token in doc:
        if token.lower_ in _PASSIVE_AUX:
            found += _asked_participle(doc, token)
        if token.lower_ not in _YES_NO_AUX:
            continue
        between: list[Any] = []
        for after in doc[token.i + 1 : token.i + 6]:
            if after.tag_.startswith("VB") or after.tag_ == "MD":
                opens = all(t.is_punct or t.tag_ in ("CC", "UH") for t in doc[: token.i])
                named = any(_named(t, opens) for t in between)
                named = named or (opens and _thing_closing(doc, after, between))
                if after.tag_ == "VB" and named:
                    found.append(after.lower_)
                break
            between.append(after)
    return found


#: Words for the asker or whom the asker talks to: no thing an ask's verb says something of.
_PERSONS = frozenset(["i", "me", "my", "we", "our", "you", "your", "u", "ur"])


def _thing_closing(doc: Any, verb: Any, subject: list[Any]) -> bool:
    """A verb closing its clause after a subject of things, not the asker: what a yes/no ask
    asks of them ("do these certifications *expire*?", "do they *expire* or …"; not "do they
    *grill* you", whose verb takes the asker, nor "do you *think*?")."""
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    closes = after is None or after.is_punct or after.tag_ == "CC"
    things = all(t.tag_ in ("DT", "JJ", "NN", "NNS", "PRP") for t in subject)
    return bool(subject) and closes and things and not {t.lower_ for t in subject} & _PERSONS


def _named(token: Any, opens: bool) -> bool:
    """A proper noun, or "it" standing for a thing named before in a question its auxiliary
    opens ("does *it* expire?"; not "where does it fit", asked of what it is for)."""
    return bool(token.tag_ in ("NNP", "NNPS") or (opens and token.lower_ == "it"))


def _graded(token: Any) -> Any:
    """The word a comparative or superlative grades: itself ("easier"), the word "more" or
    "most" grades ("popular" in "more popular"), and the verb before "the most"/"the least"
    ("*pays* the most"). A bare "most" after a verb frames the ask ("matters most for")."""
    doc, i = token.doc, token.i
    if token.lower_ not in _DEGREE:
        return token
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and after.tag_ in _PLAIN:
        return after
    if i == 0 or doc[i - 1].lower_ != "the":
        return None
    if after is not None and after.tag_ in _NOUN_TAGS:
        return None  # "the most weight": a measure, said in other words ("most valuable")
    verbs = [t for t in doc[: i - 1] if t.tag_.startswith("VB") and t.lower_ not in _BARE_VERBS]
    return verbs[-1] if verbs and verbs[-1].i >= i - 3 else None


#: Verbs that carry no grading of their own ("which is the most …").
_BARE_VERBS = frozenset(
    ["be", "is", "are", "was", "were", "been", "has", "have", "had", "do", "does", "did"]
)


def _phrases(doc: Any) -> tuple[tuple[str, ...], ...]:
    """The noun phrases of a tagged text; see Reader.phrases."""
    phrases: list[tuple[str, ...]] = []
    run: list[Any] = []
    for token in [*doc, None]:
        if token is not None and (
            token.tag_ in NOMINAL_TAGS or (run and token.tag_ in _JOINING_TAGS)
        ):
            run.append(token)
            continue
        while run and run[-1].tag_ not in _NOUN_TAGS:
            run.pop()
        if run:
            phrases.append(tuple(t.lower_ for t in run if t.tag_ in NOMINAL_TAGS))
        run = []
    return tuple(phrases)


@contextlib.contextmanager
def _torch_hidden() -> Iterator[None]:
    """thinc, spaCy's backend, imports torch when it is installed (~1.3 s and ~200 MB here) though
    a CPU pipeline never uses it. Unless torch is loaded already, it is hidden while spaCy loads
    (a None entry in sys.modules makes `import torch` raise ImportError, which thinc handles),
    then shown again, so a later `import torch` (an ingest) works as usual."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


_readers: dict[str, Reader] = {}
_readers_lock = threading.Lock()


#: Nouns of a quantity, before what they count ("*loads* of tools", "a *couple* of prompts"):
#: how many, not what kind.
QUANTITY_NOUNS = ("couple", "few", "bunch", "handful", "lot", "ton", "load", "dozen", "pair")
#: Nouns that name no kind of thing, only hold a place for one ("any *options*", "a *ton* of").
SHELL = frozenset(
    stem(w)
    for w in [
        "option", "choice", "suggestion", "recommendation", "alternative", "idea", "tip",
        "advice", "way", "content", "info", "information", "number", "kind", "sort", "type",
        "version", "form", "piece", *QUANTITY_NOUNS,
    ]
)  # fmt: skip


#: A what-is ask, or a which/what ask of a thing: what follows names the thing it wants
#: ("what's the *pass mark* for …", "what sort of *notice period* do these jobs have?").
_WHAT_IS = re.compile(
    r"^\W*what(?:'s|s|\s+is|\s+are)\s+(?P<rest>\S.*)"
    r"|^\W*(?:what|which)\s+(?P<thing>(?!(?:is|are|do|does|did|should|can|would|will)\b)[^?.!,]*?)"
    r"\s+(?:do|does|did|should|can|would|will|is|are)\b",
    re.IGNORECASE,
)
#: A phrase that is no wh-word's ask ("Burnout rates in this job?", not "which of those …").
_BARE_PHRASE = re.compile(r"^\W*(?!(?:what|which|who|whom|whose|how|where|why|when)\b)", re.I)


def asked_thing(
    ask: str, reader: Reader, cut_short: Callable[[str], bool] = lambda word: False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The first noun phrase of a what-is ask, and its nouns: "pass mark" in "whats the pass
    mark for the CKA exam", "typical signing bonus" in "what's a typical signing bonus …", and
    of an ask that is a phrase with no verb ("*Burnout rates* in this job?"; no wh-word's, nor
    one mixing in another language, "Dame la lista …", as foreign.py reads it with `cut_short`:
    the guide's words cut short, "cert"). A thing of money ("certs + *price* points") is none:
    what the quantity checks read."""
    m = _WHAT_IS.match(ask)
    if m is None and not (reader.verbless(ask) and _BARE_PHRASE.match(ask)):
        return (), ()
    if m is None and any(not cut_short(w) for w in other_languages(ask, tokenize(ask), cut_short)):
        return (), ()
    rest = (m.group("rest") or m.group("thing")) if m else ask
    phrases, nouns = reader.phrases(rest), reader.nouns(rest)
    if not phrases or (m is None and MONEY_WORDS & set(phrases[0])):
        return (), ()
    for phrase in phrases:  # past a placeholder: "what specific *forms* of technical debt"
        found = tuple(w for w in phrase if w in nouns)
        if not (found and stem(found[-1]) in SHELL and re.search(rf"\b{found[-1]}\s+of\b", rest)):
            return phrase, found
    return (), ()


def reader(model: str) -> Reader:
    """The process-wide Reader for a spaCy pipeline (loaded once, on first use)."""
    with _readers_lock:
        return _readers.setdefault(model, Reader(model))


MLOPS = re.compile(r"\bml\s*ops\b|\bmachine learning operations\b", re.IGNORECASE)


def other_roles(
    question: str, guide_roles: set[str], is_item: Callable[[str], bool] = lambda _: False
) -> list[str]:
    """Job titles a question asks about that the guide never names, as written, nor as an item
    (`is_item`: "Kubernetes Administrator" of the CKA), unless it mentions MLOps (then it asks
    about MLOps, e.g. moving there from another job)."""
    if MLOPS.search(question):
        return []
    aimed = audience(question)  # "to impress *hiring managers*": whom it is for, not a job
    return [
        span
        for key, span in roles(question).items()
        if key not in guide_roles and not is_item(span)
        and not {stem(w) for w in key.split()} <= aimed
    ]  # fmt: skip


def jobs_become(question: str, guide_roles: set[str]) -> list[str]:
    """Job titles the guide names only beside the role that a question asks the way into ("how
    to become data scientist instead, what are the steps"): the guide's path is to its own
    role, not stated for theirs; none when it mentions MLOps."""
    if MLOPS.search(question):
        return []
    return [span for key, span in roles(question).items() if key in guide_roles
            and _becoming(question, span)]  # fmt: skip


def _becoming(question: str, job: str) -> bool:
    """Is `job` where the path the question asks about ends ("become a *data scientist*", "get
    into data engineering", "*data scientist* instead")?"""
    job = re.escape(job)
    path = r"\b(?:become|becoming|get\s+into|work\s+as|switch\s+to|transition\s+to)\s+(?:an?\s+)?"
    return bool(re.search(rf"{path}{job}|{job}s?\s+instead\b", question, re.IGNORECASE))


__all__ = [
    "MLOPS", "PLACE_LABELS", "SHELL", "Reader", "asked_thing", "audience", "is_prompt",
    "jobs_become", "other_roles", "reader", "suited",
]  # fmt: skip
