"""The HTTP API's request and response bodies, which FastAPI validates and /docs shows.

The answer's own shape (``AnswerJSON``) is not here: it is ``assistant.schema``'s, the same JSON
as ``Answer.to_dict()`` and ``assistant ask --json``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr


class HistoryMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["user", "assistant"] = Field(description="Who said it.")
    content: StrictStr = Field(description="What was said, as plain text.")


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "Which certifications are useful for an MLOps engineer?"},
                {
                    "question": "Which of them is for Azure?",
                    "history": [
                        {"role": "user", "content": "Which cloud certifications are useful?"},
                        {"role": "assistant", "content": "..."},
                    ],
                },
            ]
        },
    )
    question: StrictStr = Field(description="The question, plain text.")
    history: list[HistoryMessage] | None = Field(
        None, description="Earlier turns of the conversation, oldest first (optional)."
    )


class SectionOut(BaseModel):
    id: str
    heading: str = Field(description="The heading path joined with ' > '.")
    path: list[str]
    title: str


class SectionsOut(BaseModel):
    guide_version: str
    sections: list[SectionOut]


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "rating": "up",
                    "question": "Which certifications are useful?",
                    "answer": "AWS Certified Machine Learning - Specialty [1] ...",
                    "citations": [],
                    "comment": "Exactly what I needed.",
                }
            ]
        },
    )
    rating: Literal["up", "down"]
    question: StrictStr = Field(max_length=20000)
    answer: StrictStr = Field(max_length=100000)
    citations: list[dict[str, Any]] = Field(
        default_factory=list, description="The citations of the rated answer, as returned."
    )
    comment: StrictStr | None = Field(None, description="Optional free text.")
    guide_version: StrictStr | None = Field(
        None, description="The guide version of the answer; the server's when omitted."
    )


class FeedbackOut(BaseModel):
    id: int
    stored: bool = True


class ErrorOut(BaseModel):
    error: str = Field(description="One sentence saying what is wrong and what to do.")


#: The error responses every API route documents.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not valid JSON."},
    403: {"model": ErrorOut, "description": "The request's Origin is not allowed."},
    413: {"model": ErrorOut, "description": "The body is too large."},
    422: {"model": ErrorOut, "description": "The question, history or a field is not valid."},
    503: {"model": ErrorOut, "description": "The index is still loading, or failed to load."},
}
