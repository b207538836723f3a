"""The guide's vocabulary and the question's words, for the scope policy (assistant/policy.py).

- **Vocabulary**: the guide's words (with their embeddings, computed at ingest). A question word
  the guide does not use is matched exactly, by stem, as a short form ("cert"), or by spelling
  ("kubernets"; a correctly spelt English word is never taken for a similar-looking guide word);
  what is left is matched by meaning against the words of the lines an answer quotes — the
  question's *coverage*.
- **Reader**: places named even in lower-case text ("salary in germany"), with spaCy's English
  entity recogniser, loaded only for a question with a word the guide does not use.
- **roles**: job titles ("data engineer") for the check of questions about another job.
- **is_prompt**: the guide's own interview questions, which it asks but does not answer.
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

    def places(self, text: str) -> list[str]:
        """The places a text names, found even in lower-case text ("salary in germany")."""
        return [name for name, label in self._entities(text) if label in PLACE_LABELS]

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
