"""Personal data taken out of text before it is stored: one function, ``redact``, for every field.

Visitors paste personal data into chat boxes and feedback comments, and the feedback store must not
become a list of it. ``redact`` replaces, in this order:

1. e-mail addresses -> ``[email]``;
2. IBANs (two letters, two check digits, 11-30 letters or digits, grouped by spaces or dashes or
   not) whose mod-97 checksum holds -> ``[iban]``;
3. payment card numbers (13-19 digits, grouped by spaces or dashes or not) that pass the Luhn
   check -> ``[card]``;
4. national ids shaped like a US social security number (NNN-NN-NNNN) -> ``[national id]``;
5. phone numbers of 7 to 15 digits (E.164's most), written with +, spaces, dashes, dots or
   brackets -> ``[phone]``.

IBANs, cards and ids go before phones: otherwise their digits would be taken for a phone number and
labelled ``[phone]``. The checksums keep numbers that merely look like cards or IBANs as they are;
an IBAN that fails its checksum but has its country's length is kept whole (its digits are not
read as a card or a phone).

What a career guide's answers are made of stays: amounts (``$120,000-$185,000``, ``$395``,
``120000-185000``, ``1 000 000``), ranges (``4-6 years``), quantities (``100TB``, ``1M``), years and
year lists (``2023-2024``), dates (``2025-01-15``), codes (``SOC 15-1252A``) and version numbers
(``10.0.19041.1``). A run of digits becomes ``[phone]`` only when none of these explains it.

Plain code, no dependency: PII libraries either load NER models (Presidio wants a large spaCy
pipeline) or are unmaintained; Luhn and mod-97 are a few lines each. Every pattern is bounded or
anchored at the start of a run, so redacting takes linear time even on hostile input.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from typing import TextIO, TypeAlias

EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"
CARD_MARK = "[card]"
IBAN_MARK = "[iban]"
NATIONAL_ID_MARK = "[national id]"

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015"  # the hyphen and dash characters besides '-'
_SPACES = " \t\u00a0\u202f"  # space, tab, no-break space, narrow no-break space

# The local part starts a run (the look-behind), so a long run without '@' is scanned once.
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def _word_at(text: str, i: int) -> bool:
    return i < len(text) and (text[i].isalnum() or text[i] == "_")


# Where a span found at a start ends, and what replaces it; None when there is none.
Found: TypeAlias = tuple[int, str] | None


def _identity(text: str) -> str:
    return text


def _scan(
    text: str,
    starts: re.Pattern[str],
    find: Callable[[str, int], Found],
    between: Callable[[str], str] = _identity,
) -> str:
    """`text` with each span that `find` finds at a `starts` match replaced as it says, and the
    text between those spans passed through `between`."""
    out: list[str] = []
    done = 0  # text[:done] is in out
    at = 0
    while (m := starts.search(text, at)) is not None:
        found = find(text, m.start())
        if found is None:
            at = m.start() + 1
            continue
        end, replacement = found
        out += (between(text[done : m.start()]), replacement)
        done = at = end
    out.append(between(text[done:]))
    return "".join(out)


def _runs(
    text: str, start: int, token: re.Pattern[str], separators: str, most: int
) -> list[tuple[int, str]]:
    """The runs of `token`s from `start`, joined by single `separators`, that end a word: each as
    its end and its tokens concatenated, shortest first. At most `most` characters of tokens are
    read, and a token followed by another has at least 3 characters (cards and IBANs are written in
    groups of 4 to 6): "1 2 3 4 ..." is not read as one run."""
    runs: list[tuple[int, str]] = []
    compact = ""
    pos = start
    while (m := token.match(text, pos)) is not None:
        compact += m.group()
        if len(compact) > most:
            break
        end = m.end()
        if not _word_at(text, end):
            runs.append((end, compact))
        if (
            end - m.start() >= 3
            and end + 1 < len(text)
            and text[end] in separators
            and token.match(text, end + 1)
        ):
            pos = end + 1
        else:
            break
    return runs


# --- IBANs ---------------------------------------------------------------------------------------
_IBAN_START = re.compile(r"(?<!\w)[A-Za-z]{2}[0-9]{2}")
_ALNUM = re.compile(r"[A-Za-z0-9]{1,35}")
# The length of each country's IBANs (the ISO 13616 registry kept by SWIFT).
_IBAN_LENGTHS = {
    **dict.fromkeys(["NO"], 15),
    **dict.fromkeys(["BE"], 16),
    **dict.fromkeys(["DK", "FI", "FK", "FO", "GL", "NL", "SD"], 18),
    **dict.fromkeys(["MK", "SI"], 19),
    **dict.fromkeys(["AT", "BA", "EE", "KZ", "LT", "LU", "MN", "XK"], 20),
    **dict.fromkeys(["CH", "HR", "LI", "LV"], 21),
    **dict.fromkeys(["BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS", "VA"], 22),
    **dict.fromkeys(["AE", "GI", "IL", "IQ", "OM", "SO", "TL"], 23),
    **dict.fromkeys(["AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG"], 24),
    **dict.fromkeys(["LY", "PT", "ST"], 25),
    **dict.fromkeys(["IS", "TR"], 26),
    **dict.fromkeys(["BI", "DJ", "FR", "GR", "IT", "MC", "MR", "SM"], 27),
    **dict.fromkeys(["AL", "AZ", "BY", "CY", "DO", "GT", "HN", "HU", "LB", "NI", "PL", "SV"], 28),
    **dict.fromkeys(["BR", "EG", "PS", "QA", "UA"], 29),
    **dict.fromkeys(["JO", "KW", "MU", "YE"], 30),
    **dict.fromkeys(["MT", "SC"], 31),
    **dict.fromkeys(["LC"], 32),
    **dict.fromkeys(["RU"], 33),
}
_LETTER_VALUES = str.maketrans({chr(ord("A") + i): str(10 + i) for i in range(26)})  # A=10 ... Z=35


def iban_checksum_ok(compact: str) -> bool:
    """ISO 13616: two letters, two digits, then letters and digits, as long as the country's IBANs
    (15-34 characters for a country not in the table), and the mod-97 check equal to 1."""
    code = compact.upper()
    if not (code[:2].isalpha() and code[2:4].isdigit() and code.isascii() and code.isalnum()):
        return False
    if len(code) != _IBAN_LENGTHS.get(code[:2], len(code)) or not 15 <= len(code) <= 34:
        return False
    return int((code[4:] + code[:4]).translate(_LETTER_VALUES)) % 97 == 1


def _iban(text: str, start: int) -> Found:
    """An IBAN at `start` becomes [iban]; one that fails its checksum but has the length of its
    country's IBANs is kept whole, so that its digits are not taken for a card or a phone."""
    runs = _runs(text, start, _ALNUM, " -", 34)
    for end, compact in reversed(runs):
        if iban_checksum_ok(compact):
            return end, IBAN_MARK
    for end, compact in reversed(runs):
        if _IBAN_LENGTHS.get(compact[:2].upper()) == len(compact):
            return end, text[start:end]
    return None


