"""Redaction of personal data before feedback is stored: each kind with its label, what must stay,
and a feedback row with personal data in every field that leaves none of it in the database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from assistant.feedback import EMAIL_MARK, PHONE_MARK, Feedback, FeedbackStore
from assistant.redaction import (
    CARD_MARK,
    IBAN_MARK,
    NATIONAL_ID_MARK,
    iban_checksum_ok,
    luhn_ok,
    redact,
)

GUIDE = Path(__file__).resolve().parents[1] / "corpus" / "mlops-engineer-career-guide.md"


# --- true positives, each with its label ---------------------------------------------------------
@pytest.mark.parametrize(
    "card",
    [
        "4111 1111 1111 1111",  # Visa, spaced
        "4111-1111-1111-1111",  # dashed
        "4111111111111111",  # plain 16 digits
        "5555 5555 5555 4444",  # Mastercard
        "4012888888881881",
        "3782 822463 10005",  # Amex, 15 digits in 4-6-5
        "378282246310005",  # Amex, plain
        "3714-496353-98431",
        "6011 1111 1111 1117",  # Discover
        "4111 1111 1111 1111 003",  # 19 digits, when the Luhn check holds for all of them
    ],
)
def test_card_numbers_that_pass_luhn_are_cards(card: str) -> None:
    assert redact(f"my card is {card}, thanks") == f"my card is {CARD_MARK}, thanks"


def test_a_card_followed_by_more_digits_is_still_found() -> None:
    assert redact("card 4111 1111 1111 1111 2027") == f"card {CARD_MARK} 2027"


@pytest.mark.parametrize(
    "iban",
    [
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32",
        "gb82 west 1234 5698 7654 32",  # typed in lower case
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91ABNA0417164300",
        "CH93 0076 2011 6238 5295 7",
        "NO93 8601 1117 947",  # the shortest
        "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
        "GB29-NWBK-6016-1331-9268-19",
    ],
)
def test_ibans_that_pass_mod_97_are_ibans(iban: str) -> None:
    assert redact(f"IBAN: {iban}. Send it.") == f"IBAN: {IBAN_MARK}. Send it."


@pytest.mark.parametrize("ssn", ["123-45-6789", "078-05-1120", "123 45 6789"])
def test_ssn_shaped_numbers_are_national_ids_not_phones(ssn: str) -> None:
    assert redact(f"SSN {ssn} ok") == f"SSN {NATIONAL_ID_MARK} ok"


@pytest.mark.parametrize(
    "phone",
    [
        "555-0123",  # 7 digits
        "5550123",
        "555 0123",
        "555.0123",
        "555-123-4567",
        "555.123.4567",
        "(555) 123-4567",
        "+1 (555) 123-4567",
        "+1-555-123-4567",
        "1.800.555.0123",
        "+44 20 7946 0958",
        "020 7946 0958",
        "06 12 34 56 78",
        "06.12.34.56.78",
        "+49 30 901820",
        "0171-1234567",
        "06151-123456",
        "+33 6 12 34 56 78",
        "555-0123:",  # before a colon that does not start a time
    ],
)
def test_phone_numbers_from_seven_digits_are_phones(phone: str) -> None:
    after = phone[len(phone.rstrip(":")) :]
    assert redact(f"call {phone} today") == f"call {PHONE_MARK}{after} today"


@pytest.mark.parametrize(
    "email", ["jane.doe@example.com", "JOHN_SMITH+cv@Mail.Example.ORG", "a.b-c@sub.example.co.uk"]
)
def test_emails_are_emails(email: str) -> None:
    assert redact(f"mail {email}.") == f"mail {EMAIL_MARK}."


def test_every_kind_in_one_text_gets_its_own_label() -> None:
    text = (
        "I am jane@example.com, card 4111 1111 1111 1111, Amex 378282246310005, "
        "IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789, phone 555-0123 or +44 20 7946 0958."
    )
    assert redact(text) == (
        "I am [email], card [card], Amex [card], IBAN [iban], SSN [national id], "
        "phone [phone] or [phone]."
    )


def test_none_and_empty_stay() -> None:
    assert redact(None) is None
    assert redact("") == ""


# --- true negatives: what a career guide's answers are made of ----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Salaries range $120,000-$185,000 for senior roles, $250,000+ at the top.",
        "The CKA exam costs $395.",
        "Expect 4-6 years of experience, 3-5 years for mid level.",
        "Pipelines that process 100TB a day and serve 1M predictions/second.",
        "In 2025 demand grew; 2022 2023 2024 and 2023-2024 and 1990-2025 are years.",
        "Its occupation code is SOC 15-1252A (O*NET 15-1252.00).",
        "Use Python 3.11 3.12 3.13, spaCy 3.8.18, torch 2.13.0 or Windows 10.0.19041.1, v1.2.3.",
        "Updated 2025-01-15 (15.01.2025), at 2025-01-15T10:20:30+00:00.",
        "Logged 2025-01-15 10:20:30.123456 UTC, or at 10:20:30 2025-01-15.",
        "A 10% rise, 100-150k, 120000-185000 a year, 1000000 or 1 000 000 requests.",
        "Section [1] and [2]; 24/7 on-call; 99.95% uptime; 8 GB RAM; 16 vCPUs.",
        "A 16-digit number that fails Luhn: 4111 1111 1111 1112 and 4111111111111112.",
        "IBAN-shaped, failing mod-97: DE89 3704 0044 0532 0130 01, GB82WEST12345698765433.",
        "Six digits are not a phone: 123456, 123-456.",
    ],
)
def test_guide_numbers_and_near_misses_stay(text: str) -> None:
    assert redact(text) == text


def test_the_whole_guide_stays() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert redact(guide) == guide


def test_the_checksums() -> None:
    assert luhn_ok("4111111111111111") and luhn_ok("79927398713")
    assert not luhn_ok("4111111111111112")
    assert iban_checksum_ok("DE89370400440532013000")
    assert iban_checksum_ok("gb82west12345698765432")
    assert not iban_checksum_ok("DE89370400440532013001")
    assert not iban_checksum_ok("DE8937040044")  # too short


def test_redacting_hostile_text_takes_linear_time() -> None:
    hostile = [
        "a" * 100_000,
        "1 " * 50_000,
        "123 " * 25_000,
        "DE89 " * 20_000,
        "a@" * 50_000,
        "a." * 50_000 + "@",
    ]
    started = time.perf_counter()
    for text in hostile:
        redact(text)
    assert time.perf_counter() - started < 10  # about 1 s on a laptop; quadratic would be hours


# --- the store: nothing of it reaches the database -----------------------------------------------
CARDS = ["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005"]
IBANS = ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"]
PHONES = ["555-0123", "5550123"]
EMAILS = ["jane.doe@example.com", "bob@example.org"]
SSN = "123-45-6789"
PERSONAL = ", ".join([*CARDS, *IBANS, *PHONES, *EMAILS, SSN])


def leaks(text: str) -> list[str]:
    """The pieces of personal data in `text`, as written and with separators taken out."""
    found = []
    for secret in [*CARDS, *IBANS, *PHONES, *EMAILS, SSN]:
        compact = secret.replace(" ", "").replace("-", "")
        if secret in text or compact in text.replace(" ", "").replace("-", ""):
            found.append(secret)
    for piece in ("jane.doe", "bob@", "example.com", "example.org"):
        if piece in text:
            found.append(piece)
    return found


def test_leaks_sees_every_secret() -> None:
    assert len(leaks(PERSONAL)) == 10 + 4


def test_personal_data_in_every_field_never_reaches_the_database_file(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    row_id = store.add(
        Feedback(
            rating="down",
            question=f"Question from {PERSONAL}",
            answer=f"Answer quoting {PERSONAL}",
            citations=[
                {
                    "n": 1,
                    "section": f"Section {PERSONAL}",
                    "quote": PERSONAL,
                    PERSONAL: "a key holding it",
                    "score": 4111111111111111,
                    "nested": [{"deep": PERSONAL}, 5550123, [IBANS[1]]],
                }
            ],
            guide_version=f"v {PERSONAL}",
            comment=f"Comment {PERSONAL}",
            channel=f"api {PERSONAL}",
            created_at=f"2025-01-15T10:20:30+00:00 {PERSONAL}",
        )
    )
    store.set_comment(row_id, f"New comment {PERSONAL}")

    files = sorted(tmp_path.iterdir())  # the database and, while they last, its -wal and -shm
    assert store.path in files
    raw = b"".join(p.read_bytes() for p in files)
    assert leaks(raw.decode("utf-8", errors="replace")) == []
    assert b"[card]" in raw and b"[iban]" in raw and b"[phone]" in raw and b"[email]" in raw

    with sqlite3.connect(store.path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(feedback)")]
        (row,) = conn.execute("SELECT * FROM feedback").fetchall()
    conn.close()
    assert len(row) == len(columns) == 9
    for column, value in zip(columns, row, strict=True):
        assert leaks(str(value)) == [], column

    (saved,) = store.recent()
    expected = ", ".join(
        [CARD_MARK] * 3 + [IBAN_MARK] * 2 + [PHONE_MARK] * 2 + [EMAIL_MARK] * 2 + [NATIONAL_ID_MARK]
    )
    assert saved.question == f"Question from {expected}"
    assert saved.comment == f"New comment {expected}"
    assert saved.guide_version == f"v {expected}"
    assert saved.channel == f"api {expected}"
    assert saved.created_at == f"2025-01-15T10:20:30+00:00 {expected}"
    (citation,) = saved.citations
    assert citation["quote"] == expected and citation[expected] == "a key holding it"
    assert (citation["n"], citation["score"]) == (1, CARD_MARK)
    assert citation["nested"] == [{"deep": expected}, PHONE_MARK, [IBAN_MARK]]


def test_ordinary_rows_are_stored_as_they_are(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    citations = [{"n": 1, "section": "Salary", "quote": "$120,000-$185,000", "score": 0.91}]
    store.add(
        Feedback(
            rating="up",
            question="What does an MLOps engineer earn in 2025?",
            answer="Salaries range $120,000-$185,000 [1]; 4-6 years of experience.",
            citations=citations,
            guide_version="3f2a9c0b1d7e",
        )
    )
    (saved,) = store.recent()
    assert saved.citations == citations
    assert saved.answer == "Salaries range $120,000-$185,000 [1]; 4-6 years of experience."
    assert saved.guide_version == "3f2a9c0b1d7e"


def test_an_iban_with_any_one_digit_wrong_stays_whole() -> None:
    iban = "DE89 3704 0044 0532 0130 00"
    for i, ch in enumerate(iban):
        if ch.isdigit() and i >= 5:
            typo = iban[:i] + str((int(ch) + 1) % 10) + iban[i + 1 :]
            assert redact(f"IBAN {typo}.") == f"IBAN {typo}.", typo
