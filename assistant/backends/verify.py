"""Verification of a model's draft: every kept sentence carries a valid [n] whose quote supports it.

A sentence is supported by a cited source when enough of its own content words (those not just
repeated from the question) occur in the quote or the quote's section heading, every number it
states occurs in the quote, and its embedding is close enough to the quote's. Unsupported
sentences and invalid markers are removed; the kept citations are renumbered 1..k.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from assistant import phrases
from assistant.embeddings import Embedder
from assistant.schema import Source
from assistant.text import tokenize

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
# Split after . ! ? (unless a marker follows, which closes the claim) and after a marker
# that is followed by a new sentence.
_SPLIT = re.compile(r"(?<=[.!?])\s+(?!\[)|(?<=\])\s+(?=[A-Z\"'(*-])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|incl)\.$", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@dataclass
class Removed:
    sentence: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"sentence": self.sentence, "reason": self.reason}


@dataclass
class Verified:
    """The verified text (citations renumbered), its sources, and what was removed and why."""

    text: str
    sources: list[Source]
    removed: list[Removed] = field(default_factory=list)
    kept: int = 0


@dataclass
class _Sentence:
    line: int
    bullet: bool
    raw: str
    claim: str  # the sentence without its markers
    cited: list[int]


def split_sentences(draft: str) -> list[_Sentence]:
    """The draft's sentences with the [n] markers each carries (before or after its words)."""
    out: list[_Sentence] = []
    for number, line in enumerate(draft.splitlines()):
        bullet = bool(_BULLET.match(line))
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        pieces: list[str] = []
        pending = ""  # markers that open the line ("[1] Python ...") belong to what follows
        for piece in _SPLIT.split(line):
            if not _MARKER.sub("", piece).strip():
                if pieces:
                    pieces[-1] += " " + piece
                else:
                    pending += piece + " "
            elif pieces and _ABBREVIATION.search(pieces[-1]):
                pieces[-1] += " " + piece
            else:
                pieces.append(pending + piece)
                pending = ""
        for raw in pieces:
            raw = raw.strip()
            if not raw:
                continue
            cited = [int(n) for group in _MARKER.findall(raw) for n in group.split(",")]
            claim = " ".join(_MARKER.sub(" ", raw).split())
            claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
            out.append(_Sentence(number, bullet, raw, claim, cited))
    return out


def lexical_support(claim: str, quote: str, question: str) -> float:
    """Share of the claim's own content words (not the question's) found in the quote."""
    own = set(tokenize(claim)) - set(tokenize(question))
    if not own:
        return 0.0
    return len(own & set(tokenize(quote))) / len(own)


def missing_numbers(claim: str, quote: str) -> list[str]:
    """Numbers the claim states that its quote does not."""
    digits = quote.replace(",", "")
    return [n for n in _NUMBER.findall(claim) if n.replace(",", "") not in digits]


def verify(
    draft: str,
    sources: list[Source],
    question: str,
    embedder: Embedder,
    lexical_threshold: float,
    cosine_threshold: float,
) -> Verified:
    """The draft's sentences that cite a source supporting them (see the module docstring),
    their citations renumbered; the others listed as removed, with why."""
    by_n = {s.n: s for s in sources}
    candidates, removed = _candidates(draft, by_n)
    kept: list[tuple[_Sentence, list[int]]] = []
    if candidates:
        claims = embedder.embed_documents([s.claim for s, _ in candidates])
        quotes = embedder.embed_documents([s.quote for s in sources])
        quote_of = {s.n: quotes[i] for i, s in enumerate(sources)}
        for (s, valid), vector in zip(candidates, claims, strict=True):
            supporting: list[int] = []
            reasons: list[str] = []
            for n in valid:
                cosine = float(np.dot(vector, quote_of[n]))
                thresholds = lexical_threshold, cosine_threshold
                objection = _objection(s.claim, by_n[n], cosine, question, *thresholds)
                if objection:
                    reasons.append(objection)
                else:
                    supporting.append(n)
            if supporting:
                kept.append((s, supporting))
            else:
                removed.append(Removed(s.raw, "; ".join(reasons)))
    text, new_sources = _renumbered(kept, by_n)
    return Verified(text, new_sources, removed, len(kept))


def _candidates(
    draft: str, by_n: dict[int, Source]
) -> tuple[list[tuple[_Sentence, list[int]]], list[Removed]]:
    """The draft's sentences that cite a source that exists, each with those sources; and the
    sentences removed before any support is checked (no citation, a repeat, a refusal)."""
    removed: list[Removed] = []
    candidates: list[tuple[_Sentence, list[int]]] = []
    seen: set[str] = set()
    for s in split_sentences(draft):
        if not re.search(r"[A-Za-z0-9]", s.claim):
            continue  # a lone marker or punctuation
        if phrases.NOT_COVERED.lower().rstrip(".") in s.claim.lower():
            removed.append(Removed(s.raw, "the model said it cannot answer"))
            continue
        if s.claim.lower() in seen:
            removed.append(Removed(s.raw, "repeats an earlier sentence"))
            continue
        seen.add(s.claim.lower())
        if not s.cited:
            removed.append(Removed(s.raw, "no citation"))
            continue
        valid = [n for n in dict.fromkeys(s.cited) if n in by_n]
        if not valid:
            bad = ", ".join(f"[{n}]" for n in s.cited)
            removed.append(Removed(s.raw, f"invalid citation {bad}: no such source"))
            continue
        candidates.append((s, valid))
    return candidates, removed


def _objection(
    claim: str,
    source: Source,
    cosine: float,
    question: str,
    lexical_threshold: float,
    cosine_threshold: float,
) -> str | None:
    """Why `source` does not support `claim` (None when it does): a number it does not state,
    or too few of the claim's own words in it (or its heading), or too far in meaning."""
    numbers = missing_numbers(claim, source.quote)
    if numbers:
        return f"[{source.n}] does not state {', '.join(numbers)}"
    lexical = lexical_support(claim, f"{source.quote} {source.section}", question)
    if lexical < lexical_threshold or cosine < cosine_threshold:
        return f"[{source.n}] does not support it (lexical {lexical:.2f}, cosine {cosine:.2f})"
    return None


def _renumbered(
    kept: list[tuple[_Sentence, list[int]]], by_n: dict[int, Source]
) -> tuple[str, list[Source]]:
    """The kept sentences as text, line by line, with their citations renumbered 1..k in order
    of first use; and the sources so renumbered."""
    renumber: dict[int, int] = {}
    for _, ns in kept:
        for n in ns:
            renumber.setdefault(n, len(renumber) + 1)
    new_sources = [replace(by_n[old], n=new) for old, new in renumber.items()]
    lines: dict[int, list[str]] = {}
    bullets: dict[int, bool] = {}
    for s, ns in kept:
        marks = "".join(f"[{renumber[n]}]" for n in ns)
        lines.setdefault(s.line, []).append(f"{s.claim} {marks}")
        bullets[s.line] = s.bullet
    text = "\n".join(
        ("- " if bullets[k] else "") + " ".join(parts) for k, parts in sorted(lines.items())
    )
    return text, new_sources


__all__ = ["Removed", "Verified", "lexical_support", "split_sentences", "verify"]
