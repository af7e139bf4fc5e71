"""config.yaml -> typed settings, validated once at load (pydantic): a wrong type, an unknown key or value, a number
out of range is one error line naming the key. Relative paths are resolved against the folder of the config file."""

from __future__ import annotations

import os
import re
import reprlib
from dataclasses import field, replace
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, TypeAdapter, ValidationError, field_validator
from pydantic.dataclasses import dataclass

from index.errors import ConfigError
from index.settings import STRICT, CoreConfig, CorpusConfig, IndexConfig, ModelConfig, SearchConfig

CONFIG_ENV = "INTERVIEW_QA_CONFIG"
WEB_PORT_ENV = "INTERVIEW_QA_WEB_PORT"
TCP_PORT = Field(ge=1, le=65535)


@dataclass(frozen=True, config=STRICT)
class WebhookConfig:
    listen: str = "127.0.0.1"
    port: int = Field(8443, ge=1, le=65535)
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
    trust_proxy: bool = False  # true behind a reverse proxy: the client address is the last X-Forwarded-For hop
    staff_sessions: Path = Path(".cache/staff-sessions.sqlite3")  # signed-in staff sessions (signing out ends one)

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", value):
            raise ValueError("must be an http(s) URL such as https://qa.example.org")
        return value.rstrip("/") if value else value


@dataclass(frozen=True, config=STRICT)
class AppConfig:
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    query_log: QueryLogConfig = field(default_factory=QueryLogConfig)
    web: WebConfig = field(default_factory=WebConfig)
    conversation: ConversationConfig = field(default_factory=ConversationConfig)
    source: Path | None = None  # the file these settings came from

    @property
    def core(self) -> CoreConfig:
        return CoreConfig(self.corpus, self.model, self.index, self.search)

    @property
    def telegram_base_url(self) -> str | None:
        return os.environ.get("TELEGRAM_API_BASE_URL") or self.telegram.base_url

    @property
    def web_port(self) -> int:
        """INTERVIEW_QA_WEB_PORT (0: a free port), else web.port."""
        value = os.environ.get(WEB_PORT_ENV, "").strip()
        if not value:
            return self.web.port
        if not value.isdigit() or int(value) > 65535:
            raise ConfigError(f"{WEB_PORT_ENV} must be a port number from 0 to 65535, not {value!r}")
        return int(value)


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """`--config`, else `$INTERVIEW_QA_CONFIG`, else `./config.yaml` if it exists, else None (the defaults)."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path("config.yaml")
    return local if local.exists() else None


def load_config(explicit: str | os.PathLike[str] | None = None) -> AppConfig:
    path = config_path(explicit)
    if path is None:
        return _resolve(AppConfig(), Path.cwd())
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of sections")
    if "source" in raw:
        raise ConfigError(f"{path}: unknown key `source`")
    raw = {key: value for key, value in raw.items() if value is not None}  # an empty section: its defaults
    try:
        config = TypeAdapter(AppConfig).validate_python(_expand_user(raw))
    except ValidationError as error:
        raise ConfigError(f"{path}: {describe(error)}") from None
    return _resolve(config, path.resolve().parent, source=path)


def describe(error: ValidationError) -> str:
    """The first problem of a validation error, as `section.key: what is wrong (got value)`."""
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"unknown key `{key}`"
    got = f" (got {short_repr(first['input'])})" if not isinstance(first.get("input"), dict) else ""
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
    for section, key in (("corpus", "dir"), ("index", "dir"), ("model", "cache_dir"), ("query_log", "path"),
                         ("web", "staff_sessions")):
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
        source=source,
    )
