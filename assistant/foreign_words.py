"""Writes assistant/data/foreign_words.txt, the words of other languages an English question
may mix in (assistant/foreign.py): `python -m assistant.foreign_words` (wordfreq, a test
dependency, loads ~600 MB). A word is foreign when another language uses it often and far
more than English does, and it is no common English word nor a place WordNet knows ("para",
"die", "jakarta" stay English). A word typed with accents is kept without them, as a question is
read (assistant/text.py `unaccented`), unless that spelling is English ("låg": "lag")."""

from __future__ import annotations

from pathlib import Path

from assistant.dictionary import is_english
from assistant.lexicon import is_place
from assistant.text import unaccented

#: wordfreq's languages written in the Latin script (English aside).
LANGUAGES = (
    "ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt",
    "lv", "ms", "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi",
)  # fmt: skip
#: How often another language uses the word, at least (Zipf scale: 4.5 is ~30 per million).
MIN_ZIPF = 4.5
#: How often English uses it, at most; and how much more the other language does (2.0: 100×).
MAX_ENGLISH_ZIPF = 4.0
MIN_MARGIN = 2.0
#: A word the English dictionary holds that English uses this often is English ("para").
ENGLISH_ZIPF = 3.0
#: Most words read from each language's list, most frequent first.
TOP_WORDS = 20_000
PATH = Path(__file__).parent / "data" / "foreign_words.txt"


def _english(word: str, english_zipf: float) -> bool:
    return english_zipf > MAX_ENGLISH_ZIPF or (is_english(word) and english_zipf >= ENGLISH_ZIPF)


def build() -> list[str]:
    """The foreign words, from wordfreq (imported here: a test dependency, ~600 MB loaded)."""
    from wordfreq import top_n_list, zipf_frequency

    words: set[str] = set()
    for language in LANGUAGES:
        for typed in top_n_list(language, TOP_WORDS):
            word = unaccented(typed)  # as a question is read: "não" is "nao"
            if not (word.isascii() and word.isalpha() and len(word) >= 2):
                continue
            zipf = zipf_frequency(typed, language)
            if zipf < MIN_ZIPF:
                break
            english = zipf_frequency(typed, "en")  # "qué" is judged as typed, not as "que"
            if english > MAX_ENGLISH_ZIPF or zipf - english < MIN_MARGIN:
                continue
            if word != typed and _english(word, zipf_frequency(word, "en")):
                continue  # "låg" is read as "lag", "tô" as "to"
            if _english(typed, english) or is_place(word):
                continue
            words.add(word)
    return sorted(words)


if __name__ == "__main__":
    found = build()
    PATH.write_text("\n".join(found) + "\n", encoding="utf-8")
    print(f"{PATH}: {len(found)} words")
