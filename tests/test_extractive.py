"""Answer composition's reading of the guide's lines (no model): what a sentence is about."""

from __future__ import annotations

from assistant.extractive import _labels, stems
from assistant.guide import load_guide
from assistant.settings import PROJECT_ROOT


def test_every_sentence_of_a_labelled_line_carries_its_label() -> None:
    guide = load_guide(PROJECT_ROOT / "corpus")
    day = next(s for s in guide.sections if "Afternoon: Continue building" in s.text)
    labels = _labels(day)
    # Not only the sentence the label opens: the whole line is the afternoon.
    assert labels["Review a pull request for a training pipeline change."] == stems("Afternoon")
    assert labels["Daily standup with the ML platform team."] == stems("Morning")
    # A line with no label gives its sentences none.
    plain = [u.text for u in day.units if u.kind == "sentence" and u.text not in labels]
    assert plain, "the section has unlabelled sentences too"
