"""Environment variables as typed settings (pydantic-settings). Each subclass names its variables (the field's
alias, case-sensitive) and reads them when `read()` is called, so a variable set after start-up is seen; an empty
variable counts as unset. A wrong value is one `ConfigError` line naming the variable; a secret's value
(`SecretStr`) is never shown, and never printed by the settings' repr either."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, Self

from pydantic import SecretStr, ValidationError
from pydantic_settings import BaseSettings, InitSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from index.errors import ConfigError


class Environment(BaseSettings):
    """The base: variables read from the process environment (or from a given mapping, for tests)."""

    model_config = SettingsConfigDict(case_sensitive=True, env_ignore_empty=True, extra="ignore", frozen=True)

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        given = _GIVEN.get()
        if given is None:
            return (env_settings,)  # the environment only: no .env file, no secrets folder
        return (InitSettingsSource(settings_cls, {name: value for name, value in given.items() if value != ""}),)

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Self:
        """The variables of the process environment, validated (or those of `environ`, a mapping given by a test
        or a caller that has its own)."""
        given = _GIVEN.set(environ)
        try:
            return cls()
        except ValidationError as error:
            raise ConfigError(describe_variable(cls, error)) from None
        finally:
            _GIVEN.reset(given)


_GIVEN: ContextVar[Mapping[str, str] | None] = ContextVar("the environment given to read()", default=None)


def describe_variable(settings: type[BaseSettings], error: ValidationError) -> str:
    """The first problem as `NAME must be …, not 'value'` (the value left out for a secret)."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "(environment)"
    reason = str(first["ctx"]["error"]) if first["type"] == "value_error" and "ctx" in first else first["msg"]
    secret = any(field.validation_alias == name and _is_secret(field.annotation)
                 for field in settings.model_fields.values())
    shown = "" if secret else f", not {_short(first.get('input'))}"
    return f"{name} {reason}{shown}"


def _is_secret(annotation: Any) -> bool:
    return annotation is SecretStr or SecretStr in getattr(annotation, "__args__", ())


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def blank_is_unset(value: Any) -> Any:
    """A value of only spaces counts as unset; others are stripped."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def reveal(secret: SecretStr | None) -> str | None:
    """A secret's text, for the one place that uses it (never for a log line)."""
    return None if secret is None else secret.get_secret_value()
