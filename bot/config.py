"""config.yaml -> typed settings, validated once at load (pydantic-settings, the file as the settings source): a
wrong type, an unknown key or value, a number out of range is one error line naming the key. Relative paths are
resolved against the folder of the config file. The environment variables that override it or hold secrets are
typed settings too (`TelegramEnvironment`, `WebEnvironment`, `ConfigEnvironment`), read when they are used."""

from __future__ import annotations

import ipaddress
import os
import re
import reprlib
from contextvars import ContextVar
from dataclasses import field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BeforeValidator, Field, SecretStr, ValidationError, field_validator
from pydantic.dataclasses import dataclass
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, YamlConfigSettingsSource

from index.environment import Environment, blank_is_unset, reveal
from index.errors import ConfigError
from index.settings import STRICT, CoreConfig, CorpusConfig, IndexConfig, ModelConfig, SearchConfig

CONFIG_ENV = "INTERVIEW_QA_CONFIG"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
WEB_PORT_ENV = "INTERVIEW_QA_WEB_PORT"
DATABASE_URL_ENV = "INTERVIEW_QA_DATABASE_URL"
TCP_PORT = Field(ge=1, le=65535)


@dataclass(frozen=True, config=STRICT)
class WebhookConfig:
    url: str | None = None  # the public HTTPS URL Telegram posts to
    path: str = "telegram"
    secret_token: str | None = None  # or TELEGRAM_WEBHOOK_SECRET


@dataclass(frozen=True, config=STRICT)
class TelegramConfig:
    base_url: str | None = None  # or TELEGRAM_API_BASE_URL; the real Bot API when unset
    mode: Literal["polling", "webhook"] = "polling"
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    admins: tuple[int, ...] = ()
    questions_per_minute: int = Field(20, ge=0, le=10_000)  # per user; 0: no limit
    inline_per_minute: int = Field(30, ge=0, le=10_000)  # per user; 0: no limit
    concurrent_updates: int = Field(8, ge=1, le=1024)
    max_retries: int = Field(3, ge=0, le=20)  # for 429 and network errors, through AIORateLimiter
    results_per_page: int = Field(1, ge=1, le=10)
    read_timeout: float = Field(10.0, gt=0, le=600)

    @field_validator("admins", mode="before")
    @classmethod
    def _one_admin(cls, value: Any) -> Any:
        """`admins: 12345` means one admin."""
        return [value] if isinstance(value, int) else value


@dataclass(frozen=True, config=STRICT)
class QueryLogConfig:
    enabled: bool = False
    path: Path = Path(".cache/querylog.sqlite3")
    retention_days: int = Field(90, ge=1, le=36_500)
    salt_env: str = Field("INTERVIEW_QA_LOG_SALT", min_length=1)


@dataclass(frozen=True, config=STRICT)
class ConversationConfig:
    """Follow-up questions (index.dialogue): how long a chat's last exchanges are kept to read them with."""

    context_minutes: float = Field(10.0, ge=0, le=24 * 60)  # 0: every question is read alone


@dataclass(frozen=True, config=STRICT)
class WebConfig:
    """The web pages, the JSON API and the staff console (`interview-qa serve`)."""

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)  # or INTERVIEW_QA_WEB_PORT; 0: a free port
    public_url: str | None = None  # https://qa.example.org: the bot's 出处 and 阅读全文 buttons open the web pages
    searches_per_minute: int = Field(60, ge=0, le=100_000)  # per client address, pages and API; 0: no limit
    max_body_kb: int = Field(2048, ge=1, le=51_200)  # a request body (an uploaded text) larger than this is refused
    staff_session_hours: float = Field(12.0, gt=0, le=24 * 30)  # a staff login lasts this long
    trust_proxy: bool = False  # true behind a reverse proxy: the client address comes from X-Forwarded-For
    # the proxies whose X-Forwarded-For is believed (addresses or networks); the client is the last hop that is
    # not one of them (uvicorn's ProxyHeadersMiddleware)
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    staff_sessions: Path = Path(".cache/staff-sessions.sqlite3")  # signed-in staff sessions (signing out ends one)

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", value):
            raise ValueError("must be an http(s) URL such as https://qa.example.org")
        return value.rstrip("/") if value else value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _addresses(cls, value: Any) -> Any:
        """`trusted_proxies: 10.0.0.2` means one; each must be an IP address or network (10.0.0.0/8)."""
        values = [value] if isinstance(value, str) else value
        for item in values if isinstance(values, (list, tuple)) else ():
            try:
                ipaddress.ip_network(str(item), strict=False)
            except ValueError:
                raise ValueError(f"{short_repr(item)} is not an IP address or network") from None
        return values


