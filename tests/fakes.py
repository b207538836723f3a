"""The test suite's one set of fakes: a deterministic embedder, a counting wrapper, a tiny
guide, and a FakeAssistant for the interfaces.

- ``HashEmbedder`` implements ``assistant.embeddings.Embedder`` with no model: a text is the bag
  of its content words, each hashed (md5, so the same in every process) into one of 384
  dimensions, L2-normalised. Cosine is word overlap, which is all retrieval needs on a guide
  written for the test.
- ``VocabularyEmbedder`` counts five words, for cosines worked out by hand (the metrics' tests).
- ``CountingEmbedder`` wraps any embedder and counts (and can fail) its calls.
- ``TINY_GUIDE`` is a guide of a few sections, in the real guide's words, for the fast tier: it
  runs ingest -> ask -> HTTP server in seconds (tests/test_fast_pipeline.py).
- ``FakeAssistant`` has the Assistant's interface with no index at all, for tests of the server,
  the chat page and the widget; it checks questions with the real ``assistant.validation``.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from assistant import phrases
from assistant.embeddings import Embedder
from assistant.schema import Answer, Delta, Final, Section, Source, StreamEvent
from assistant.settings import Settings
from assistant.text import tokenize
from assistant.validation import clean_history, clean_question

DIMENSIONS = 384  # all-MiniLM-L6-v2's


class HashEmbedder:
    """A deterministic embedder: a bag of hashed content words, so cosine = word overlap."""

    name = "hash-words-384"

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in tokenize(text):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSIONS] += 1.0
            out[i] /= np.linalg.norm(out[i]) or 1.0
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class VocabularyEmbedder:
    """Embeds a text as counts of a tiny vocabulary (other words count for nothing), so the
    cosines a metric test expects can be worked out by hand."""

    name = "vocabulary"
    VOCAB = ("cat", "dog", "fish", "engineers", "earn")

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.array([[t.lower().split().count(w) for w in self.VOCAB] for t in texts], float)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class CountingEmbedder:
    """Any embedder, counting its calls; after `fail_after` calls it raises, like a crash
    in the middle of a build."""

    def __init__(self, inner: Embedder, fail_after: int | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0
        self.fail_after = fail_after

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("simulated crash in the middle of a build")
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


#: A guide of five sections, its lines taken from the real guide.
TINY_GUIDE = """\
# What Is an MLOps Engineer?

An MLOps Engineer builds and maintains the infrastructure that allows machine learning models to \
run reliably in production.

# MLOps Engineer Tools & Technologies

## Model Serving:

- Triton Inference Server: High-performance GPU inference.
- Seldon Core: ML deployment on Kubernetes.
- BentoML: Framework-agnostic model serving.

# MLOps Engineer Certifications

## Infrastructure certifications:

- Certified Kubernetes Administrator (CKA) ($395): Essential for Kubernetes-based ML platforms.
- HashiCorp Terraform Associate ($70): Infrastructure as code certification.

# Key Takeaways

- MLOps Engineers earn $120,000-$185,000 depending on experience and company.
"""


def write_tiny_guide(folder: Path) -> Path:
    """A corpus folder holding only the tiny guide."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny-guide.md").write_text(TINY_GUIDE, encoding="utf-8")
    return folder


# ---- FakeAssistant ----------------------------------------------------------------------------
FAKE_GUIDE_VERSION = "fake0000cafe"
FAKE_SECTIONS = (
    Section(
        id="mlops-engineer-certifications/cloud-ml-certifications",
        path=("MLOps Engineer Certifications", "Cloud ML certifications"),
        text="Cloud ML certifications:\n- AWS Certified Machine Learning - Specialty",
        source="guide.md",
        order=0,
    ),
    Section(
        id="model-serving",
        path=("MLOps Engineer Tools & Technologies", "Model Serving"),
        text="Model Serving:\n- Seldon Core and KServe for Kubernetes-native serving",
        source="guide.md",
        order=1,
    ),
)


class FakeAssistant:
    """A deterministic Assistant with the real one's interface: no model, no index.

    A question mentioning "certif" is answered from the first section, "serv" from the second;
    anything else is refused. Answers stream word by word, `delay` seconds apart.
    """

    def __init__(self, settings: Settings, delay: float = 0.0) -> None:
        self.settings = settings
        self.delay = delay
        self.guide_version = FAKE_GUIDE_VERSION
        self.calls: list[tuple[str, Any]] = []

    def sections(self) -> list[Section]:
        return list(FAKE_SECTIONS)

    def ask(self, question: Any, history: Any = None) -> Answer:
        q = clean_question(question, self.settings)
        clean_history(history, self.settings)
        self.calls.append((q, history))
        lowered = q.lower()
        if "certif" in lowered:
            section, quote = FAKE_SECTIONS[0], "AWS Certified Machine Learning - Specialty"
        elif "serv" in lowered:
            quote = "Seldon Core and KServe for Kubernetes-native serving"
            section = FAKE_SECTIONS[1]
        else:
            nearest = [s.heading for s in FAKE_SECTIONS]
            text = f"{phrases.NOT_COVERED} " + phrases.NEAREST_SECTIONS.format(
                sections="; ".join(nearest)
            )
            return Answer(q, text, True, [], self.guide_version, nearest_sections=nearest)
        source = Source(1, section.id, section.heading, quote, 0.9)
        return Answer(
            q, f"The guide says: {quote} [1]", False, [source], self.guide_version, latency_ms=1.0
        )

    def stream(self, question: Any, history: Any = None) -> Iterator[StreamEvent]:
        answer = self.ask(question, history)
        for piece in re.findall(r"\S+\s*", answer.text):
            if self.delay:
                time.sleep(self.delay)
            yield Delta("delta", piece)
        yield Final("answer", answer)
