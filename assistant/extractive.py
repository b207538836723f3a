"""The extractive answer: the guide's own sentences and list items that best answer a question.

Evidence is chosen from the best fused sections; each unit (sentence or list item) is scored
by cosine similarity to the question, its section's retrieval strength, and the rare words it
shares with the question (IDF-weighted, the section's own title included); the guide's own
interview questions count less unless the question is about interviews. Then:

- an ordinal question ("the second step", "the first one") gets that child section or item;
- a list question gets a list: the best-scoring listing among the candidate sections (bullet
  items, or a section of one-line sentences such as "Soft Skills"), with its lead-in;
- any other question gets its best sentence with the rest of its short paragraph, plus the
  next best sentences that score nearly as well (list helpers: assistant/listing.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.asking import FILLERS, is_yes_no
from assistant.listing import (
    SHORT_UNIT_WORDS,
    asked_noun,
    asks_of,
    best_listing,
    by_author,
    list_answer,
    names_section,
    ordinal_answer,
    overview,
    stems,
    title_unit,
)
from assistant.name_lists import asks_names, wants_names_of
from assistant.ordinals import ordinal_of
from assistant.question import PLURAL_ASK, head_phrase
from assistant.retrieval import Hit, Retriever
from assistant.schema import SEP, Composed, Evidence, Mode, Section, Source, Unit
from assistant.scope import is_prompt
from assistant.settings import Settings
from assistant.sources import REFERENCES
from assistant.text import DEFINITION_WORDS, tokenize, without_form
from assistant.vocabulary import stem

_LIST_QUESTION = re.compile(
    r"\b(list|what are|what were|what kinds?|what types?|what sorts?|name (the|some|a few)"
    r"|examples|steps|options|ways|ideas|tools|skills|certifications|certs|responsibilities"
    r"|duties|projects|challenges|metrics|questions|technologies|platforms)\b"
    # what a thing holds ("what should be in my portfolio", "what do I put in it"); "what/which"
    # + a plural noun ("which industries", "what DevOps skills")
    r"|\bwhat\b(?:\s+\S+){0,5}?\s+(?:(?:be|put|go|goes|have|has)\s+in(?:to)?|includes?"
    r"|contains?)\b|" + PLURAL_ASK,
    re.IGNORECASE,
)
_SINGLE_FACT = re.compile(
    r"\b(how much|costs?|price|fee|salary|earn|pay|paid|how long|how many years|when|which one"
    r"|what one)\b", re.IGNORECASE
)  # fmt: skip
_PICK_ONE = re.compile(r"\b(which|what)\s+(one|ones|of)\b", re.I)  # "which one …": one item
#: The guide's interview questions count less (answer.prompt_factor) unless interviews are asked.
_ABOUT_INTERVIEWS = re.compile(r"\b(interview\w*|ask\w*|questions?|prep\w*)\b", re.IGNORECASE)
#: A part listing the guide's sources states nothing: it counts less unless they are asked for.
_ABOUT_SOURCES = re.compile(
    r"\b(sources?|references?|data|cite[sd]?|citations?|based on|comes? from|came from)\b", re.I
)
#: A verb asking to be told ("could you *explain* what is …"): it frames the ask, no line's word.
_REQUEST = re.compile(
    r"\b(?:explain|describe|tell|show)(?:\s+(?:me|us))?(?=\s+(?:what|how|why|who|which|whether)\b)",
    re.I,
)
#: A best sentence brings the rest of its paragraph when the paragraph has at most this many.
PARAGRAPH_MAX_SENTENCES = 3
#: A definition ask is about a few words ("MLOps engineer", "feature store"); more is no term.
DEFINED_MAX_WORDS = 3
#: Verbs and hedges of a definition ask ("what does DVC *do*?", "what *even* is …"): no topic.
_ASK_VERBS = frozenset(
    ["do", "does", "what", "whats", "used", "explain", "define", "actual", "actually", "really",
     "even"]
)  # fmt: skip
_ARTICLES = frozenset(["a", "an", "the"])
#: An ask for what something is: "what is an MLOps engineer?", "what does DVC do?", "who is …",
#: as put in a form ("in plain words, what is …") or hedged ("what exactly is …").
_DEFINITION = re.compile(
    r"^\W*(?:(?:in|with)\s+(?:plain|simple|normal|layman'?s?|one|a\s+few)\s+\w+\W+)?(?:what\s+"
    r"(?:exactly\s+|actually\s+|even\s+|really\s+)?(?:is|are)|what's|whats|who\s+(?:is|are)"
    r"|define|explain\s+what|what\s+(?:does|do)\s+(?:an?\s+|the\s+)?[\w&/ -]{1,40}?\s+do\b)",
    re.IGNORECASE,
)
#: A bracketed enumeration of examples: "(GitHub Actions, Jenkins, etc.)", "(AWS, GCP, or Azure)".
_EXAMPLES = re.compile(r"\([^()]*[A-Za-z][^()]*,\s*(?:or\s+|and\s+)?[A-Za-z][^()]*\)")
#: Words that make "what do/are … Xs" a clause, not a noun phrase: "what do MLOps engineers earn".
_AUXILIARIES = frozenset(["do", "does", "did", "are", "is", "was", "were", "should", "can", "will"])
#: A line that opens with its label: "Afternoon: Continue building …", "Why it matters: …".
_LABELLED = re.compile(r"^\s*(?:[-*]\s+)?([A-Z][\w&/ -]{1,40}):\s")


def is_list_question(question: str) -> bool:
    """Does one of the question's sentences ask for a list (and not for a single fact)?"""
    return any(
        _LIST_QUESTION.search(part) and not _SINGLE_FACT.search(part)
        for part in re.split(r"(?<=[?.!])\s+", question)
    )


