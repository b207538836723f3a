"""The guide's words, for retrieval and for the scope policy: computed at ingest, read by every
stage after it.

- **stem** and **FRAME_WORDS**: the crude stemming every stage matches words with, and the words
  that frame a question but never name its topic.
- **Vocabulary**: the guide's words (with their embeddings, computed at ingest). A question word
  the guide does not use is matched exactly, by stem, as a short form ("cert"), or by spelling
  ("kubernets"; a correctly spelt English word is never taken for a similar-looking guide word);
  what is left is matched by meaning against the words of the lines an answer quotes — the
  question's *coverage*.
- **guide_words**: the words of the guide's texts, as ingest stores them."""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from assistant.dictionary import is_english, is_term, spelt_out
from assistant.foreign import other_languages
from assistant.idioms import plain
from assistant.text import CHAT_FORMS, DEFINITION_WORDS, STOPWORDS, TYPED_WORD, guide_acts, tokenize
from assistant.tuning import RetrievalSettings

#: The words that name money ("salary", "cost"): an amount is asked for by them.
MONEY_WORDS = frozenset(
    ["salary", "salaries", "pay", "price", "prices", "pricing", "priced", "cost", "costs",
     "fee", "fees", "compensation", "earning", "earnings", "income", "wage", "wages"]
)  # fmt: skip
#: A word of money or of being paid.
MONEY = re.compile(r"\b(?:" + "|".join(sorted(MONEY_WORDS)) + r"|earns?|earning|paid)\b", re.I)


def without_money(ask: str, texts: list[str]) -> list[str]:
    """The texts without their words of money, for an ask of money: what it asks of the pay
    ("equity", "bonuses") is near "compensation" as both are money, not as the line says it."""
    return [MONEY.sub(" ", t) for t in texts] if MONEY.search(ask) else texts


#: Words that put a price on a thing ("a *free* tier").
_PRICED = frozenset(["free", "cheap", "expensive", "costly", "affordable", "pricey", "paid"])
# fmt: off
#: Words of whether a statement holds, or how it is worded, not of what it is about.
TRUTH_WORDS = frozenset(  # "is it *true* that…", "a *real* problem"
    [
        "true", "real", "actual", "actually", "accurate", "correct", "really", "truly", "legit",
        "genuine", "genuinely", "context", "word", "words", "possible", "supposed",
        # the wording of an answer, not its topic: "in one *line*", "along those *lines*",
        # "its own *description*", "in that same *category*"
        "line", "lines", "description", "descriptions", "category", "categories", "wording",
        "phrasing", "phrase", "passage",  # and how closely: "the *exact* range", "*precise*"
        "exact", "precise", "precisely", "verbatim",
    ]
)
#: Words that frame a question but never name its topic ("what is X *used* for", "an *option*").
FRAME_WORDS = TRUTH_WORDS | frozenset(
    [
        "use", "used", "uses", "using", "describe", "described", "describes", "kind", "kinds",
        "sort", "type", "types", "option", "options", "approach", "approaches", "strategy",
        "strategies", "method", "methods", "look", "looks", "like", "good", "best", "better",
        "give", "gives", "name", "names", "named", "mean", "means", "meaning", "list", "listed",
        "lists", "know", "knows", "mention", "mentions", "mentioned", "example", "examples",
        "typical", "typically", "usually", "usual", "average", "median", "roughly", "approximately",
        "actually", "really", "honestly", "frankly", "tbh", "ngl", "imo", "imho", "btw", "lol",
        "fr", "lmao", "smh", "nah", "part", "thing", "things", "stuff", "lot", "lots",
        # a facet of what is asked: "the cloud *side* of things", "a cost *angle*", "that *bit*"
        "side", "sides", "bit", "bits", "angle", "angles", "aspect", "aspects", "facet", "facets",
        "way", "ways", "want", "wants", "need", "needs", "needed", "say", "said", "suggest",
        "suggests", "suggested", "recommend", "recommends", "recommended", "cover", "covers",
        "covered", "talk", "talks", "tell", "tells", "explain", "explains", "include", "includes",
        "included", "show", "shows", "come", "comes", "go", "goes", "make", "makes", "made", "take",
        "takes", "get", "gets", "getting", "put", "first", "second", "third", "last", "final",
        "next", "main", "big", "biggest", "important", "worth", "matter", "matters", "help",
        "helps", "deal", "start", "ideas", "idea", "info", "information", "someone", "something",
        "tips", "tip", "advice", "pointers", "guidance", "relevant", "useful", "helpful",
        "necessary", "required", "purpose", "supposedly", "apparently", "allegedly", "never",
        "anything", "people", "person", "folks", "guys", "ppl", "whole", "overall", "general",
        "job", "jobs", "role", "work", "works", "career", "field", "area", "between", "difference",
        "different", "differences", "other", "others", "else", "exactly", "especially", "basically",
        "anyway", "still", "ever", "even", "often", "always", "sometimes", "per", "guide", "page",
        "section", "doc", "document", "according", "consider", "considered", "off", "up", "out",
        "over", "under", "around", "express", "add", "adds", "turn", "turns", "outside", "inside",
        "within", "too", "either", "again", "though", "yet", "compare", "compared", "comparing",
        "comparison", "contrast", "versus", "vs", "characterise", "characterises", "characterize",
        "characterizes", "portray", "portrays", "frame", "frames", "framed", "framing", "address",
        "addresses", "discuss", "discusses", "only", "also", "plus", "maybe", "perhaps",
        "regardless", "folk", "gig", "gigs", "blokes", "lads",  # "this *gig*", "MLOps *folk*"
        # what the guide does with what it states: "does it *admit* / *flag* / *acknowledge* …"
        "admit", "admits", "acknowledge", "acknowledges", "flag", "flags", "flagged",
        "anticipate", "anticipates", "concede", "concedes",
        # and a choice among: "any *particular* kinds", "an *alternative*"
        "particular", "particularly", "specific", "specifically", "certain", "alternative",
        "alternatives", "alongside", "equivalent", "equivalents", "counterpart", "counterparts",
    ]
)
# fmt: on
#: Most words whose closest guide word is remembered (a bound on the memo's memory).
MEMO_WORDS = 50_000
_SUFFIX = re.compile(r"(ies|es|s|ing|ed|ly)$")


def stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return _SUFFIX.sub("", word) if len(word) > 4 else word


FRAME_STEMS = frozenset(stem(w) for w in FRAME_WORDS)
MONEY_STEMS = frozenset(stem(w) for w in MONEY_WORDS)

#: Fewest and most letters of a short form ("infra", "cert", "config"): "eng" or "exp" could be
#: many words, and a longer word is a misspelling ("kubernets").
SHORT_FORM_LETTERS = (4, 6)

#: An acronym as the guide writes it: "CKA", "AWS", "MLOps" is none.
_ACRONYM_WORD = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def _one_edit(a: str, b: str) -> bool:
    """Are `a` and `b` one inserted, deleted or changed letter apart?"""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


#: What follows a word's stem in its forms: "interview|ers", "collaborat|ion", "psycholog|ists".
_ENDING = re.compile(
    r"(?:s|es|e|ed|d|n|t|ing|er|ers|or|ors|ion|ions|ation|ations|ive|ity|ities|al|ally|ly|ment"
    r"|ments|ist|ists|ism|y|ies|ied|ic|ics|ical|ize|ise|izes|ised|ized|ance|ence|ant|ent|able"
    r"|ible|le|ility|ilities|cation|cations|ness|ship|ure|ures|ia)?"
)


def _same_stem(a: str, b: str) -> bool:
    """Forms of one word ("interviewers"/"interviews"), each going on from a shared stem by an
    ending of forms ("intern"/"interview" do not), or one cut short ("cert"/"certification")."""
    shared = len(os.path.commonprefix([a, b]))
    if shared < 4 or shared < 0.75 * min(len(a), len(b)):
        return False
    return shared == min(len(a), len(b)) or any(
        _ENDING.fullmatch(a[k:]) and _ENDING.fullmatch(b[k:]) for k in range(4, shared + 1)
    )


@functools.cache
def _valences() -> frozenset[str]:
    from importlib.resources import files

    lines = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    return frozenset(line.split("\t", 1)[0] for line in lines.splitlines() if line.strip())


def is_evaluative(word: str) -> bool:
    """Does `word` praise or fault ("cool", "wrong"): is it in VADER's sentiment lexicon (from
    the vaderSentiment package)? A word of price ("free") names an amount, for quantity checks."""
    return word in _valences() and word not in _PRICED


@dataclass(frozen=True)
class Coverage:
    score: float  # weakest match of a content word (1.0 when every word is in the guide)
    word: str | None  # the weakest word, for explanations


#: "k8s", "i18n", "o11y": a word's first and last letters around the count of the others.
_NUMERONYM = re.compile(r"\b([A-Za-z])([1-9]\d?)([A-Za-z])\b")

#: A possessive ("master's") or a plural after a determiner ("a masters"): a noun, whatever
#: else the word may be.
_VERB_AS_NOUN = re.compile(
    r"\b([a-z]+['’]s)\b|\b(?:a|an|the|my|your|his|her|our|their)\s+([a-z]+s)\b",
    re.IGNORECASE,
)

#: Two initials around "&": "W&B", "w & b".
_INITIALS = re.compile(r"(?<![\w&])[A-Za-z] ?& ?[A-Za-z](?![\w&])")


