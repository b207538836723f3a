"""Choosing the evidence an answer quotes, besides the best sentences: answers computed over the
guide's items (the cheapest certification, the second tool, the items the last answer named),
the next step after the one the last answer was about, and the path into the career.

Takes the question's ``Reading``, the conversation and the retrieval hits; gives a mode
("list" or "sentences"), the evidence and an optional label, or None when it selects nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant import lexicon, phrases
from assistant.conversation import said_before
from assistant.extractive import Evidence, examples_answer, select, title_unit
from assistant.items import Item, answers, mentioned, pick
from assistant.listing import DOMAIN_STEMS
from assistant.ordinals import step_about, step_named, titles_named
from assistant.owning import duties_first
from assistant.policy import STATED
from assistant.pools import cheaper_than_said, named_before, sets_aside
from assistant.question import Reading, about_the_path, which_one
from assistant.remedies import remedy_lines
from assistant.retrieval import Hit
from assistant.schema import Composed, Mode, Section
from assistant.settings import Settings
from assistant.sources import cited
from assistant.stating import stated_first
from assistant.terms import ask_words, content_stems, said_spelt, title_stems, uses_words
from assistant.text import role_first, tokenize, without_domain
from assistant.themes import theme_lines
from assistant.vocabulary import FRAME_STEMS, Vocabulary, stem

#: How an answer is put together: its mode, its evidence and the label it opens with ("" none).
Computed = tuple[Mode, list[Evidence], str]
#: Which step of the path, by index, an ask names (ordinals.step_named, ordinals.step_about).
StepNamed = Callable[[str, list[str]], int | None]

#: A count asked as what one needs ("how many projects do I need before applying?", "how many of
#: those would a candidate need"): what the guide must state, not how many it lists.
_NEEDED = re.compile(
    r"\bhow\s+many\b[^?.!]*?\b(?:needs?|needed|must|require[sd]?|minimum|enough"
    r"|should\s+(?:[\w-]+\s+){0,3}?have)\b",  # not what a portfolio "should show": its list
    re.I,
)

#: An ask of what to learn or know ("how much ML do I need to *know*?").
_KNOWING = re.compile(
    r"\b(?:learn\w*|know|knowledge|stud(?:y|ying|ied)|understand\w*|pick(?:ed|ing)?\s+up)\b", re.I
)


#: The field's own words, and knowing them: no line is about what to know by these alone.
_FIELD = DOMAIN_STEMS | content_stems("machine learning know knowledge")


def _whole(step: Section, score: float) -> Composed:
    """A step of the path whole: its title, then its lines."""
    body = [Evidence(step, u, score) for u in step.units]
    return "list", [Evidence(step, title_unit(step), score), *body]


@dataclass
class Choice:
    """The evidence an answer is composed from, and how it was chosen."""

    mode: Mode
    evidence: list[Evidence]
    label: str  # what a computed answer opens with ("" none)
    selected: bool  # computed over the guide's items
    scored: list[Evidence]  # the best units, best first


@dataclass
class Selector:
    """The guide's items and families of sub-sections, and the selections made over them."""

    items: list[Item]
    families: list[tuple[Section, list[Section]]]
    sections: dict[str, Section]
    settings: Settings

    def __post_init__(self) -> None:
        self.answers = answers(self.items)

    def with_answers(self, mode: Mode, evidence: list[Evidence]) -> list[Evidence]:
        """A quoted item of a list that another list answers item by item ("Data scientist
        friction: …" and "Create self-service tools …" in "How experienced MLOps engineers
        handle these") is followed by its answer, in a sentences answer."""
        if mode != "sentences":
            return evidence
        quoted = {e.unit.text for e in evidence}
        out: list[Evidence] = []
        for e in evidence:
            out.append(e)
            answer = self.answers.get(e.unit.text)
            if answer is not None and answer.unit.text not in quoted:
                out.append(Evidence(answer.section, answer.unit, e.score))
                quoted.add(answer.unit.text)
        return out

    def from_units(self, reading: Reading, scored: list[Evidence], ask: str) -> Composed:
        """The evidence read from the scored units: the path, a person's section, or the best
        sentences / the list (extractive.select)."""
        s = self.settings
        step = reading.ordinal is not None and reading.ordinal[1]  # "the third stage"
        if (reading.kind == "path" or step or self._step_named(reading) is not None) and scored:
            # "CI/CD tools named in the roadmap?" asks for them, not for the whole path
            path = examples_answer(scored, ask, s, self.sections)
            if (path := path or self.path_answer(reading, scored)) is not None:
                return path
        if (whole := self._best_in_step(reading, scored)) is not None:
            return whole
        if reading.kind == "person" and scored:
            # A person's section opens with the name ("Taylor Rupe"): read it from the start,
            # the best such section's, when one is among the evidence
            best = next((e for e in scored if _NAME.fullmatch(e.section.units[0].text)), scored[0])
            units = best.section.units[: s.answer.max_sentences]
            return "sentences", [Evidence(best.section, u, best.score) for u in units]
        scored = stated_first(reading, duties_first(scored, ask), s.answer.sentence_margin)
        return select(scored, ask, s, self.sections, reading.ask)

    def path_answer(self, reading: Reading, scored: list[Evidence]) -> Composed | None:
        """The path into the career: the family of sub-sections (steps) the best evidence
        belongs to, as an overview; or its n-th step for "what should I learn first" ("the
        last stage", "the second step": of the path itself, whatever ranked first)."""
        families = {p.path: (p, c) for p, c in self.families}
        found = [
            (families.get(ev.section.path[:-1]) or families.get(ev.section.path), ev.score)
            for ev in scored
        ]
        # "the third stage", "the DevOps chunk of the roadmap": of the path itself
        index = reading.ordinal[0] if reading.ordinal is not None else self._step_named(reading)
        if index is None and reading.kind == "path":  # "what should I learn about ML basics?"
            index = self._step_named(reading, step_about)
        if (reading.ordinal[1] if reading.ordinal is not None else index is not None) and scored:
            path = [(p, c) for p, c in self.families if about_the_path(p.title)]
            found = [(path[0], scored[0].score)] if len(path) == 1 else found
        for family, score in found:
            if family is None:
                continue
            parent, children = family
            if index is not None and -len(children) <= index < len(children):
                return _whole(children[index], score)
            lead = [Evidence(parent, u, score) for u in parent.units[:1]]
            for child in children[: self.settings.answer.max_list_items]:
                lead.append(Evidence(child, title_unit(child), score))
                lead.append(Evidence(child, child.units[0], score))
            return "list", lead
        return None

    def _best_in_step(self, reading: Reading, scored: list[Evidence]) -> Composed | None:
        """ "How much ML do I need to know?": an ask of what to learn or know whose best line
        of the path is a step's lead line ("Develop working knowledge of ML concepts.") gets
        that step whole (title, lead line, items); one of its items stays the answer alone."""
        if reading.kind != "other" or not scored or not _KNOWING.search(reading.ask):
            return None
        steps = {c.id for p, c_ in self.families if about_the_path(p.title) for c in c_}
        floor = scored[0].score - self.settings.answer.sentence_margin
        best = next((e for e in scored if e.score >= floor and e.section.id in steps), None)
        if best is None or best.unit.text != best.section.units[0].text:
            return None
        # lines above it sharing none of the ask's own words ("how much ML …": a certification
        # that "Validates … ML services") are no answer; "which university programs …" is one
        own = content_stems(reading.ask) - FRAME_STEMS - _FIELD
        if any(own & content_stems(e.unit.text) for e in scored[: scored.index(best)]):
            return None
        return _whole(best.section, scored[0].score)

    def names_step(self, reading: Reading) -> bool:
        """Does the ask name a step of the guide's path, by its place ("the final stage") or
        by its title's words ("the DevOps chunk")? It is then about the guide, however far its
        other words are from the guide's ("Specify the activities in the final stage")."""
        path = any(about_the_path(p.title) for p, _ in self.families)
        counted = reading.ordinal is not None and reading.ordinal[1]
        return path and (counted or self._step_named(reading) is not None)

    def _step_named(self, reading: Reading, named: StepNamed = step_named) -> int | None:
        path = [c for p, c in self.families if about_the_path(p.title)]
        return named(reading.ask, [c.title for c in path[0]]) if len(path) == 1 else None

    def computed(
        self, reading: Reading, turns: list[dict[str, str]], hits: list[Hit], items: bool
    ) -> Computed | None:
        """An answer computed rather than searched for: the cited lines of a figure whose source
        is asked (sources.py), how a listed problem is handled (remedies.py), the lines of the
        ask's theme (themes.py), the step next to the last answer's, or a selection over items."""
        guide, said = self.sections.values(), said_before(turns)
        sourced = cited(reading, said, guide)
        lines = remedy_lines(reading, said, self.items, self.answers)
        lines = lines or theme_lines(reading.ask, guide, STATED.get(reading.kind), reading.context)
        themed = [Evidence(s, u, 1.0) for s, u in lines]
        if sourced or themed:  # a theme's list comes with its lead-in line
            listed = not sourced and any(e.unit.kind == "leadin" for e in themed)
            return ("list" if listed else "sentences"), sourced or themed, ""
        return self.next_to_last(reading, turns) or (
            self.from_items(reading, turns, hits) if items else None
        )

    def from_items(
        self, reading: Reading, turns: list[dict[str, str]], hits: list[Hit]
    ) -> Computed | None:
        """An answer computed over the guide's items: those the last answer named when the
        question points back at them, else the list the question is about; None when the
        question selects nothing among items."""
        if reading.ordinal is not None and reading.ordinal[1]:
            return None  # "the third stage": a step of the path, whatever the last answer named
        steps = self._counted_steps(reading)
        if steps is not None:
            return steps
        if reading.selection and reading.selection.op == "count" and _NEEDED.search(reading.ask):
            return None  # "how many of those do I need?" counts no items: the guide must say
        last = [m["content"] for m in turns if m["role"] == "assistant"]
        pool = (
            named_before(reading, last[-1], self.items, self.named_in)
            if last and reading.refers_back
            else []
        )
        pool = [] if sets_aside(pool, reading.ask) else pool  # "… apart from system design?"
        if pool and (cheaper := cheaper_than_said(pool, self.items, reading)):
            reading, pool = cheaper  # "any cheaper ones?": below the one price said
        if not pool and (reading.selection is not None or reading.ordinal is not None):
            if reading.kind == "path" or (reading.ordinal and reading.ordinal[1]):
                return None  # "the second step", "what should I learn first": the steps
            if reading.selection is None and reading.ordinal and not self.names_items(reading):
                return None  # "the first thing she does in the morning" picks no item
            # "Which is pricier, the CKA or the AWS SA Professional?": the items it names
            compared = self._compared(reading)
            pool = compared or self.items_about(reading, hits)
        else:
            compared = []
        if not pool:
            return None
        picked = pick(pool, reading, refers_back=bool(last) and reading.refers_back)
        if picked is None:
            return None
        label, chosen = picked
        # the others compared are quoted after the one chosen ("… ($395) [1] … ($300) [2]")
        chosen = chosen + [i for i in compared if i not in chosen]
        evidence: list[Evidence] = []
        for item in chosen[: self.settings.answer.max_list_items]:
            evidence.append(Evidence(item.section, item.unit, 1.0))
            if item.unit.kind == "leadin":  # a sub-section: its lines follow its name
                evidence += [Evidence(item.section, u, 1.0) for u in item.section.units]
        many = len(chosen) > 1 and not compared
        mode: Mode = "list" if many or chosen[0].unit.kind == "leadin" else "sentences"
        return mode, evidence, label

    def _counted_steps(self, reading: Reading) -> Computed | None:
        """ "how many steps are there?": the steps of the path (its sub-sections), when what is
        counted names the path's title, not the lines of its steps."""
        sel = reading.selection
        if sel is None or sel.op != "count":
            return None
        words = tokenize(without_domain(f"{sel.topic} {sel.counted}"))
        counted = {stem(w) for w in words if lexicon.is_noun(w)}  # "steps", not "become"
        if counted & _STEP_WORDS and (about_the_path(reading.ask) or _ROUTE.search(reading.ask)):
            counted.add("step")  # "the *stages* of the path": its steps
        for parent, children in self.families:
            if about_the_path(parent.title) and counted & content_stems(
                without_domain(parent.title)
            ):
                evidence = [Evidence(c, title_unit(c), 1.0) for c in children]
                return "list", evidence, phrases.COUNT_LABEL.format(count=len(children))
        return None

    def _compared(self, reading: Reading) -> list[Item]:
        """The priced items a selection names, when it names two or more."""
        if reading.selection is None or reading.selection.op not in ("min", "max"):
            return []
        named = mentioned(self.items, reading.ask) + self.named_in(reading.names)
        priced = list(dict.fromkeys(i for i in named if i.price is not None))
        return priced if len(priced) >= 2 else []

    def next_to_last(self, reading: Reading, turns: list[dict[str, str]]) -> Computed | None:
        """ "What's the step after that one?": the sub-section (or list item) next to the one
        the last answer was about, when it was about exactly one; "what comes after gaining
        DevOps experience?": next to the one the ask names."""
        said = said_before(turns)
        if not reading.relative or (reading.ordinal and reading.ordinal[1]):  # "the last stage"
            return None
        asked, earlier = content_stems(reading.ask), f"{said} {reading.earlier}"
        which = content_stems(which_one(reading.ask))  # "what comes after the devops one"
        for _, children in self.families:
            named = (
                [i for i, c in enumerate(children) if content_stems(c.title) <= asked]
                or [i for i, c in enumerate(children) if content_stems(c.title) & which]
                or [i for i, c in enumerate(children) if c.title.lower() in earlier.lower()]
                or titles_named(said or reading.earlier, [c.title for c in children])
            )
            if len(named) == 1:
                k = named[0] + reading.relative
                if not 0 <= k < len(children):
                    return None
                child = children[k]
                body = [Evidence(child, u, 1.0) for u in child.units]
                return "list", [Evidence(child, title_unit(child), 1.0), *body], ""
        named_items = mentioned(self.items, said)
        if len(named_items) == 1:
            item = named_items[0]
            siblings = [
                i for i in self.items if i.section.id == item.section.id and i.group == item.group
            ]
            k = siblings.index(item) + reading.relative
            if 0 <= k < len(siblings):
                return "sentences", [Evidence(siblings[k].section, siblings[k].unit, 1.0)], ""
        return None

    def names_items(self, reading: Reading) -> bool:
        """Does the word after the ordinal name items ("the third certification", "one")?"""
        noun = stem(reading.ordinal_noun)
        if noun in {"", "one", "item", "option", "entry"}:
            return True
        return any(noun in content_stems(f"{i.group} {i.section.heading}") for i in self.items)

    def item_named(self, phrase: str) -> bool:
        """Is a job-title-like phrase the name of an item ("the aws architect one" is the AWS
        Solutions Architect Professional certification, not another job)?"""
        words = set(ask_words(phrase))
        return any(words <= set(ask_words(i.name)) for i in self.items if i.description)

    def named_by_words(self, ask: str, vocabulary: Vocabulary) -> set[str]:
        """The names of the items that the ask's name words ("tecton", typed in lower case:
        words the guide always writes with a capital) are in."""
        words = [w for w in ask_words(ask) if w in vocabulary.names]
        return {i.name for w in words for i in self.named_in((w,))}

    def named_in(self, names: tuple[str, ...]) -> list[Item]:
        """Items whose name holds a name the question typed ("Terraform" in "HashiCorp
        Terraform Associate" and in "Terraform/Pulumi")."""
        out = []
        for name in names:
            pattern = re.compile(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)")
            out += [
                i
                for i in self.items
                if i.description
                and (
                    pattern.search(i.name.lower())
                    or name.lower() in (a.lower() for a in i.acronyms)  # "CKA"
                    or said_spelt(name, [i.name])
                )
            ]
        return out

    def items_about(self, reading: Reading, hits: list[Hit]) -> list[Item]:
        """The items of the list the question is about (one whose own title it names first:
        "portfolio *project* ideas"), or of all the lists of its parent when it names the
        parent and not the list ("the cheapest certification", "the priciest cert")."""
        lists: dict[str, list[Item]] = {}
        for item in self.items:
            if item.unit.kind == "item":
                lists.setdefault(item.section.id, []).append(item)
        ask = whole = content_stems(reading.ask)
        counting = (sel := reading.selection) is not None and sel.op == "count"
        if sel is not None and counting:  # what a count counts names its list ("how many *job
            # openings*"; "Portfolio project ideas: how many are listed?"), never "MLOps"
            if role_first(sel.counted):  # "how many MLOps engineers per …": people, no list
                return []
            counted = f"{reading.context} {sel.topic} {sel.counted}"
            ask = content_stems(without_domain(counted)) or ask
        found = [h.section_id for h in hits[: self.settings.retrieval.answer_sections]]
        found = [i for i in found if i in lists]

        def parent_words(section_id: str) -> set[str]:
            return content_stems(" ".join(self.sections[section_id].path[:-1]))

        def own(section_id: str) -> set[str]:
            return content_stems(self.sections[section_id].title) - parent_words(section_id)

        # a list the ask names by its whole title ("tools under *Monitoring & Observability*"),
        # when what it counts is of that list ("tools", not "people" on an "ML platform team")
        counts_of = [i for i in found if uses_words(ask, own(i) | parent_words(i))]
        titled = [i for i in counts_of if own(i) and own(i) <= whole]
        if titled:
            return lists[titled[0]]
        named = [i for i in found if uses_words(ask, own(i))]
        for section_id in named + [i for i in found if i not in named]:
            parent = self.sections[section_id].path[:-1]
            siblings = [g for g in lists.values() if g[0].section.path[:-1] == parent]
            about_parent = uses_words(ask, parent_words(section_id))
            if counting and not named and not about_parent:
                return []  # "how many job openings are there?" counts no list of the guide
            if len(siblings) > 1 and not uses_words(ask, own(section_id)) and about_parent:
                # the lists whose titles name it ("Common challenges" for "how many challenges")
                naming = [g for g in siblings if uses_words(ask, title_stems(g[0].section.title))]
                return [i for g in naming or siblings for i in g]
            return lists[section_id]
        return []


#: The guide's words for a step of its path, by another name ("how many *stages*").
_STEP_WORDS = frozenset(stem(w) for w in ("stage", "stages", "phase", "phases"))
_ROUTE = re.compile(r"\b(?:path|route|roadmap|journey)\b", re.IGNORECASE)
#: A line that is a person's name and nothing more: "Taylor Rupe".
_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")

__all__ = ["Choice", "Computed", "Selector"]