def _idf_share(question: set[str], words: set[str], idf: Callable[[set[str]], float]) -> float:
    """The IDF-weighted share of the question's (stemmed) words found among `words`."""
    total = idf(question)
    return idf(question & words) / total if total else 0.0


def score_units(
    retriever: Retriever,
    hits: list[Hit],
    vector: np.ndarray,
    question: str,
    n_sections: int,
    leaned_on: str = "",
) -> list[Evidence]:
    """Score the units of the best sections, best first. `question` gives the lexical match
    (for a follow-up, the current question alone); `vector` may blend in the context, and
    `leaned_on` is that context's text (the last exchange)."""
    cosines = retriever.unit_scores(vector)
    q_stems = stems(_REQUEST.sub(" ", question))  # "explain *what* …" frames the ask
    w = retriever.settings
    prompt_factor = 1.0 if _ABOUT_INTERVIEWS.search(question) else w.answer.prompt_factor
    reference_factor = 1.0 if _ABOUT_SOURCES.search(question) else w.answer.reference_factor
    stem_idf = retriever.stem_idf_weight
    defined = _defined(question)
    scored: list[Evidence] = []
    for rank, hit in enumerate(retriever.phrased(hits, question, vector, n_sections)):
        section = retriever.sections[hit.section_id]
        title = stems(section.title)
        title_match = _idf_share(q_stems, title, stem_idf)
        prior = 1.0 - w.answer.rank_decay * rank
        if REFERENCES.search(section.title):
            prior *= reference_factor
        elif by_author(section) and not asks_of(f"{question} {leaned_on}", section):
            prior *= w.answer.reference_factor
        labels = _labels(section)
        for unit, row in retriever.units_of(hit.section_id):
            words = stems(unit.text) | title | labels.get(unit.text, set())
            score = (
                (1 - w.answer.section_weight) * float(cosines[row])
                + w.answer.section_weight * hit.dense
                + w.answer.lexical_weight * _idf_share(q_stems, words, stem_idf)
                + w.answer.title_weight * title_match
            )
            if len(unit.text.split()) < SHORT_UNIT_WORDS and not q_stems & stems(unit.text):
                score *= w.answer.short_unit_factor
            if defined and _opens_with(unit.text, defined):
                score += w.answer.definition_weight
            if is_prompt(unit.text):
                score *= prompt_factor
            score *= prior
            scored.append(Evidence(section, unit, score))
    scored.sort(key=lambda e: -e.score)
    return scored


def _defined(question: str) -> list[str]:
    """What a definition ask is about, as stems in order ("mlop", "engineer"), or []: in its first
    sentence that asks one ("What is an MLOps engineer? *I need a definition for a memo.*"), not
    its opener ("*wait* what even is …") or form ("… *in plain English*")."""
    for sentence in re.split(r"(?<=[?.!])\s+", question):
        if _DEFINITION.search(sentence := without_form(FILLERS.sub("", sentence))):
            words = [stem(t) for t in tokenize(sentence) if t not in DEFINITION_WORDS]
            words = [w for w in words if w not in _ASK_VERBS]
            return words if len(words) <= DEFINED_MAX_WORDS else []
    return []


