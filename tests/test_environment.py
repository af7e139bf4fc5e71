"""Settings from the environment (pydantic-settings) and the keys config.yaml no longer has: each variable keeps its
name and meaning, is read when used, a wrong value is one line naming it, and a secret never shows."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BeforeValidator, Field, SecretStr

from bot.config import AppConfig, TelegramEnvironment, WebConfig, load_config
from index.environment import Environment
from index.errors import ConfigError

TOKEN = "123456:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ"


@pytest.mark.parametrize("key, instead", [("listen", "web.host"), ("port", "web.port")])
def test_the_retired_webhook_keys_are_refused_saying_what_replaces_them(tmp_path: Path, key: str,
                                                                        instead: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"telegram:\n  webhook:\n    {key}: 8443\n    url: https://bot.example.org/telegram\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: `telegram.webhook.{key}` is gone") and instead in message
    assert "\n" not in message


def test_the_webhook_settings_that_remain_still_load(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("telegram: {mode: webhook, webhook: {url: 'https://bot.example.org/t', path: t}}\n",
                    encoding="utf-8")
    webhook = load_config(path).telegram.webhook
    assert (webhook.url, webhook.path, webhook.secret_token) == ("https://bot.example.org/t", "t", None)


def test_the_token_is_read_stripped_and_never_shown(monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", f"  {TOKEN}\n")
    env = TelegramEnvironment.read()
    assert env.token is not None and env.token.get_secret_value() == TOKEN
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("environment: %s %r", env, env)
    assert TOKEN not in repr(env) and TOKEN not in str(env) and TOKEN not in caplog.text
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "   ")
    assert TelegramEnvironment.read().token is None  # blank: unset (serve runs the web only)


def test_overrides_are_read_when_used_and_an_empty_one_means_the_config(monkeypatch: pytest.MonkeyPatch) -> None:
    config = AppConfig(web=WebConfig(port=8090))
    assert config.web_port == 8090 and config.telegram_base_url is None
    monkeypatch.setenv("INTERVIEW_QA_WEB_PORT", " 0 ")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")
    assert config.web_port == 0 and config.telegram_base_url == "http://127.0.0.1:9/bot"
    monkeypatch.setenv("INTERVIEW_QA_WEB_PORT", "")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "")
    assert config.web_port == 8090 and config.telegram_base_url is None


@pytest.mark.parametrize("value", ["70000", "-1", "80.5", "eighty"])
def test_a_wrong_port_variable_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("INTERVIEW_QA_WEB_PORT", value)
    with pytest.raises(ConfigError) as caught:
        AppConfig().web_port  # noqa: B018 - read when the server binds
    assert str(caught.value) == f"INTERVIEW_QA_WEB_PORT must be a port number from 0 to 65535, not {value!r}"
    assert load_config().web.port == 8080  # the other commands never read it


def test_a_wrong_secret_is_named_without_its_value() -> None:
    def four_digits(value: Any) -> Any:
        if not (isinstance(value, str) and value.isdigit() and len(value) == 4):
            raise ValueError("must be 4 digits")
        return value

    class PinEnvironment(Environment):
        pin: Annotated[SecretStr | None, BeforeValidator(four_digits)] = Field(None, validation_alias="TEST_PIN")

    with pytest.raises(ConfigError) as caught:
        PinEnvironment.read({"TEST_PIN": "hunter2-secret"})
    assert str(caught.value) == "TEST_PIN must be 4 digits"
    assert PinEnvironment.read({"TEST_PIN": "1234"}).pin == SecretStr("1234")


def test_the_config_file_comes_from_the_variable_else_from_here(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    named = tmp_path / "elsewhere.yaml"
    named.write_text("search: {top_k: 7}\n", encoding="utf-8")
    (tmp_path / "config.yaml").write_text("search: {top_k: 5}\n", encoding="utf-8")
    assert load_config().search.top_k == 5
    monkeypatch.setenv("INTERVIEW_QA_CONFIG", str(named))
    assert load_config().search.top_k == 7 and load_config().source == named
    monkeypatch.setenv("INTERVIEW_QA_CONFIG", str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match="config file not found: .*missing.yaml"):
        load_config()


def test_variables_named_like_sections_do_not_change_the_config(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.yaml").write_text("search: {top_k: 5}\n", encoding="utf-8")
    for name in ("search", "SEARCH", "web", "WEB"):
        monkeypatch.setenv(name, '{"top_k": 9, "port": 1}')
    config = load_config()
    assert config.search.top_k == 5 and config.web.port == 8080


def test_a_config_section_in_another_case_is_an_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("Search: {top_k: 5}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key `Search`"):
        load_config(path)


def test_the_cache_folder_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from index.settings import default_cache_dir

    monkeypatch.setenv("INTERVIEW_QA_CACHE", "~/iqa-cache")
    assert default_cache_dir() == Path.home() / "iqa-cache"
    monkeypatch.setenv("INTERVIEW_QA_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "interview-qa"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "interview-qa"


@pytest.mark.parametrize("hub, transformers, offline", [("1", None, True), (" On ", None, True), ("0", None, False),
                                                         ("maybe", None, False), (None, "yes", True),
                                                         ("", "TRUE", True), (None, None, False)])
def test_the_hub_switches_are_read_as_the_hub_libraries_read_them(monkeypatch: pytest.MonkeyPatch, hub: str | None,
                                                                  transformers: str | None, offline: bool) -> None:
    from index.embedding.identity import hub_endpoint, hub_offline

    for name, value in (("HF_HUB_OFFLINE", hub), ("TRANSFORMERS_OFFLINE", transformers)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert hub_offline() is offline
    monkeypatch.setenv("HF_ENDPOINT", " http://127.0.0.1:9 ")
    assert hub_endpoint() == "http://127.0.0.1:9"
    monkeypatch.setenv("HF_ENDPOINT", "")
    assert hub_endpoint() == "https://huggingface.co"


def test_the_staff_secret_from_the_environment_or_a_given_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.web.security import staff_token

    secret = "a-staff-secret-of-16+"
    assert staff_token({"INTERVIEW_QA_STAFF_TOKEN": f" {secret} "}) == secret
    assert staff_token({"INTERVIEW_QA_STAFF_TOKEN": "too-short"}) is None and staff_token({}) is None
    monkeypatch.setenv("INTERVIEW_QA_STAFF_TOKEN", secret)
    assert staff_token() == secret
