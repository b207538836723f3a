"""What the guide's unexplained short forms stand for (``glossary.json`` beside the guide): "SOC"
is the Standard Occupational Classification. The guide assumes its reader knows them; a small
embedding model does not, so a line that uses one is embedded with its meaning beside it ("SOC
15-1252A" is found for "what's the occupation code?"). Only forms whose gloss leaves the line
ranking for its own asks belong here ("FAANG" spelt out moved the salary line off pay asks).
The line an answer quotes stays the guide's verbatim; a corpus without the file has none."""

from __future__ import annotations

import json
import re
from pathlib import Path

GLOSSARY_FILE = "glossary.json"
#: Other names askers give the guide's names ("Amazon" for "AWS"), for reading a question's
#: names only (Terms.as_written in assistant/terms.py): spelt out in the embedded lines,
#: "Amazon Web Services" moved them off their asks.
ALIASES_FILE = "aliases.json"


def load_glossary(corpus_dir: Path, name: str = GLOSSARY_FILE) -> dict[str, str]:
    """Each short form the guide writes and what it stands for (or, from ALIASES_FILE, each
    other name of a name the guide writes, and that name)."""
    path = corpus_dir / name
    if not path.is_file():
        return {}
    return {str(k): str(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def glossed(text: str, glossary: dict[str, str]) -> str:
    """`text` with each short form followed by its meaning: "SOC 15-1252A" -> "SOC (Standard
    Occupational Classification, …) 15-1252A"; written as a whole word, in its own case."""
    for term, meaning in glossary.items():
        text = re.sub(rf"(?<![\w-]){re.escape(term)}(?![\w-])", f"{term} ({meaning})", text)
    return text


def aliased(name: str, aliases: dict[str, str]) -> str:
    """`name` with each other name of a guide's name put as the guide writes it: "Amazon's ML
    cert" -> "AWS ML cert" (a whole word, in any case, possessive or not; `aliases`: from the
    guide's ALIASES_FILE)."""
    for other, own in aliases.items():
        name = re.sub(rf"(?<![\w-]){re.escape(other)}(?:'s)?(?![\w-])", own, name, flags=re.I)
    return name
