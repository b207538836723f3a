"""Settings: the tuning numbers nested by pipeline stage, overridable one field at a time by
keyword, by name (group.field) and by environment variable (ASSISTANT_<GROUP>__<FIELD>)."""

from __future__ import annotations

import pydantic
import pytest

from assistant.settings import GROUPS, Settings, nest, setting_names


def test_a_keyword_override_of_one_nested_field_keeps_the_others() -> None:
    default = Settings()
    settings = Settings(scope={"refusal_threshold": 0.3})
    assert settings.scope.refusal_threshold == 0.3
    assert settings.scope.coverage_threshold == default.scope.coverage_threshold
    assert settings.retrieval == default.retrieval


def test_the_environment_sets_a_nested_field_and_a_keyword_wins_over_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_SCOPE__ECHO_SIMILARITY", "0.5")
    monkeypatch.setenv("ASSISTANT_RETRIEVAL__TOP_K", "3")
    settings = Settings(scope={"refusal_threshold": 0.3}, retrieval={"top_k": 4})
    assert settings.scope.echo_similarity == 0.5 and settings.scope.refusal_threshold == 0.3
    assert settings.retrieval.top_k == 4


def test_an_old_flat_variable_of_a_nested_setting_fails_with_its_new_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_REFUSAL_THRESHOLD", "0.3")
    with pytest.raises(pydantic.ValidationError, match="ASSISTANT_SCOPE__REFUSAL_THRESHOLD"):
        Settings()


def test_an_old_flat_keyword_is_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        Settings(refusal_threshold=0.3)  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError):
        Settings(scope={"top_k": 3})


def test_updated_changes_named_settings_and_keeps_the_rest() -> None:
    base = Settings(backend="openai", generation={"llm_max_tokens": 32})
    changed = base.updated({"generation.llm_timeout_s": 5, "retrieval.top_k": 3, "port": 1})
    assert changed.generation.llm_timeout_s == 5 and changed.generation.llm_max_tokens == 32
    assert changed.retrieval.top_k == 3 and changed.port == 1 and changed.backend == "openai"
    assert base.retrieval.top_k == Settings().retrieval.top_k  # the original is unchanged
    with pytest.raises(pydantic.ValidationError):
        base.updated({"retrieval.top_k": "many"})


def test_setting_names_are_top_level_fields_and_group_dot_field() -> None:
    names = setting_names()
    assert "index_dir" in names and "scope.refusal_threshold" in names
    assert not set(GROUPS) & set(names)
    assert nest({"scope.refusal_threshold": 0.3, "backend": "openai"}) == {
        "scope": {"refusal_threshold": 0.3},
        "backend": "openai",
    }


def test_every_nested_field_has_a_description() -> None:
    for group, model in GROUPS.items():
        for name, info in model.model_fields.items():
            assert info.description, f"{group}.{name} has no description"