def _opens_with(text: str, defined: list[str]) -> bool:
    """Does the sentence define the thing: open with it after an article ("An MLOps Engineer
    builds …"), or with it and a colon or copula ("DVC: Data version control …", "Feast is …")?
    A plural statement about it ("MLOps Engineers earn …") is no definition."""
    words = re.findall(r"[\w'+/&-]+|:", text.lower())
    article = bool(words) and words[0] in _ARTICLES
    rest = words[1:] if article else words
    term, after = rest[: len(defined)], rest[len(defined) : len(defined) + 1]
    if [stem(w) for w in term] != defined:
        return False
    return (article and not term[-1].endswith("s")) or after[:1] in ([":"], ["is"], ["are"])


def _labels(section: Section) -> dict[str, set[str]]:
    """The label's words of each sentence in a labelled line ("Afternoon: Continue building …
    Review a pull request …"): every sentence of the line is about its label, not the first
    alone, so "what does the afternoon look like?" matches them all by its words."""
    out: dict[str, set[str]] = {}
    for line in section.text.splitlines():
        m = _LABELLED.match(line)
        if m:
            label = stems(m.group(1))
            for unit in section.units:
                if unit.kind == "sentence" and unit.text in line:
                    out[unit.text] = label
    return out


def _label_named(scored: list[Evidence], question: str) -> Evidence | None:
    """The best-scoring sentence of a labelled line whose label the ask names in full
    ("Afternoon: …" for "what do they do in the afternoon?"), or None."""
    asked = stems(question)
    labels = {ev.section.id: _labels(ev.section) for ev in scored}  # once a section
    labelled = (
        (ev, labels[ev.section.id].get(ev.unit.text)) for ev in scored if ev.unit.kind == "sentence"
    )
    return next((ev for ev, label in labelled if label and label <= asked), None)


def _paragraph(section: Section, unit: Unit) -> list[Unit]:
    """The unit's line (paragraph) as units, in order; just the unit when it is a list item."""
    if unit.kind != "sentence":
        return [unit]
    for line in section.text.splitlines():
        if unit.text in line:
            units = [u for u in section.units if u.kind == "sentence" and u.text in line]
            if unit in units and len(units) <= PARAGRAPH_MAX_SENTENCES:
                return units
    return [unit]


def _names_read(
    scored: list[Evidence], question: str, sections: dict[str, Section] | None, asked: str
) -> tuple[list[Evidence], bool]:
    """The scored evidence with a section of names, one a line ("California", "CA", ...), first
    when the ask wants names of the kind it lists ("which *states* …"), and whether it is read
    whole (that, or the ask names it). A section of bare names answers only a question about it
    ("which states are the top employers"), not one its heading resembles ("which companies
    hire"), nor a yes/no one that names none of them ("will that count with employers?")."""
    kinds = [x for x in (sections or {}).values() if wants_names_of(asked, x)]
    if kinds:
        listed = Evidence(kinds[0], kinds[0].units[0], scored[0].score)
        return [listed] + [ev for ev in scored if ev.section != listed.section], True
    top, by_heading = scored[0].section, not is_yes_no(question)  # "Is Texas among them?"
    if names_section(top) and not asks_names(question, top, by_heading):
        return [ev for ev in scored if not names_section(ev.section)] or scored, False
    return scored, names_section(scored[0].section)


def select(
    scored: list[Evidence],
    question: str,
    settings: Settings,
    sections: dict[str, Section] | None = None,
    asked: str = "",
) -> Composed:
    """("list" | "sentences", evidence in answer order); `asked`: the ask as typed ("stats")."""
    max_items = settings.answer.max_list_items
    if not scored:
        return "sentences", []
    best = scored[0]
    if _PICK_ONE.search(question):
        best = next((ev for ev in scored if ev.unit.kind == "item"), best)
        scored = [best] + [ev for ev in scored if ev is not best]
    labelled = _label_named(scored, question)
    if labelled is not None:  # "what happens in the afternoon?": the "Afternoon: …" line
        return "sentences", _sentences([labelled], labelled, settings)
    which = ordinal_of(question)
    if which is not None and sections is not None:
        found = ordinal_answer(sections, best, which, max_items)
        if found is not None:
            return found
    scored, names = _names_read(scored, question, sections, asked or question)
    best = scored[0]
    wants_list = is_list_question(question) or best.unit.kind == "leadin" or names
    if sections is not None and not wants_list and not _SINGLE_FACT.search(question):
        found_overview = overview(sections, best, question, max_items)
        if found_overview is not None:
            return "list", found_overview
    named = examples_answer(scored, question, settings, sections)
    if named is not None:
        return named
    if wants_list:
        noun = asked_noun(question)
        listing = best_listing(scored, best, noun, settings.answer.list_margin, names, question)
        if listing is not None:
            return list_answer(listing, scored, best, question, settings, sections)
        # A section whose list is its sub-sections ("what are the steps?"): their names.
        steps = sections is not None and overview(sections, best, question, max_items)
        if steps:
            return "list", steps
        if noun:
            # No list of what is asked for ("which cloud platforms": the certifications list
            # is of certifications): a line nearly as good that names it leads.
            floor = best.score - settings.answer.sentence_margin
            best = next(
                (ev for ev in scored if ev.score >= floor and noun in stems(ev.unit.text)), best
            )
            scored = [best] + [ev for ev in scored if ev is not best]
    return "sentences", _sentences(scored, best, settings)


