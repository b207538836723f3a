"""User-facing phrases and prompts, as named constants that tests and the evaluation refer to."""

from __future__ import annotations

#: Said when the guide does not cover a question; the nearest sections follow it.
NOT_COVERED = "The guide does not cover this."
NEAREST_SECTIONS = "The nearest sections of the guide are: {sections}."

EMPTY_QUESTION = "Please type a question about the MLOps Engineer career guide."
QUESTION_TOO_LONG = "Your question is {length} characters long; please shorten it to at most {limit}."
BAD_CHARACTERS = "Your question contains control characters or undecodable bytes; please retype it as plain text."
BAD_HISTORY = "The conversation history is malformed: {reason}; send a list of {{\"role\": \"user\"|\"assistant\", \"content\": text}} items."
HISTORY_TOO_LONG = "The conversation history is too long ({detail}); start a new conversation."
MISSING_CORPUS = "No guide found in {path}; put the guide's .md or .txt file there (see README)."
INDEX_BROKEN = "The index in {path} could not be read ({reason}); run `assistant ingest --rebuild`."
