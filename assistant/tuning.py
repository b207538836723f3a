"""The tuning settings, one model per pipeline stage, nested in `assistant.settings.Settings`
as its fields ``chunking``, ``retrieval``, ``answer``, ``scope``, ``generation``, ``limits``
and ``insights`` (environment: ``ASSISTANT_<GROUP>__<FIELD>``). Every field has a description:
docs/settings.md is generated from them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ChunkingSettings(BaseModel):
    """How the guide's sections are cut into chunks for the index (assistant/chunking.py); a
    change rebuilds the index."""

    model_config = ConfigDict(extra="forbid")

    chunk_size: int = Field(
        700, description="Maximum characters per chunk (fits MiniLM's 256 tokens)."
    )
    chunk_overlap: int = Field(100, description="Characters shared by neighbouring chunks.")


class RetrievalSettings(BaseModel):
    """How chunks are found (assistant/retrieval.py, assistant/queries.py): dense and BM25
    rankings of the question's queries, fused; and how a misspelt guide word is recognised
    (assistant/vocabulary.py), for the queries and for the words the guide does not use."""

    model_config = ConfigDict(extra="forbid")

    # answer_sections and unit_ranking_weight fitted by bench/calibrate_answers.py on eval/train.
    top_k: int = Field(6, description="Chunks taken from each retriever (dense and BM25).")
    rrf_k: int = Field(60, description="Reciprocal-rank-fusion constant.")
    answer_sections: int = Field(
        5, description="Best fused sections searched for answer sentences."
    )
    unit_ranking_weight: float = Field(
        1.0,
        description="Weight, relative to one chunk ranking, of the ranking of sections by their "
        "best sentence's cosine in the fused retrieval.",
    )
    ask_weight: float = Field(1.0, description="Retrieval weight of the question's ask.")
    context_weight: float = Field(
        0.7,
        description="Retrieval weight of the last exchange (question and answer) for a follow-up.",
    )
    asker_weight: float = Field(
        0.5,
        description="Retrieval weight of what the asker says of themself, used when the ask is "
        "short (see short_ask_words).",
    )
    short_ask_words: int = Field(
        4,
        description="An ask with fewer content words than this also searches with the asker's "
        "own description ('I'm a backend dev with five years of Python. What should I do?').",
    )
    follow_up_max_words: int = Field(
        8,
        ge=1,
        description="With a conversation before it, a question of at most this many words reads "
        "as a follow-up (with the last exchange), as does one that points back ('those', 'it').",
    )
    spelling_cutoff: float = Field(
        0.8,
        ge=0,
        le=1,
        description="Least similarity (difflib ratio) of an unknown word to a guide word for it "
        "to be read as a misspelling of that word ('kubernets'): retrieval searches with the "
        "guide word, and the word counts as one the guide uses.",
    )
    min_corrected_length: int = Field(
        5,
        ge=1,
        description="Shortest word, in letters, read as a misspelling of a guide word; shorter "
        "ones have too many near neighbours ('ckad' is not 'cka').",
    )


class AnswerSettings(BaseModel):
    """How an extractive answer is composed (assistant/extractive.py, listing.py,
    selection.py): how a guide sentence is scored and how many join."""

    model_config = ConfigDict(extra="forbid")

    # rank_decay, section_weight, title_weight and reference_factor fitted (with the retrieval's
    # answer_sections and unit_ranking_weight) by bench/calibrate_answers.py on eval/train only
    # (answers holding all their facts: 0.827 -> 0.869).
    max_sentences: int = Field(4, description="Most guide sentences in a non-list answer.")
    max_list_items: int = Field(10, description="Most list items in a list answer.")
    section_weight: float = Field(
        0.6,
        description="Share of a sentence's score that comes from its section's best chunk "
        "cosine (heading and context); the rest is the sentence's own cosine.",
    )
    lexical_weight: float = Field(
        0.15,
        description="Weight of the IDF-weighted share of question words a sentence (or its "
        "section title) contains.",
    )
    title_weight: float = Field(
        0.15,
        description="Extra weight of the share of question words in the section's own title "
        '("technical skills" names the Technical Skills list, not Soft Skills).',
    )
    rank_decay: float = Field(
        0.0,
        description="Sentences of the n-th fused section (from 0) are scaled by "
        "1 - rank_decay * n.",
    )
    short_unit_factor: float = Field(
        0.6,
        description='Scale of a line under five words ("CA") that shares no word with the '
        "question.",
    )
    prompt_factor: float = Field(
        0.8,
        description="Scale of the guide's own interview questions, unless the question is about "
        "interviews: they ask, not answer.",
    )
    reference_factor: float = Field(
        0.4,
        description='Scale of a section that lists the guide\'s sources ("Data Sources"), '
        "unless the question asks where something comes from: it names documents, it states "
        "nothing.",
    )
    definition_weight: float = Field(
        0.1,
        description="Added to the score of a sentence that opens with what a definition ask "
        "('what is an MLOps engineer?', 'what does DVC do?') is about: its definition.",
    )
    common_word_share: float = Field(
        0.1,
        description="A word in more than this share of the guide's lines is common: it does not "
        "pick the line that names examples of what a 'which … tools' ask asks for.",
    )
    sentence_margin: float = Field(
        0.16,
        description="Other sentences join the best one when they score at most this much below.",
    )
    list_margin: float = Field(
        0.18,
        description="A list question takes the best listing when it scores at most this much "
        "below the best sentence.",
    )
    list_extra_margin: float = Field(
        0.05,
        description="A list answer also quotes lines outside the list that score at most this "
        "much below the best line.",
    )
    list_extra_units: int = Field(
        2, description="Most lines outside the list that a list answer also quotes."
    )


class ScopeSettings(BaseModel):
    """Whether a question is answered, answered with a caveat or refused (assistant/policy.py)."""

    model_config = ConfigDict(extra="forbid")

    # refusal_threshold, coverage_threshold and property_threshold fitted by
    # bench/calibrate_refusal.py on eval/train.
    refusal_threshold: float = Field(
        0.28,
        description="Minimum relevance (best cosine of a guide sentence or chunk); below it "
        "the assistant says the guide does not cover the question.",
    )
    coverage_threshold: float = Field(
        0.27,
        description="Minimum coverage (how closely, by meaning, the ask's words the guide does "
        "not use are matched by a word of the lines the answer quotes); below it the question "
        "asks beyond what the guide says there.",
    )
    property_threshold: float = Field(
        0.40,
        description="Minimum coverage, among its nouns and adjectives, of a yes/no ask ('Does "
        "the CKA expire?'); below it the guide does not state the property asked about.",
    )
    term_coverage: float = Field(
        0.5,
        description="A word no dictionary holds ('databricks', 'leetcode') is a name the guide "
        "never names when no guide word comes this near it in meaning ('datasets' does).",
    )
    same_word: float = Field(
        0.7,
        description="A word this near a guide word in meaning is a form of it ('psychologists' "
        "of 'psychology'): a job named so is of the guide's world.",
    )
    coverage_bypass_relevance: float = Field(
        0.95,
        description="Relevance at or above which the coverage check is skipped.",
    )
    echo_similarity: float = Field(
        0.85,
        description="Relevance at or above which a question whose best guide line is one of the "
        "guide's own (interview) questions is refused: the guide asks it, it does not answer it.",
    )
    refusal_quotes: int = Field(
        2, description="Most guide lines a refusal quotes as what the guide says nearest."
    )


class GenerationSettings(BaseModel):
    """The generative backends (llamacpp, openai) and the verification of what they write
    (assistant/backends/)."""

    model_config = ConfigDict(extra="forbid")

    llm_n_ctx: int = Field(2048, description="llamacpp context window, in tokens.")
    llm_n_threads: int = Field(2, description="llamacpp CPU threads.")
    llm_timeout_s: float = Field(
        60.0,
        description="Longest a generative answer may take (connect, first token and the whole "
        "draft); past it the draft so far is verified, or the extractive answer is shown.",
    )
    llm_rewrite_budget_s: float = Field(
        2.0,
        ge=0,
        description="Time the model may take to rewrite a follow-up question with the "
        "conversation into a standalone one; past it, or at 0, the extractive follow-up rule "
        "picks the evidence.",
    )
    llm_rewrite_turns: int = Field(
        4,
        ge=1,
        description="Last turns of the conversation the model sees when it rewrites a follow-up.",
    )
    llm_rewrite_turn_chars: int = Field(
        240,
        ge=1,
        description="Characters of each turn shown to the model when it rewrites a follow-up "
        "(the assistant's answers are long and cited).",
    )
    llm_rewrite_max_words: int = Field(
        40,
        ge=2,
        description="Most words of a kept rewrite; a longer one is not one question, and the "
        "extractive follow-up rule picks the evidence.",
    )
    llm_max_tokens: int = Field(160, description="Most tokens the model may draft per answer.")
    llm_temperature: float = Field(0.0, description="Sampling temperature of the model.")
    # Calibrated by bench/calibrate_verify.py on the guide's 110 units of 6+ words: together they
    # keep 97 % of shortened quotes cited right and accept 7.6 % of citations of the three most
    # similar units of other sections (many of which restate the same fact).
    verify_lexical_threshold: float = Field(
        0.6,
        description="Least share of a generated sentence's content words (those not taken from "
        "the question) that its cited quote or the quote's section heading must contain.",
    )
    verify_cosine_threshold: float = Field(
        0.6,
        description="Least embedding cosine between a generated sentence and its cited quote.",
    )


class LimitsSettings(BaseModel):
    """The largest input accepted, from the CLI and the HTTP API (assistant/validation.py,
    assistant/guard.py)."""

    model_config = ConfigDict(extra="forbid")

    max_question_chars: int = Field(2000, description="Longest accepted question, in characters.")
    max_history_turns: int = Field(20, description="Most history messages accepted.")
    max_history_chars: int = Field(20000, description="Most characters in all history messages.")
    max_comment_chars: int = Field(
        2000, description="Longest accepted feedback comment, in characters."
    )
    max_request_bytes: int = Field(
        65536, description="Largest accepted HTTP API request body, in bytes (413 above it)."
    )


class InsightsSettings(BaseModel):
    """The owner's report of what visitors asked (assistant/insights.py: `assistant insights`
    and /insights)."""

    model_config = ConfigDict(extra="forbid")

    cluster_distance: float = Field(
        0.55,
        gt=0,
        description="Questions whose average cosine distance is below this share a topic (or a "
        "content gap): at 0.55 (cosine similarity above 0.45) 'How much does the CKAD exam "
        "cost?' and 'Is CKAD worth it for MLOps?' meet, and questions about salaries in London "
        "stay apart from them. Lower gives more, narrower topics.",
    )


#: The nested groups of tuning settings, in pipeline order: the name of the field of `Settings`
#: (and of the environment's ASSISTANT_<GROUP>__ prefix) -> its model.
GROUPS: dict[str, type[BaseModel]] = {
    "chunking": ChunkingSettings,
    "retrieval": RetrievalSettings,
    "answer": AnswerSettings,
    "scope": ScopeSettings,
    "generation": GenerationSettings,
    "limits": LimitsSettings,
    "insights": InsightsSettings,
}


__all__ = [
    "GROUPS",
    "AnswerSettings",
    "ChunkingSettings",
    "GenerationSettings",
    "InsightsSettings",
    "LimitsSettings",
    "RetrievalSettings",
    "ScopeSettings",
]
