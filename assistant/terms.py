"""The terms that ground what a question names, in the guide's own words.

Each guide line's words (lower case, with their stems) for the co-occurrence check of a compound
name: "AWS DevOps Engineer Professional" is grounded only if one guide line holds all its words,
so it is not the guide's "AWS Solutions Architect Professional". An acronym the guide never
writes is grounded by the phrase whose initials spell it ("IaC": "infrastructure-as-code";
"DS": "data scientists", a phrase the guide repeats, as two letters are often someone's initials).
Acronyms and product names match exactly: "CKAD" is not "CKA".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from assistant.glossary import aliased, glossed
from assistant.schema import Section
from assistant.text import STOPWORDS, tokenize, without_domain
from assistant.vocabulary import FRAME_WORDS, stem

#: A typed acronym: three to six letters, two or more of them capitals ("IaC", "MLE").
_TYPED_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{3,6}")
#: Two capitals ("DS"): too often someone's initials, spelt out only by a phrase the guide
#: uses as a term ("data scientists", five times), not by two words that meet once.
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
#: The least uses of a phrase for two capitals to spell it, and how many times more often
#: than the next phrase with the same initials.
TERM_USES = 3
TERM_LEAD = 2
#: A capitalised word right before or after a name: it is a word of a longer name.
_CAPITAL_BEFORE = re.compile(r"(?<![\w.])[A-Z][\w.-]*\s$")
_CAPITAL_AFTER = re.compile(r"\s[A-Z]")
#: A figure in thousands said short: "250k", "$185K".
_THOUSANDS = re.compile(r"\$?(\d{1,3})[kK]\+?")
#: Most acronyms whose spelt-out phrase (or its absence) is remembered.
EXPANSION_MEMO = 4096
#: Fewest letters of a word typed clipped in a name ("Pro" for "Professional").
CLIPPED_MIN = 3
#: The words of a guide line for initials: "infrastructure-as-code" is three words.
_LETTERS = re.compile(r"[A-Za-z][A-Za-z']*")


class Terms:
    """The guide's words per line, for grounding the names a question uses."""

    def __init__(
        self,
        sections: Iterable[Section],
        glossary: dict[str, str] | None = None,
        aliases: dict[str, str] | None = None,
    ) -> None:
        self.glossary = glossary or {}  # what the guide's short forms stand for (glossary.py)
        self.aliases = aliases or {}  # other names askers give its names ("Amazon": "AWS")
        self.lines: list[set[str]] = []
        self._expansions: dict[str, str | None] = {}
        self.texts: list[str] = []
        self.words: set[str] = set()
        for section in sections:
            texts = [section.title] + [u.text for u in section.units]
            for text in texts:
                words = _words(text)
                self.lines.append(words)
                self.texts.append(text)
                self.words |= words
        #: The guide's words in CamelCase by their capitals ("tf": "tensorflow", "gh": "github"),
        #: a short form askers type; not one that is a word itself ("DevOps": "do"), nor one
        #: of the guide's ("MLflow": "ml").
        self.capitals = {
            caps.lower(): w.lower()
            for text in self.texts
            for w in _LETTERS.findall(text)
            if len(caps := "".join(c for c in w if c.isupper())) >= 2
            and not w[:-1].isupper()  # "FAQs" is an acronym's plural
            and caps.lower() not in STOPWORDS
            and caps.lower() not in self.words
        }

    def as_written(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """The names as the guide writes them ("Amazon": "AWS"), so grounding, the unsaid
        checks and the items named see the guide's name."""
        return tuple(dict.fromkeys(aliased(n, self.aliases) for n in names))

    def together(self, words: list[str]) -> bool:
        """Does one guide line hold all these words ("call" in "On-call burden: …")?"""
        forms = [_forms(w) for w in words]
        return bool(forms) and any(all(f & line for f in forms) for line in self.lines)

    def grounded(self, name: str) -> bool:
        """Does one guide line hold every word of `name` (exactly, by its stem, or without a
        plural or possessive "s": "GPUs", "NVIDIA's"; a CamelCase word's capitals for the word,
        "TF Serving"), spell out the acronym it is, or state the figure it says short ("250k")?"""
        if len(name) == 1:  # a lone capital ("R"): written alone in a line, not inside a word
            return any(re.search(rf"(?<![\w&]){name}(?![\w&+#])", t) for t in self.texts)
        words = [self.capitals.get(w, w) for w in _name_tokens(name)]  # "TF Serving"
        return (
            not words
            or self.together(words)
            or self._spelt_out(name) is not None
            or said_short(name, self.texts)
            or any(_clipped(words, line) for line in self.lines)
        )

    def expansion(self, name: str) -> str | None:
        """The guide's phrase an acronym the guide never writes abbreviates: by a CamelCase
        word's capitals ("TF Serving" is "tensorflow Serving"), or by its words' initials ("IaC"
        is "infrastructure-as-code"; two capitals only for a phrase the guide uses as a term,
        "DS" for "data scientists"; the phrase starts and ends with a content word)."""
        if self.together(_name_tokens(name)):
            return None
        words = name.split()  # "TF Serving": "tensorflow Serving"
        if any(w.isupper() and w.lower() in self.capitals for w in words):
            return " ".join(self.capitals.get(w.lower(), w) if w.isupper() else w for w in words)
        return self._spelt_out(name)

    def _spelt_out(self, name: str) -> str | None:
        """The phrase whose initials spell an acronym (memoised per name: a question asks for
        it up to three times, and each look scans the guide's lines)."""
        if not (_TYPED_ACRONYM.fullmatch(name) or _TWO_CAPITALS.fullmatch(name)):
            return None
        if name in self._expansions:
            return self._expansions[name]
        found = self._initials_of(name.lower())
        if len(self._expansions) < EXPANSION_MEMO:  # bounded: names come from askers
            self._expansions[name] = found
        return found

    def _initials_of(self, want: str) -> str | None:
        phrases = []
        for text in self.texts:
            words = _LETTERS.findall(text)
            for i in range(len(words) - len(want) + 1):
                phrase = words[i : i + len(want)]
                if "".join(w[0] for w in phrase).lower() == want and all(
                    w.lower() not in STOPWORDS for w in (phrase[0], phrase[-1])
                ):
                    phrases.append(" ".join(phrase))
        if len(want) > 2 or not phrases:  # noqa: PLR2004
            return phrases[0] if phrases else None
        uses = Counter(p.lower().rstrip("s") for p in phrases).most_common(2) + [("", 0)]
        (term, most), (_, next_most) = uses[0], uses[1]
        lead = most >= TERM_USES and most >= TERM_LEAD * next_most
        return next(p for p in phrases if p.lower().rstrip("s") == term) if lead else None

    def expand(self, text: str, names: Iterable[str]) -> str:
        """The text with each acronym the guide spells out followed by its phrase, for
        retrieval: "IaC tooling listed?" -> "IaC (infrastructure as code) tooling listed?"."""
        for name in names:
            phrase = self.expansion(name)
            if phrase:
                text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", f"{name} ({phrase})", text)
        return text

    def glossed(self, text: str) -> str:
        """A guide line as it is read: with its short forms' meanings ("SOC (Standard
        Occupational Classification) 15-1252A")."""
        return glossed(text, self.glossary)

    def only_in_names(self, name: str) -> bool:
        """Does the guide write `name` only as a word of longer names ("AI" in "Evidently AI",
        "Vertex AI", "Azure AI Engineer Associate")? Then it names no thing of its own, and
        an ask's "AI models" are no thing of the guide's to be left unsaid."""
        word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        spans = [(t, m) for t in self.texts for m in word.finditer(t)]
        return bool(spans) and all(
            _CAPITAL_BEFORE.search(t[: m.start()]) or _CAPITAL_AFTER.match(t[m.end() :])
            for t, m in spans
        )

    def specific(self, name: str, common_share: float) -> bool:
        """Is `name` a thing the guide names ("Texas", "Google"), not its subject ("ML", in
        more than `common_share` of its lines: no answer can leave it unsaid)?"""
        forms = [_forms(w) for w in _name_tokens(name)]
        holding = sum(1 for line in self.lines if all(f & line for f in forms))
        return bool(forms) and holding <= common_share * len(self.lines)


def _words(text: str) -> set[str]:
    """Stems of the lower-case words (so "engineers" meets "engineer"), stopwords dropped."""
    tokens = (t.strip(".-+") for t in tokenize(text.replace("/", " ")))
    return {stem(t) for t in tokens if t}


def said_in(name: str, texts: list[str]) -> bool:
    """Do these texts, together, hold every word of `name` ("Texas" in the evidence), one of
    them perhaps clipped ("Solutions Architect Pro")?"""
    words, tokens = _words(" ".join(texts)), _name_tokens(name)
    return all(_forms(t) & words for t in tokens) or _clipped(tokens, words)


def _clipped(tokens: list[str], words: set[str]) -> bool:
    """Do `words` hold a name with one word clipped ("AWS Solutions Architect *Pro*", "ML
    *Spec*"): every other word as it is, and a word the clipped one begins (three letters or
    more)? A lone clipped word ("pro") names nothing."""
    for i, token in enumerate(tokens):
        rest = tokens[:i] + tokens[i + 1 :]
        if len(token) < CLIPPED_MIN or not token.isalpha() or not rest:
            continue
        if all(_forms(t) & words for t in rest) and any(
            w.startswith(token) and w != token for w in words
        ):
            return True
    return False


def said_short(name: str, texts: list[str]) -> bool:
    """Do these texts state the figure `name` says in thousands ("250k": "$250,000+")?"""
    short = _THOUSANDS.fullmatch(name)
    return short is not None and any(f"{short[1]},000" in t for t in texts)


def said_spelt(name: str, texts: list[str]) -> bool:
    """Do these texts hold `name` with its acronyms spelt out by initials ("Google Professional
    ML Engineer" in "Google Professional Machine Learning Engineer ($200): …")?"""
    short = [w for w in name.split() if w.isupper() and len(w) >= 2]  # noqa: PLR2004
    rest = " ".join(w for w in name.split() if w not in short)
    return (
        bool(short and tokenize(rest))
        and said_in(rest, texts)
        and all(said_in(a, texts) or any(_spells(a.lower(), t) for t in texts) for a in short)
    )


def _spells(want: str, text: str) -> bool:
    words = _LETTERS.findall(text)
    return any(
        "".join(w[0] for w in words[i : i + len(want)]).lower() == want
        and not any(w.lower() in STOPWORDS for w in words[i : i + len(want)])
        for i in range(len(words) - len(want) + 1)
    )


def topicless(ask: str) -> bool:
    """Has the ask no topic of its own ("What does the guide suggest?", "does it address
    this?"): no word but frame words and the role's name? It takes what was said before it."""
    return not [w for w in tokenize(without_domain(ask)) if w not in FRAME_WORDS]


def ask_words(text: str) -> list[str]:
    """The content words of an ask, without frame words ("use", "need") and the domain name."""
    return [t for t in _name_tokens(text) if t not in FRAME_WORDS and not t.startswith("mlops")]


def _name_tokens(name: str) -> list[str]:
    """The words of a name; a hyphenated one counts by its parts ("FAANG-type")."""
    # A hyphenated word names by its first part: "Kubernetes-focused", "FAANG-type".
    words = [
        w.split("-")[0] if "-" in w and w.split("-")[0].isalpha() else w
        for w in name.replace("/", " ").replace("'s", "").split()
    ]
    tokens = [t.strip(".-+") for t in tokenize(" ".join(words))]
    return [t for t in tokens if t and t not in FRAME_WORDS]


def _forms(token: str) -> set[str]:
    forms = {token, stem(token)}
    if len(token) > 3 and token.endswith("s"):
        forms.add(token[:-1])
    return forms


def content_stems(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text)}


