"""What retrieval searches with: the ask (misspelt guide words corrected), each sentence of a
many-sentence ask, and what the ask leans on (the last exchange of a follow-up, or what the
asker said of themself before a short ask). Takes the question's ``Reading`` and the
conversation; gives weighted query vectors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from assistant.conversation import is_follow_up, last_exchange
from assistant.embeddings import Embedder
from assistant.question import Reading
from assistant.settings import Settings
from assistant.terms import kind_named, topicless
from assistant.text import neutral_ask, tokenize, without_set_aside
from assistant.vocabulary import FRAME_WORDS, Vocabulary, stem

#: An ask about the asker as they described themself: "is mlops a good fit for someone like me",
#: "a natural next step for me", "with my background".
ABOUT_ASKER = re.compile(
    r"\b(?:(?:someone|somebody|people|ppl|folks?|a person|those|others)\s+like\s+(?:me|us)"
    r"|for (?:me|us)|my (?:background|profile|situation|experience|skills?|skillset|case))\b",
    re.IGNORECASE,
)

#: A query retrieval runs: its text, its vector and its weight in the fusion.
Query = tuple[str, np.ndarray, float]


@dataclass
class Queries:
    own: list[Query]  # the ask, and each of its sentences
    leaning: list[Query]  # what the ask leans on: the last exchange, or the asker
    vector: np.ndarray  # the ask's
    follow_up: bool
    lexical_text: str  # the words a guide line is matched on, besides its meaning
    topicless: bool = False  # the ask takes its topic from what the asker said before it
    # judged with what the asker said: an ask about the asker as described ("for someone like
    # me"), or one too short to be judged alone after a description naming nothing
    of_asker: bool = False
    # what an ask pointing back ("how do mlops ppl deal w *that*") is judged with besides itself
    back: list[Query] = field(default_factory=list)

    def judged(self) -> list[Query]:
        """The queries the guide's nearness is judged on: a follow-up's, or an ask's with no
        topic of its own ("… a total mess on my team. any tips?"), about the asker it follows
        ("devops 5 yrs, is mlops a good fit for someone like me") or short after what the asker
        says ("honestly pay is a big reason I'm looking. what's the top end?"), with what it
        leans on."""
        leans = self.follow_up or self.topicless or self.of_asker
        return (self.own + self.leaning[:1] if leans else self.own) + self.back

    def unit_vector(self) -> np.ndarray:
        """What the guide's lines are scored against: the ask's vector, blended with what it
        leans on; only that, for an ask with no topic of its own."""
        if self.topicless:
            return self.leaning[0][1]
        return mean(self.vector, self.leaning[0][1]) if self.leaning else self.vector


def build_queries(
    reading: Reading,
    turns: list[dict[str, str]],
    ask: str,
    embedder: Embedder,
    vocabulary: Vocabulary,
    s: Settings,
    titles: Iterable[frozenset[str]] = (),
) -> Queries:
    """The queries retrieval runs: the ask (retrieval reads it with misspelt guide words
    corrected, "kubernets"), each of its sentences, and what it leans on."""
    vector = embedder.embed_query(neutral_ask(ask))
    own: list[Query] = [(ask, vector, s.retrieval.ask_weight)]
    if reading.parts:
        # Each sentence of a many-sentence ask is a query of its own too, sharing the ask's
        # weight: two questions in one text match either's answer less than each alone.
        texts = [vocabulary.correct(p) for p in reading.parts]
        vectors = embedder.embed_documents([neutral_ask(t) for t in texts])
        own += [
            (t, v, s.retrieval.ask_weight / len(texts)) for t, v in zip(texts, vectors, strict=True)
        ]
    leaning: list[Query] = []  # what the ask leans on: the last exchange, or the asker
    follow_up = is_follow_up(reading.ask, turns, s.retrieval.follow_up_max_words)
    # "and monitoring tools?", "and the cloud ML *ones* - what do those cost?"
    short = len(ask.split()) <= s.retrieval.follow_up_max_words or kind_named(ask) != ask
    if follow_up and not names_a_title(ask, titles, last_exchange(turns) if short else None):
        # A follow-up reads with the last exchange: the question and the answer it got.
        context = vocabulary.correct(last_exchange(turns))
        leaning.append(
            (context, embedder.embed_query(neutral_ask(context)), s.retrieval.context_weight)
        )
    lexical_text = ask  # the words a guide line is matched on, besides its meaning
    bare = False  # an ask with no topic, not even the domain's name ("any tips?")
    of_asker = bool(reading.context) and not follow_up and bool(ABOUT_ASKER.search(ask))
    brief = len(tokenize(reading.searched)) < s.retrieval.short_ask_words
    if reading.context and (brief or of_asker):
        # A short ask after a long self-description ("what should I do?") leans on it; an
        # ask with no topic of its own ("What does the guide suggest?", "which one?") takes
        # its topic from what was said before it, at the ask's own weight.
        about = vocabulary.correct(reading.context)
        no_topic = topicless(ask)
        weight = s.retrieval.ask_weight if no_topic else s.retrieval.asker_weight
        leaning.append((about, embedder.embed_query(neutral_ask(about)), weight))
        if no_topic:
            lexical_text = f"{ask} {about}"
            bare = not [w for w in tokenize(ask) if w not in FRAME_WORDS]
    # short after a description naming nothing the ask could be about ("I hold CompTIA
    # Security+ … Does that count?" is about the name, which the guide lacks)
    of_asker = of_asker or (bool(reading.context) and not reading.context_names and brief)
    back = [] if follow_up or leaning else _pointing_back(reading, ask, embedder, vocabulary, s)
    if back and reading.context_names:  # it points at a thing the guide names: answered of it
        leaning = back
    return Queries(own, leaning, vector, follow_up, lexical_text, bare, of_asker, back)


def whole_message(
    reading: Reading, queries: Queries, embedder: Embedder, vocabulary: Vocabulary, s: Settings
) -> list[Query]:
    """The whole message, what the asker said before the ask with it, for an ask too far from
    the guide alone: the ask is about the guide's subject when the message is ("Our committee
    mixes up ML and MLOps engineers. How does the guide distinguish *the two*?"); what it asks
    of it, the other checks judge. None for a follow-up, an ask already judged with the
    sentence it points back at, or one with nothing said before it nor set aside in it ("what
    should the coding cover *besides Python*?" is about the guide's subject as a whole)."""
    said = reading.context or without_set_aside(reading.ask) != reading.ask
    if not said or queries.follow_up or queries.back:
        return []
    text = vocabulary.correct(reading.text)
    return [(text, embedder.embed_query(neutral_ask(text)), s.retrieval.asker_weight)]


def _pointing_back(
    reading: Reading, ask: str, embedder: Embedder, vocabulary: Vocabulary, s: Settings
) -> list[Query]:
    """An ask pointing back at the asker's earlier sentence, read with it ("Our data scientists
    hate process. … friction with *them*?"); not when that sentence names what the guide lacks
    ("I hold CompTIA Security+ … Does that count?"); a name the guide uses is what it points at
    ("A colleague mentioned 'Docker' … What part does it play?")."""
    lacked = [n for n in reading.context_names if vocabulary.unknown(n)]
    if not reading.context or lacked or not _BACK.search(ask):
        return []
    whole = vocabulary.correct(f"{reading.context} {ask}")
    return [(whole, embedder.embed_query(neutral_ask(whole)), s.retrieval.asker_weight)]


def title_words(titles: Iterable[str]) -> list[frozenset[str]]:
    """The stems of each title of two words or more ("Model Serving"), once, at load."""
    stems = [frozenset(stem(w) for w in tokenize(t) if w not in FRAME_WORDS) for t in titles]
    return [words for words in stems if len(words) >= 2]


def names_a_title(ask: str, titles: Iterable[frozenset[str]], before: str | None = None) -> bool:
    """Does the ask name a part of the guide by its title (`title_words`: "which *model
    serving* tools does it list then?"), or, given `before` (the last exchange), by words of
    one title alone, half of them or more, that it did not say ("and *monitoring* tools?"
    after the feature stores, "and the *cloud ML* ones?" after the infrastructure
    certifications; not "the *infrastructure* ones", a word of two titles, nor "what is it
    *called*?", a third of "On-call burden")? A follow-up that does stands on its own words."""
    titles = list(titles)
    words = {stem(w) for w in tokenize(ask) if w not in FRAME_WORDS}
    if any(title <= words for title in titles):
        return True
    if before is None:
        return False
    if kind_named(ask) != ask:  # "the cloud ML ones - what do those cost?": its words
        words = {stem(w) for w in tokenize(kind_named(ask)) if w not in FRAME_WORDS}
    new = words - {stem(w) for w in tokenize(before)} - _ONES
    named = [t for t in titles if new and new <= t and 2 * len(new) >= len(t)]  # half its words
    return len(named) == 1


#: A word whose thing the asker's earlier sentence names: "how do mlops ppl deal w *that*".
_BACK = re.compile(
    r"\b(?:that(?!\s+\w+(?:s|ed)\b)|this|those|these|it|them|they|the two|her|him|she|he)\b",
    re.IGNORECASE,
)

#: What stands for the kind of thing said before ("the cloud ML *ones*").
_ONES = frozenset(["one"])


def mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    v = a + b
    return v / (np.linalg.norm(v) or 1.0)


__all__ = [
    "Queries",
    "Query",
    "build_queries",
    "mean",
    "names_a_title",
    "title_words",
    "whole_message",
]