def _base(word: str) -> str:
    """The word without its possessive or plural ending, lower-cased."""
    low = word.lower().replace("’", "'")
    return low.removesuffix("'s") if low.endswith("'s") else low.removesuffix("s")


class Vocabulary:
    """The guide's words and their vectors; `spelling` says when an unknown word is a misspelt
    guide word (the retrieval settings' spelling_cutoff and min_corrected_length)."""

    def __init__(
        self,
        words: list[str],
        vectors: np.ndarray,
        spelling: RetrievalSettings,
        names: Iterable[str] = (),
        verbs: Iterable[str] = (),
        initials: dict[str, str] | None = None,
    ) -> None:
        self.words = words
        #: The names it joins with "&", by their initials ("w&b": "Weights & Biases"; names.py).
        self.initials = initials or {}
        #: The words the guide writes only as the verb opening a line ("master"; lexicon.py).
        self.verbs = frozenset(verbs)
        #: The guide's words it writes as names ("Tecton", "CKA"), lower-cased.
        self.names = frozenset(n.lower() for n in names)
        #: Its acronyms ("cka") are never the correction of a misspelling: "ckad" is no typo of
        #: "cka" but another name.
        self.acronyms = frozenset(n.lower() for n in names if _ACRONYM_WORD.fullmatch(n))
        #: Its names typed apart ("ml ops", "dev-ops", "git hub"): every split of each name.
        apart = [rf"\b{n[:i]}[\s-]+{n[i:]}\b" for n in self.names if n.isalpha()
                 for i in range(2, len(n) - 1)]  # fmt: skip
        self._apart = re.compile("|".join(apart) or r"(?!)", re.IGNORECASE)
        self.spelling_cutoff = spelling.spelling_cutoff
        self.min_corrected_length = spelling.min_corrected_length
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
        close = difflib.get_close_matches(word, self.words, n=3, cutoff=self.spelling_cutoff)
        found = next((w for w in close if w not in self.acronyms), None)
        if found and not _same_stem(word, found) and is_english(word):
            found = None
        if len(self._closest) < MEMO_WORDS:
            self._closest[word] = found
        return found

    def is_form(self, word: str) -> bool:
        """Is `word` a form of a guide word ("orchestrators": "orchestration", "hire": "hiring")?"""
        return stem(word) in self.stems or any(
            _same_stem(word, w) for w in self.words if w[:3] == word[:3]
        )

    def nouns_of_verbs(self, text: str) -> list[str]:
        """The text's nouns spelt as a verb the guide writes only to open a line ("Master
        CI/CD pipelines"), as written: a possessive ("a *master's* degree") or a plural after
        a determiner ("do I need a *masters*"). The guide never names them."""
        if not self.verbs:
            return []
        found = [a or b for a, b in _VERB_AS_NOUN.findall(text)]
        return [w for w in dict.fromkeys(found) if _base(w) in self.verbs]

    def acronym_variant(self, word: str) -> bool:
        """Is `word` (not itself a guide word) one letter off an acronym of the guide ("ckad",
        "cka")? Then it is another acronym, not a misspelling."""
        if word in self.exact or not self.acronyms or word.removesuffix("s") in self.acronyms:
            return False  # "gpus" is the plural of "gpu"
        if is_english(word):
            return False  # "sec" is a word of its own, not "soc" one letter off
        return any(_one_edit(word, a) for a in self.acronyms)

    def shortens(self, token: str) -> bool:  # a guide word cut short: "cert", "infra"
        return len(token) >= 4 and any(w.startswith(token) for w in self.words)

    def unknown(self, question: str) -> list[str]:
        """The question's words the guide does not use, nor a typo or short form of its words,
        nor the guide's act ("the guide *lays out*"), nor, in a question holding a guide word,
        another language's ("tools yang perlu dipelajari apa aja?": foreign.py)."""
        out, skip, tokens = [], set(guide_acts(question)), []
        for token in tokenize(question):  # "framework-agnostic" counts whole, or by its parts
            known = token in self.exact or "-" not in token
            tokens += [token] if known else token.split("-")
        own = {t for t in tokens if t in self.exact or stem(t) in self.stems}
        if any(t not in STOPWORDS and t not in FRAME_WORDS for t in own):
            skip |= other_languages(question, tokens, self.shortens)
        for token in tokens:
            if token in FRAME_WORDS or token in own or token in skip:
                continue
            if token.isdigit() or len(token) < 3 or self.shortens(token):
                continue  # or a short form: "cert", "infra", "prod"
            if len(token) >= self.min_corrected_length and self.closest(token):
                continue  # a misspelling of a guide word
            out.append(token)
        return out

    def spell_out(self, text: str) -> str:
        """The text as it is read: an idiom as its plain words ("keep an eye on": idioms.py),
        each chat form ("wat", "shud") as its words, a common word typed a letter short as that
        word ("actualy": dictionary.spelt_out), each numeronym ("k8s") as the one guide word it
        counts ("kubernetes"), each pair of initials around "&" as the guide's name they spell
        ("W&B"), and a name typed apart as that name ("ml ops": "mlops")."""

        def word(m: re.Match[str]) -> str:
            low = m.group(0).lower()
            if low in self.exact or m.group(0) in _LONE_CAPITAL:  # "in *R*": no chat "are"
                return m.group(0)
            return CHAT_FORMS.get(low, spelt_out(m.group(0)) or m.group(0))  # "actualy", "lol"

        def spell(m: re.Match[str]) -> str:
            first, count, last = m.group(1).lower(), int(m.group(2)), m.group(3).lower()
            words = {
                w
                for w in self.words
                if len(w) == count + 2 and w[0] == first and w[-1] == last and w.isalpha()
            }
            return words.pop() if len(words) == 1 else m.group(0)

        def initials(m: re.Match[str]) -> str:
            return self.initials.get(m.group(0).lower().replace(" ", ""), m.group(0))

        text = self._apart.sub(lambda m: re.sub(r"[\s-]+", "", m.group(0)), plain(text))
        text = _INITIALS.sub(initials, text)
        return _NUMERONYM.sub(spell, TYPED_WORD.sub(word, text))

    def correct(self, text: str) -> str:
        """The text with each misspelt word ("kubernets") replaced by the guide word it is
        closest to, for retrieval; words of the guide, frame words and short words stay."""

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            if low in CHAT_FORMS and low not in self.exact and word not in _LONE_CAPITAL:
                return CHAT_FORMS[low]  # "wat", "shud", "4"
            if low in self.exact or low in FRAME_WORDS or not tokenize(low):
                return word  # a guide word, a frame word or a stopword
            if len(low) < self.min_corrected_length:
                return self.short_form(low) or word
            return self.closest(low) or self.short_form(low) or word

        return re.sub(r"[A-Za-z]+\d?", fix, text)

    def short_form(self, word: str) -> str | None:
        """The guide word that a short form stands for ("langs": "languages", "infra":
        "infrastructure"): the shortest guide word it begins, its plural "s" aside. Not an
        English word ("cost" is no short form of "costs"), of four to six letters, three short
        of the word at least."""
        base = word[:-1] if word.endswith("s") and len(word) > 4 else word
        if not SHORT_FORM_LETTERS[0] <= len(base) <= SHORT_FORM_LETTERS[1] or is_english(word):
            return None
        longer = [w for w in self.words if w.startswith(base) and len(w) >= len(base) + 3]
        return min(longer, key=lambda w: (len(w), w)) if longer else None

    def matches(self, question: str, embed, within: list[str] | None = None) -> dict[str, float]:
        """How closely, by meaning, each of the question's words the guide does not use (no typo,
        slang or word for the answer's form: "lol", "a *definition*") is matched: by any guide
        word, or only by those of `within` (what an answer quotes: "remote" must be like one)."""
        words = [w for w in self.unknown(question) if w not in DEFINITION_WORDS]
        unknown = [w for w in dict.fromkeys(words) if is_english(w) or is_term(w)]
        if not unknown or not len(self.words):
            return {}
        vectors = self.vectors
        if within is not None:
            rows = sorted({self._rows[w] for t in within for w in tokenize(t) if w in self._rows})
            if not rows:
                return dict.fromkeys(unknown, 0.0)
            vectors = self.vectors[rows]
        best = (embed(unknown) @ vectors.T).max(axis=1)
        return {word: float(score) for word, score in zip(unknown, best, strict=True)}


#: A lone capital is a name ("R"), not a chat form ("r": "are"), but for "U" ("can U …").
_LONE_CAPITAL = frozenset("BCDEFGHJKLMNOPQRSTVWXYZ")


def weakest(matches: dict[str, float], among: Iterable[str] | None = None) -> Coverage:
    """The weakest of `matches` (of the words `among`, when given): 1.0 and None for none."""
    chosen = matches if among is None else {w: matches[w] for w in among if w in matches}
    if not chosen:
        return Coverage(1.0, None)
    word = min(chosen, key=chosen.__getitem__)
    return Coverage(chosen[word], word)


def guide_words(texts: list[str]) -> list[str]:
    words: set[str] = set()
    for text in texts:
        words.update(tokenize(text))
    return sorted(words)


__all__ = [
    "FRAME_STEMS",
    "FRAME_WORDS",
    "MEMO_WORDS",
    "MONEY_STEMS",
    "MONEY_WORDS",
    "TRUTH_WORDS",
    "Coverage",
    "Vocabulary",
    "guide_words",
    "is_english",
    "stem",
    "weakest",
]