@dataclass(frozen=True, config=STRICT)
class StateConfig:
    """Where the state between requests lives (bot.state): SQLite files by default; PostgreSQL for replicas."""

    url: str | None = None  # postgresql://user@host/db, or INTERVIEW_QA_DATABASE_URL; null: the SQLite files
    path: Path = Path(".cache/state.sqlite3")  # SQLite: the answer keys behind buttons, limits, follow-up context
    answer_hours: float = Field(48.0, gt=0, le=24 * 365)  # the buttons under an answer work this long
    reload_check_seconds: float = Field(2.0, gt=0, le=3600)  # how often a replica looks for a reload made elsewhere
    pool_size: int = Field(10, ge=1, le=200)  # PostgreSQL connections per process

    @field_validator("url")
    @classmethod
    def _postgresql(cls, value: str | None) -> str | None:
        return check_database_url(value)


def check_database_url(value: str | None) -> str | None:
    """A PostgreSQL URL (postgresql:// or postgres://), or None; never echoes the URL (it may hold a password)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not re.match(r"postgres(ql)?://", value):
        raise ValueError("must be a PostgreSQL URL such as postgresql://user@host:5432/dbname")
    return value


@dataclass(frozen=True, config=STRICT)
class AppConfig:
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    query_log: QueryLogConfig = field(default_factory=QueryLogConfig)
    web: WebConfig = field(default_factory=WebConfig)
    state: StateConfig = field(default_factory=StateConfig)
    conversation: ConversationConfig = field(default_factory=ConversationConfig)
    source: Path | None = None  # the file these settings came from

    @property
    def core(self) -> CoreConfig:
        return CoreConfig(self.corpus, self.model, self.index, self.search)

    @property
    def telegram_base_url(self) -> str | None:
        """TELEGRAM_API_BASE_URL, else telegram.base_url."""
        return TelegramEnvironment.read().api_base_url or self.telegram.base_url

    @property
    def database_url(self) -> str | None:
        """INTERVIEW_QA_DATABASE_URL, else state.url: the PostgreSQL state of replicas (None: SQLite files)."""
        return reveal(StateEnvironment.read().database_url) or self.state.url

    @property
    def web_port(self) -> int:
        """INTERVIEW_QA_WEB_PORT (0: a free port), else web.port."""
        port = WebEnvironment.read().port
        return self.web.port if port is None else port


# -- the environment -------------------------------------------------------------------------------------------------
def _port(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if not value.isdigit() or int(value) > 65535:
            raise ValueError("must be a port number from 0 to 65535")
        return int(value)
    return value


class TelegramEnvironment(Environment):
    """The bot's token (only ever from here), and the overrides of telegram.base_url and the webhook secret."""

    token: Annotated[SecretStr | None, BeforeValidator(blank_is_unset)] = Field(None, validation_alias=TOKEN_ENV)
    api_base_url: str | None = Field(None, validation_alias="TELEGRAM_API_BASE_URL")
    webhook_secret: SecretStr | None = Field(None, validation_alias="TELEGRAM_WEBHOOK_SECRET")


class WebEnvironment(Environment):
    port: Annotated[int | None, BeforeValidator(_port)] = Field(None, validation_alias=WEB_PORT_ENV)


def _database_url(value: Any) -> Any:
    if isinstance(value, str):
        return SecretStr(checked) if (checked := check_database_url(value)) else None
    return value


class StateEnvironment(Environment):
    """The state database's URL (it may hold a password: a secret, never shown)."""

    database_url: Annotated[SecretStr | None, BeforeValidator(_database_url)] = Field(
        None, validation_alias=DATABASE_URL_ENV)


class ConfigEnvironment(Environment):
    config: Path | None = Field(None, validation_alias=CONFIG_ENV)


# -- the file --------------------------------------------------------------------------------------------------------
RETIRED = {  # keys that are gone, and what to do instead
    ("telegram", "webhook", "listen"): "the web server receives the webhook: set web.host",
    ("telegram", "webhook", "port"): "the web server receives the webhook: set web.port",
}
PATH_KEYS = (("corpus", "dir"), ("index", "dir"), ("model", "cache_dir"), ("query_log", "path"),
             ("web", "staff_sessions"), ("state", "path"))


