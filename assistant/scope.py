"""Does the guide cover a question? Signals calibrated on labelled questions, and checks.

1. **relevance** — the best cosine similarity between the question and any guide sentence,
   list item or chunk. Off-topic questions score low.
2. **novelty** — near-topic questions ("salary in Germany", "hours a week") resemble guide
   sentences but ask about something the guide never names. Each content word of the question
   that is not a question-frame word is looked up in the guide's vocabulary: exactly, by stem,
   by spelling (typos), and by meaning (embedding of the word vs. embeddings of the guide's
   words, computed at ingest). The weakest such match is the question's *coverage*; a word
   with no close match marks the question as asking beyond the guide.

3. **names** — a place, organisation, person or product the question names (spaCy's English
   entity recogniser) that the guide never mentions ("in *Germany*", "at *Netflix*"): the
   guide's facts are about other things, so any answer would mislead. spaCy is loaded only
   for a question with a word the guide does not use.

4. **roles** — a question about another job ("How do I become a *data engineer*?", "What
   certifications should a *cloud architect* get?") that does not mention MLOps: the guide
   describes one role, and names only a few others beside it.

The decision rule and its thresholds are in Settings; ``bench/calibrate_refusal.py`` picks
them on ``eval/train/calibration.jsonl`` and the README records the result.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.text import tokenize

#: Words that frame a question but never name its topic ("what is X *used* for").
FRAME_WORDS = frozenset(
    [
        "use",
        "used",
        "uses",
        "using",
        "describe",
        "described",
        "describes",
        "kind",
        "kinds",
        "sort",
        "type",
        "types",
        "look",
        "looks",
        "like",
        "good",
        "best",
        "better",
        "give",
        "gives",
        "name",
        "names",
        "named",
        "mean",
        "means",
        "meaning",
        "list",
        "listed",
        "lists",
        "know",
        "knows",
        "mention",
        "mentions",
        "mentioned",
        "example",
        "examples",
        "typical",
        "typically",
        "usually",
        "usual",
        "average",
        "median",
        "roughly",
        "approximately",
        "actually",
        "really",
        "honestly",
        "part",
        "thing",
        "things",
        "stuff",
        "lot",
        "lots",
        "way",
        "ways",
        "want",
        "wants",
        "need",
        "needs",
        "needed",
        "say",
        "said",
        "suggest",
        "suggests",
        "suggested",
        "recommend",
        "recommends",
        "recommended",
        "cover",
        "covers",
        "covered",
        "talk",
        "talks",
        "tell",
        "tells",
        "explain",
        "explains",
        "include",
        "includes",
        "included",
        "show",
        "shows",
        "come",
        "comes",
        "go",
        "goes",
        "make",
        "makes",
        "made",
        "take",
        "takes",
        "get",
        "gets",
        "getting",
        "put",
        "first",
        "second",
        "third",
        "last",
        "final",
        "next",
        "main",
        "big",
        "biggest",
        "important",
        "worth",
        "matter",
        "matters",
        "help",
        "helps",
        "start",
        "ideas",
        "idea",
        "info",
        "information",
        "someone",
        "something",
        "anything",
        "people",
        "person",
        "folks",
        "guys",
        "ppl",
        "whole",
        "overall",
        "general",
        "job",
        "jobs",
        "role",
        "roles",
        "work",
        "works",
        "career",
        "field",
        "area",
        "between",
        "difference",
        "different",
        "differences",
        "other",
        "others",
        "else",
        "exactly",
        "especially",
        "basically",
        "anyway",
        "still",
        "ever",
        "even",
        "often",
        "always",
        "sometimes",
        "per",
        "guide",
        "page",
        "section",
        "doc",
        "document",
        "according",
        "consider",
        "considered",
        "off",
        "up",
        "out",
        "over",
        "under",
        "around",
        "express",
        "add",
        "adds",
        "turn",
        "turns",
        "outside",
        "inside",
        "within",
    ]
)
#: Similarity (difflib ratio) above which an unknown word is read as a misspelt guide word.
SPELLING_CUTOFF = 0.8
#: Most words whose closest guide word is remembered (a bound on the memo's memory).
MEMO_WORDS = 50_000
#: Shorter words are never corrected (too many near neighbours).
MIN_CORRECTED_LENGTH = 5
_SUFFIX = re.compile(r"(ies|es|s|ing|ed|ly)$")


def stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def _same_stem(a: str, b: str) -> bool:
    """Forms of one word: "interviewers"/"interviews", "collaborate"/"collaboration"."""
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 4 and shared >= 0.75 * min(len(a), len(b))


@functools.cache
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en")


def is_english(word: str) -> bool:
    """Is `word` in an English dictionary (pyspellchecker's; loaded on first use, ~0.3 s)?"""
    return word in _english()


@dataclass(frozen=True)
class Coverage:
    score: float  # weakest match of a content word (1.0 when every word is in the guide)
    word: str | None  # the weakest word, for explanations


class Vocabulary:
    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        self.words = words
        self.vectors = vectors
        self.exact = set(words)
        self.stems = {stem(w) for w in words}
        self._rows = {w: i for i, w in enumerate(words)}
        self._closest: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The guide word that `word` is a likely misspelling of (difflib), or None; memoised
        per word, as difflib over the whole vocabulary was ~40 % of an answer's time.

        A correctly spelt English word is no misspelling of a similar-looking guide word
        ("conferences" is not "inferences"), unless it is a form of it ("interviewers")."""
        if word in self._closest:
            return self._closest[word]
        close = difflib.get_close_matches(word, self.words, n=1, cutoff=SPELLING_CUTOFF)
        found = close[0] if close else None
        if found and not _same_stem(word, found) and is_english(word):
            found = None
        if len(self._closest) < MEMO_WORDS:
            self._closest[word] = found
        return found

    def unknown(self, question: str) -> list[str]:
        out = []
        tokens = []
        for token in tokenize(question):  # "framework-agnostic" counts whole, or by its parts
            known = token in self.exact or "-" not in token
            tokens += [token] if known else token.split("-")
        for token in tokens:
            if token in FRAME_WORDS or token in self.exact or stem(token) in self.stems:
                continue
            if token.isdigit() or len(token) < 3:
                continue
            if len(token) >= 4 and any(w.startswith(token) for w in self.words):
                continue  # a short form: "cert", "infra", "prod"
            if len(token) >= MIN_CORRECTED_LENGTH and self.closest(token):
                continue  # a misspelling of a guide word
            out.append(token)
        return out

    def correct(self, text: str) -> str:
        """The text with each misspelt word ("kubernets") replaced by the guide word it is
        closest to, for retrieval; words of the guide, frame words and short words stay."""

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            if len(low) < MIN_CORRECTED_LENGTH or low in self.exact or low in FRAME_WORDS:
                return word
            if not tokenize(low):  # a stopword
                return word
            return self.closest(low) or word

        return re.sub(r"[A-Za-z]+", fix, text)

    def coverage(self, question: str, embed, within: list[str] | None = None) -> Coverage:
        """How closely, by meaning, the question's words the guide does not use are matched:
        by any guide word, or only by the words of `within` (the texts an answer quotes, so
        "remote" must find its like in the evidence, not anywhere in the guide)."""
        unknown = self.unknown(question)
        if not unknown or not len(self.words):
            return Coverage(1.0, None)
        vectors = self.vectors
        if within is not None:
            rows = sorted({self._rows[w] for t in within for w in tokenize(t) if w in self._rows})
            if not rows:
                return Coverage(0.0, unknown[0])
            vectors = self.vectors[rows]
        sims = embed(unknown) @ vectors.T
        best = sims.max(axis=1)
        i = int(best.argmin())
        return Coverage(float(best[i]), unknown[i])


# A question that asks for a quantity ("how many hours", "what percentage", "how much does X
# cost per month") is only answered by evidence that states one.
_NUMERIC_ASK = re.compile(
    r"\b(how many|what percent(age)?|what share|what fraction|how long|how often"
    r"|how much (money|does|do|did|is|are|was|will|would|should|can|could)"
    r"|what('s| is| are) the (average|median|typical|usual) (salary|pay|rate|number|cost|price)"
    r"|(hourly|daily|monthly|annual|growth|pass|unemployment|retention) rates?"
    r"|per (hour|day|week|month|year)"
    r"|(pays?|paid|earns?|costs?)\b[^?.]{0,40}\b(most|least)"
    r"|(highest|lowest|best|worst)[- ]pa(id|ying))\b",
    re.IGNORECASE,
)
#: Guide lines that are prompts, not statements: interview questions and tasks.
_PROMPT = re.compile(
    r"^(explain|design|describe|how would you|how do you|what's the difference)\b|\?$", re.I
)


def is_prompt(text: str) -> bool:
    """A line that asks something (an interview question) rather than stating it."""
    return bool(_PROMPT.search(text.strip()))


_QUANTITY = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)\b"
)


#: The kind of quantity asked for, and what evidence stating one looks like.
_KINDS = (
    (
        re.compile(r"\b(percent(age)?|share|fraction|proportion|rates?)\b", re.I),
        re.compile(r"%|percent"),
    ),
    (
        re.compile(r"\b(hours?|days?|weeks?|months?|years?|long|often)\b", re.I),
        re.compile(
            r"\b(hours?|days?|weeks?|months?|years?|daily|overnight|morning|afternoon)\b", re.I
        ),
    ),
    (
        re.compile(
            r"\b(cost|costs|price|pay|pays|paid|salary|salaries|earn|earns|make|charge|fee|money)\b",
            re.I,
        ),
        re.compile(r"\$"),
    ),
)


# A question that asks for a comparison ("Is Kubeflow better than MLflow?", "How does the salary
# compare to a data engineer's?") is only answered by evidence that compares.
_COMPARE_ASK = re.compile(
    r"\b\w+er than\b|\b(more|less|better|worse)\b[^?.]{0,40}\bthan\b|\bcompared?\b"
    r"|\bcomparison\b|\bversus\b|\bvs\.?|\bwhich is better\b|\bbetter\b[^?]{0,30}\bor\b",
    re.IGNORECASE,
)
_COMPARE_STATED = re.compile(
    r"\b(than|while|whereas|unlike|rather|instead|versus|vs|more|less|most|least|better|best"
    r"|worse)\b",
    re.IGNORECASE,
)


def asks_to_compare(question: str) -> bool:
    return bool(_COMPARE_ASK.search(question))


def states_comparison(texts: list[str]) -> bool:
    """Does the evidence compare anything ("more time on pipelines than on neural networks")?"""
    return any(_COMPARE_STATED.search(text) for text in texts)


def asks_for_number(question: str) -> bool:
    return bool(_NUMERIC_ASK.search(question))


def states_number(question: str, texts: list[str]) -> bool:
    """Does the evidence state a quantity of the kind the question asks for?"""
    joined = " ".join(texts)
    if not _QUANTITY.search(joined):
        return False
    for asked, stated in _KINDS:
        if asked.search(question):
            return bool(stated.search(joined))
    return True


#: Entity labels that name a thing the guide would have to mention to answer about it.
NAME_LABELS = frozenset(
    ["GPE", "LOC", "ORG", "PERSON", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"]
)
#: Entity labels of places, named reliably even in lower-case text.
PLACE_LABELS = frozenset(["GPE", "LOC"])
#: Most questions whose names are remembered.
NAMES_MEMO = 4096
#: Only the entity recogniser runs (on the token vectors it shares with the tagger).
_UNUSED_PIPES = ["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


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

    def names(self, text: str) -> list[str]:
        return list(self._names(text))

    def places(self, text: str) -> list[str]:
        """The places a text names, found even in lower-case text ("salary in germany")."""
        return [name for name, label in self._entities(text) if label in PLACE_LABELS]

    def _names(self, text: str) -> tuple[str, ...]:
        return tuple(
            name
            for name, label in self._entities(text)
            if label in NAME_LABELS
            # In lower-case text the recogniser takes words for people and firms ("max pay",
            # "eng pls"); places it still finds reliably ("salary in germany").
            and (label in PLACE_LABELS or any(w[:1].isupper() for w in name.split()))
        )

    @functools.lru_cache(maxsize=NAMES_MEMO)  # noqa: B019 - one Reader per model, for the process
    def _entities(self, text: str) -> tuple[tuple[str, str], ...]:
        """Memoised: spaCy costs ~5 ms a question alone and far more under 16 concurrent
        requests (it holds the GIL), and the same questions come again and again."""
        self.load()
        with self._lock:
            doc = self._nlp(text)
        return tuple((e.text, e.label_) for e in doc.ents)


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


def reader(model: str) -> Reader:
    """The process-wide Reader for a spaCy pipeline (loaded once, on first use)."""
    with _readers_lock:
        return _readers.setdefault(model, Reader(model))


#: Job titles end in one of these words ("data engineer", "cloud architect").
_ROLE = re.compile(
    r"\b([\w/+-]+)\s+(engineer|scientist|architect|researcher|developer|analyst|administrator"
    r"|designer|consultant|specialist|programmer|manager)s?\b",
    re.IGNORECASE,
)
#: Words before a job title that say how senior or good, not which job.
_GRADES = frozenset(
    [
        "senior",
        "junior",
        "lead",
        "principal",
        "staff",
        "chief",
        "head",
        "experienced",
        "aspiring",
        "new",
        "good",
        "great",
        "successful",
        "typical",
        "average",
        "entry",
        "mid-level",
        "entry-level",
        "remote",
        "freelance",
        "certified",
        "professional",
        "former",
        "future",
        "fellow",
        "young",
        "older",
        "full-time",
        "part-time",
    ]
)
_MLOPS = re.compile(r"\bml\s*ops\b|\bmachine learning operations\b", re.IGNORECASE)


def roles(text: str) -> dict[str, str]:
    """The job titles a text names: {"data engineer": "data engineers" (as written), ...}."""
    found: dict[str, str] = {}
    for m in _ROLE.finditer(text):
        modifier, title = m.group(1).lower(), m.group(2).lower()
        if tokenize(modifier) and modifier not in _GRADES and modifier not in FRAME_WORDS:
            found.setdefault(f"{modifier} {title}", m.group(0))
    return found


def other_roles(question: str, guide_roles: set[str]) -> list[str]:
    """Job titles a question asks about that the guide never names, as written, unless it
    mentions MLOps (then it asks about MLOps, e.g. moving there from another job)."""
    if _MLOPS.search(question):
        return []
    return [span for key, span in roles(question).items() if key not in guide_roles]


def guide_words(texts: list[str]) -> list[str]:
    words: set[str] = set()
    for text in texts:
        words.update(tokenize(text))
    return sorted(words)