def examples_answer(
    scored: list[Evidence], question: str, settings: Settings, sections: dict[str, Section] | None
) -> Composed | None:
    """ "Which CI/CD tools …?": the line that gives examples of them, first."""
    if not scored:
        return None
    named = _naming_examples(scored, scored[0], question, settings, sections)
    if named is None:
        return None
    ranked = [named] + [ev for ev in scored if ev is not named]
    return "sentences", _sentences(ranked, named, settings)


def _naming_examples(
    scored: list[Evidence],
    best: Evidence,
    question: str,
    settings: Settings,
    sections: dict[str, Section] | None,
) -> Evidence | None:
    """For "which CI/CD tools …", "which cloud platforms …": a line nearly as good as the best
    that has the words of what is asked before its noun and names examples in brackets
    ("Master CI/CD pipelines (GitHub Actions, Jenkins, etc.)"). A word common across the guide
    ("ML" in "what ML basics") tells no line apart and is not required."""
    modifiers, _ = head_phrase(question)
    wanted = stems(" ".join(modifiers))
    if not wanted or not sections or _AUXILIARIES & {m.lower() for m in modifiers}:
        return None
    units = [stems(u.text) for section in sections.values() for u in section.units]
    common = settings.answer.common_word_share * len(units)
    wanted = {w for w in wanted if sum(w in u for u in units) <= common}
    if not wanted:
        return None
    return next(
        (
            ev
            for ev in scored
            if ev.score >= best.score - settings.answer.sentence_margin
            and _EXAMPLES.search(ev.unit.text)
            and wanted <= stems(ev.unit.text)
        ),
        None,
    )


def _sentences(scored: list[Evidence], best: Evidence, settings: Settings) -> list[Evidence]:
    """The best sentence with the rest of its short paragraph, then the next best sentences
    that score nearly as well, in guide order within a section, best section first."""
    chosen = [Evidence(best.section, u, best.score) for u in _paragraph(best.section, best.unit)]
    for ev in scored[1:]:
        if (
            len(chosen) >= settings.answer.max_sentences
            or ev.score < best.score - settings.answer.sentence_margin
        ):
            break
        if ev.unit.kind == "leadin" or any(c.unit == ev.unit for c in chosen):
            continue
        # a paragraph's opening sentence comes with the rest of its short paragraph
        paragraph = _paragraph(ev.section, ev.unit)
        if paragraph[0] != ev.unit:
            paragraph = [ev.unit]
        chosen += [
            Evidence(ev.section, u, ev.score)
            for u in paragraph
            if not any(c.unit == u for c in chosen)
        ]
    rank = {ev.section.id: i for i, ev in reversed(list(enumerate(chosen)))}
    chosen.sort(key=lambda ev: (rank[ev.section.id], ev.unit.position))
    return chosen


def compose(mode: Mode, evidence: list[Evidence]) -> tuple[str, list[Source]]:
    """The answer text with [n] after each quote, and the sources n -> quote."""
    sources: list[Source] = []
    parts: list[str] = []
    for n, ev in enumerate(evidence, start=1):
        sources.append(
            Source(
                n=n,
                section_id=ev.section.id,
                section=SEP.join(ev.section.path),
                quote=ev.unit.text,
                score=ev.score,
            )
        )
        if mode == "list" and ev.unit.kind == "item":
            parts.append(f"\n- {ev.unit.text} [{n}]")
        elif mode == "list":
            parts.append(("\n" if parts else "") + f"{ev.unit.text} [{n}]")
        else:
            parts.append(f"{ev.unit.text} [{n}]")
    joiner = "" if mode == "list" else " "
    return joiner.join(parts).strip(), sources


__all__ = [
    "SHORT_UNIT_WORDS",
    "Evidence",
    "compose",
    "examples_answer",
    "is_list_question",
    "score_units",
    "select",
    "title_unit",
]