class ConfigFile(YamlConfigSettingsSource):
    """config.yaml as a settings source: bad YAML, a top level that is not a mapping or a retired key is one line
    naming the file; an empty section means its defaults; `~` in a path setting means the home folder."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        self.path = path
        super().__init__(settings_cls, yaml_file=path, yaml_file_encoding="utf-8")

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        try:
            raw = super()._read_file(file_path)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise ConfigError(f"{self.path}: not valid YAML: {error}") from None
        if not isinstance(raw, dict):
            raise ConfigError(f"{self.path}: the top level must be a mapping of sections")
        for keys, instead in RETIRED.items():
            section = raw
            for key in keys[:-1]:
                section = section.get(key) if isinstance(section, dict) else None
            if isinstance(section, dict) and keys[-1] in section:
                raise ConfigError(f"{self.path}: `{'.'.join(keys)}` is gone ({instead}); remove it")
        return _expand_user({key: value for key, value in raw.items() if value is not None})


class FileSettings(BaseSettings):
    """The sections of config.yaml; `read(path)` validates the file once."""

    model_config = SettingsConfigDict(extra="forbid", case_sensitive=True)

    corpus: CorpusConfig = Field(default_factory=CorpusConfig)
    model: ModelConfig = Field(default_factory=ModelConfig)
    index: IndexConfig = Field(default_factory=IndexConfig)
    search: SearchConfig = Field(default_factory=SearchConfig)
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    query_log: QueryLogConfig = Field(default_factory=QueryLogConfig)
    web: WebConfig = Field(default_factory=WebConfig)
    state: StateConfig = Field(default_factory=StateConfig)
    conversation: ConversationConfig = Field(default_factory=ConversationConfig)

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        # the file being read (else only the values given), and never environment variables named like a
        # section (a `WEB` or `INDEX` in the shell)
        path = _READING.get()
        return (init_settings,) if path is None else (ConfigFile(settings_cls, path),)

    @classmethod
    def read(cls, path: Path) -> FileSettings:
        reading = _READING.set(path)
        try:
            return cls()
        finally:
            _READING.reset(reading)


_READING: ContextVar[Path | None] = ContextVar("the config file being read", default=None)


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """`--config`, else `$INTERVIEW_QA_CONFIG`, else `./config.yaml` if it exists, else None (the defaults)."""
    if explicit:
        return Path(explicit)
    named = ConfigEnvironment.read().config
    if named is not None:
        return named
    local = Path("config.yaml")
    return local if local.exists() else None


def load_config(explicit: str | os.PathLike[str] | None = None) -> AppConfig:
    path = config_path(explicit)
    if path is None:
        return _resolve(AppConfig(), Path.cwd())
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        settings = FileSettings.read(path)
    except ValidationError as error:
        raise ConfigError(f"{path}: {describe(error)}") from None
    config = AppConfig(**{name: getattr(settings, name) for name in FileSettings.model_fields})
    return _resolve(config, path.resolve().parent, source=path)


SECRET_KEYS = frozenset({"state.url"})  # a database URL may hold a password: an error never shows it


def describe(error: ValidationError) -> str:
    """The first problem of a validation error, as `section.key: what is wrong (got value)`."""
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"unknown key `{key}`"
    shown = not isinstance(first.get("input"), dict) and key not in SECRET_KEYS
    got = f" (got {short_repr(first['input'])})" if shown else ""
    more = f"; and {len(error.errors()) - 1} more problem(s)" if len(error.errors()) > 1 else ""
    return f"`{key}`: {first['msg']}{got}{more}"


def _bounded_repr() -> reprlib.Repr:
    shown = reprlib.Repr()
    shown.maxlevel, shown.maxlist, shown.maxtuple, shown.maxdict, shown.maxset = 3, 4, 4, 4, 4
    shown.maxstring = shown.maxother = 40
    return shown


_SHOWN = _bounded_repr()
MAX_SHOWN_CHARS = 80


def short_repr(value: object) -> str:
    """A value as an error may show it: a few items of a few levels, at most MAX_SHOWN_CHARS characters (a YAML
    alias bomb expands to millions of items, and the whole repr took 45 s and 2 GB)."""
    text = _SHOWN.repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def _expand_user(raw: dict[str, Any]) -> dict[str, Any]:
    """`~` in the path settings means the home folder."""
    out = {section: dict(values) if isinstance(values, dict) else values for section, values in raw.items()}
    for section, key in PATH_KEYS:
        values = out.get(section)
        if isinstance(values, dict) and isinstance(values.get(key), str):
            values[key] = os.path.expanduser(values[key])
    return out


def _resolve(config: AppConfig, base: Path, source: Path | None = None) -> AppConfig:
    """Relative paths in the config point next to the config file, not to wherever the command runs."""

    def absolute(path: Path) -> Path:
        return path if path.is_absolute() else (base / path)

    return replace(
        config,
        corpus=replace(config.corpus, dir=absolute(config.corpus.dir)),
        index=replace(config.index, dir=absolute(config.index.dir)),
        model=replace(config.model, cache_dir=absolute(config.model.cache_dir)),
        query_log=replace(config.query_log, path=absolute(config.query_log.path)),
        web=replace(config.web, staff_sessions=absolute(config.web.staff_sessions)),
        state=replace(config.state, path=absolute(config.state.path)),
        source=source,
    )