# --- payment cards -------------------------------------------------------------------------------
# A card starts a run of digits not part of an amount, a decimal or a phone number's '+'.
_CARD_START = re.compile(r"(?<![\w$€£¥₹#.,+])\d")
_DIGITS = re.compile(r"\d{1,20}")
_DOUBLED = str.maketrans("0123456789", "0246813579")  # 2d, less 9 when that is above 9


def luhn_ok(digits: str) -> bool:
    """The Luhn check: double every second digit from the right; the sum is a multiple of 10."""
    if not digits.isascii():
        digits = "".join(str(int(ch)) for ch in digits)  # other scripts' digits: "４１１１…"
    backwards = digits[::-1]
    doubled = backwards[1::2].translate(_DOUBLED)
    return (sum(map(int, backwards[0::2])) + sum(map(int, doubled))) % 10 == 0


def _card_ok(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and luhn_ok(digits)


def _card(text: str, start: int) -> Found:
    for end, digits in reversed(_runs(text, start, _DIGITS, " -" + _DASHES + _SPACES, 19)):
        if _card_ok(digits):
            return end, CARD_MARK
    return None


# --- national ids --------------------------------------------------------------------------------
# NNN-NN-NNNN (or with spaces), not inside a longer run of digit groups such as a phone number.
_NATIONAL_ID = re.compile(
    rf"(?<![\w+\-{_DASHES}])(?<!\d[ .)])\d{{3}}([\-{_DASHES} ])\d{{2}}\1\d{{4}}"
    rf"(?![\w\-{_DASHES}])(?![ .]\d)"
)

# --- phone numbers -------------------------------------------------------------------------------
# A run of digits with the separators phone numbers are written with; judged by `_phone`. Not
# after a letter, a currency sign, '#' or a decimal point or comma (amounts, decimals, ids), nor
# before a letter or '%' (quantities: "100TB", "15%"), nor next to a time's ':' ("2025-01-15
# 10:20:30"). At most 32 characters: linear time.
_SEPARATORS = f"{_SPACES}().\\-{_DASHES}"
_PHONE = re.compile(rf"(?<![\w$€£¥₹#.,])(?<!\d:)\+?\(?\d[\d{_SEPARATORS}]{{5,30}}\d(?![\w%]|:\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE = re.compile(
    r"(?P<y1>(?:19|20)\d\d)([-./])(?P<a>\d{1,2})\2(?P<b>\d{1,2})"
    r"|(?P<c>\d{1,2})([-./])(?P<d>\d{1,2})\6(?P<y2>(?:19|20)\d\d)"
)
_OCCUPATION_CODE = re.compile(r"\d\d-\d{4}\.\d\d")
_SPACED_THOUSANDS = re.compile(rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+")


def _date(text: str) -> bool:
    m = _DATE.fullmatch(text)
    if m is None:
        return False
    small = [int(g) for g in (m["a"], m["b"], m["c"], m["d"]) if g is not None]
    return min(small) >= 1 and min(small) <= 12 and max(small) <= 31


def _not_a_phone(text: str, groups: list[str]) -> bool:
    """A run of 7-15 digits that is something else: years, a date, a version, an amount."""
    if all(_YEAR.fullmatch(g) for g in groups):
        return True  # years: "2022 2023 2024", "1990-2025"
    if _date(text):
        return True  # "2025-01-15", "15.01.2025"
    if re.fullmatch(r"[\d.]+", text) and any(len(g) == 1 for g in groups[1:]):
        return True  # a version: "10.0.19041.1" (a dotted phone has no 1-digit group but the first)
    if sum("." in word for word in text.split()) > 1:
        return True  # decimals or versions in a row: "3.11 3.12 3.13", "3.8.18 2.13.0"
    if _OCCUPATION_CODE.fullmatch(text):
        return True  # an O*NET-SOC occupation code: "15-1252.00"
    if all(len(g) >= 4 and g.endswith("000") for g in groups):
        return True  # round amounts: "1000000", "120000-185000"
    return bool(_SPACED_THOUSANDS.fullmatch(text)) and groups[-1] == "000"  # "1 000 000"


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    groups = re.findall(r"\d+", text)
    if not 7 <= sum(map(len, groups)) <= 15 or _not_a_phone(text, groups):
        return text
    return PHONE_MARK


# --- all of it -----------------------------------------------------------------------------------
def redact(text: str | None) -> str | None:
    """`text` with e-mail addresses, IBANs, card numbers, national ids and phone numbers replaced by
    ``[email]``, ``[iban]``, ``[card]``, ``[national id]`` and ``[phone]``; None and "" as they are.
    """
    if not text:
        return text
    return _scan(_EMAIL.sub(EMAIL_MARK, text), _IBAN_START, _iban, _numbers)


def _numbers(text: str) -> str:
    """Cards, then national ids, then phone numbers (text outside IBANs)."""
    text = _scan(text, _CARD_START, _card)
    text = _NATIONAL_ID.sub(NATIONAL_ID_MARK, text)
    return _PHONE.sub(_phone, text)


class RedactingStream(io.TextIOBase):
    """A text stream that writes what it is given line by line, redacted: what a library prints
    (Gradio's tracebacks carry the request's inputs) reaches the log without personal data."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self.inner.write(f"{redact(line)}\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.inner.write(str(redact(self._pending)))
            self._pending = ""
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()


def redact_output() -> None:
    """Route the process's stdout and stderr through RedactingStream (what `assistant serve`
    calls first, so every log handler created after it writes redacted lines)."""
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr)
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout)


__all__ = [
    "CARD_MARK",
    "EMAIL_MARK",
    "IBAN_MARK",
    "NATIONAL_ID_MARK",
    "PHONE_MARK",
    "RedactingStream",
    "iban_checksum_ok",
    "luhn_ok",
    "redact",
    "redact_output",
]