def title_stems(title: str) -> set[str]:
    """A title's words, without the guide's subject ("How experienced MLOps engineers …")."""
    return content_stems(without_domain(title))


#: A kind named by the words before "ones": "the *cloud ML* ones - what do those cost?".
KIND_ONES = re.compile(r"\bthe\s+((?:[\w/&-]+\s+){1,3})ones\b", re.IGNORECASE)


def kind_named(ask: str) -> str:
    """The words an ask names a kind by ("cloud ML" in "the cloud ML ones - what do those
    cost?"), or the whole ask."""
    m = KIND_ONES.search(ask)
    return m.group(1) if m else ask


#: A word this long or longer may stand for a longer one it starts ("cert", "infra").
SHORT_FORM_MIN = 4


def uses_words(asked: set[str], words: set[str]) -> bool:
    """Does the ask use one of these words, whole or as its short form ("cert", "infra")?"""
    return any(
        a == w or (len(a) >= SHORT_FORM_MIN and w.startswith(a)) for a in asked for w in words
    )


__all__ = [
    "KIND_ONES",
    "kind_named",
    "title_stems",
    "uses_words",
    "EXPANSION_MEMO",
    "Terms",
    "ask_words",
    "topicless",
    "content_stems",
    "said_in",
    "said_short",
    "said_spelt",
]
