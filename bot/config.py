"""config.yaml -> typed settings. Relative paths are resolved against the folder of the config file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, get_type_hints

import yaml

from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig, SearchConfig
from index.errors import ConfigError

CONFIG_ENV = "INTERVIEW_QA_CONFIG"


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    listen: str = "127.0.0.1"
    port: int = 8443
    url: str | None = None  # the public HTTPS URL Telegram posts to
    path: str = "telegram"
    secret_token: str | None = None  # or TELEGRAM_WEBHOOK_SECRET


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    base_url: str | None = None  # or TELEGRAM_API_BASE_URL; the real Bot API when unset
    mode: str = "polling"  # polling | webhook
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    admins: tuple[int, ...] = ()
    questions_per_minute: int = 20  # per user
    inline_per_minute: int = 30  # per user
    concurrent_updates: int = 8
    max_retries: int = 3  # for 429 and network errors, through AIORateLimiter
    results_per_page: int = 1
    read_timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class QueryLogConfig:
    enabled: bool = False
    path: Path = Path(".cache/querylog.sqlite3")
    retention_days: int = 90
    salt_env: str = "INTERVIEW_QA_LOG_SALT"


@dataclass(frozen=True, slots=True)
class AppConfig:
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    query_log: QueryLogConfig = field(default_factory=QueryLogConfig)
    source: Path | None = None  # the file these settings came from

    @property
    def core(self) -> CoreConfig:
        return CoreConfig(self.corpus, self.model, self.index, self.search)

    @property
    def telegram_base_url(self) -> str | None:
        return os.environ.get("TELEGRAM_API_BASE_URL") or self.telegram.base_url


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
    config = _build(AppConfig, raw, str(path))
    return _resolve(config, path.resolve().parent, source=path)


def _build(cls: type, raw: dict[str, Any], where: str) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)} - {"source"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; known: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        kind = hints[name]
        if is_dataclass(kind):
            if value is None:
                continue
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: `{name}` must be a section (a mapping)")
            values[name] = _build(kind, value, f"{where}: {name}")
        else:
            values[name] = _coerce(value, kind, f"{where}: {name}")
    return cls(**values)


def _coerce(value: Any, kind: Any, where: str) -> Any:
    text = str(kind)
    if value is None:
        if "None" in text:
            return None
        raise ConfigError(f"{where} must not be empty")
    try:
        if "Path" in text:
            return Path(os.path.expanduser(str(value)))
        if "tuple[int" in text:
            items = value if isinstance(value, list) else [value]
            return tuple(int(v) for v in items)
        if kind is bool or text == "bool":
            if not isinstance(value, bool):
                raise ValueError("use true or false")
            return value
        if "int" in text and "float" not in text and "str" not in text:
            return int(value)
        if "float" in text:
            return float(value)
        return str(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{where}: {value!r} is not valid ({error})") from None


def _resolve(config: AppConfig, base: Path, source: Path | None = None) -> AppConfig:
    """Relative paths in the config point next to the config file, not to wherever the command runs."""

    def absolute(path: Path) -> Path:
        return path if path.is_absolute() else (base / path)

    from dataclasses import replace

    return replace(
        config,
        corpus=replace(config.corpus, dir=absolute(config.corpus.dir)),
        index=replace(config.index, dir=absolute(config.index.dir)),
        model=replace(config.model, cache_dir=absolute(config.model.cache_dir)),
        query_log=replace(config.query_log, path=absolute(config.query_log.path)),
        source=source,
    )
