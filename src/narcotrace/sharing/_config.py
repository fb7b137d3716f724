"""Collaboration config files (YAML): who shares with whom, with which secret, and the safety valves.

    name: pharma-coalition          # collaboration name, used in URLs (/v1/share/<name>/...)
    org: acme                       # the organisation of THIS service that takes part
    enabled: true                   # false: no feed served, nothing fetched, no matches acted on
    secret_file: /etc/narcotrace/coalition.secret   # or secret_env: COALITION_SECRET (>= 32 bytes)
    min_score: 0.9                  # unreviewed items at or above this score are shared as investigation seeds
    flood_share: 0.01               # a signal matching more than this share of our items is quarantined...
    flood_min_items: 20             # ...once it matches more than this many (small stores are not "flooded" by 2)
    share_text: true                # share keyed fingerprints of offer texts
    members:
      - name: beta
        url: https://narcotrace.beta.example
        api_key_file: /etc/narcotrace/beta.key    # or api_key_env: BETA_KEY: a "partner" key of beta's service
        key_prefix: nt_AbCdEfGh                   # optional: prefix of the partner key WE gave beta

A wrong file stops the program with the file, the field and a fix (never a silent default for a secret).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from narcotrace._exceptions import InputError

__all__ = ["Collaboration", "CollaborationDisabled", "ConfigError", "Member", "load_collaboration",
           "parse_collaboration"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_KEYS = {"name", "org", "enabled", "secret_file", "secret_env", "min_score", "flood_share", "flood_min_items",
         "share_text", "members"}
_MEMBER_KEYS = {"name", "url", "api_key_file", "api_key_env", "key_prefix"}
MIN_SECRET = 32


class ConfigError(InputError):
    """A collaboration config is invalid: the message names the file and the field."""


class CollaborationDisabled(InputError):
    """The collaboration is switched off in its config (`enabled: false`): nothing is served or fetched."""


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    url: str
    api_key: str = ""  # empty when this side never calls the member (only serves it)
    # prefix of the "partner" key WE issued to this member (e.g. nt_AbCdEfG): names it in received opinions
    key_prefix: str = ""

    def __repr__(self) -> str:  # never print a key
        return f"Member(name={self.name!r}, url={self.url!r})"


@dataclass(frozen=True, slots=True)
class Collaboration:
    name: str
    org: str
    secret: bytes
    members: tuple[Member, ...]
    enabled: bool = True
    min_score: float = 0.9
    flood_share: float = 0.01
    flood_min_items: int = 20
    share_text: bool = True

    def __repr__(self) -> str:
        return f"Collaboration(name={self.name!r}, org={self.org!r}, members={list(self.members)!r})"

    def member(self, name: str) -> Member:
        for m in self.members:
            if m.name == name:
                return m
        raise ConfigError(f"collaboration {self.name!r} has no member {name!r}")


def _read_secret(where: str, field: str, raw: Any, env: Mapping[str, str], base: Path | None) -> bytes:
    if not isinstance(raw, str) or not raw:
        raise ConfigError(f"{where}: field '{field}' must be a non-empty string")
    if field.endswith("_env"):
        if raw not in env:
            raise ConfigError(f"{where}: field '{field}': environment variable {raw} is not set")
        return env[raw].strip().encode()
    path = Path(raw)
    if base is not None and not path.is_absolute():
        path = base / path
    try:
        return path.read_bytes().strip()
    except OSError as exc:
        raise ConfigError(f"{where}: field '{field}': cannot read {path}: {exc.strerror}") from exc


def parse_collaboration(data: Any, where: str = "collaboration", env: Mapping[str, str] | None = None,
                        base: Path | None = None) -> Collaboration:
    """Validate a parsed config; every error names `where` and the field, with a fix."""
    env = os.environ if env is None else env
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping with name, org, secret_file|secret_env, members")
    unknown = sorted(set(map(str, data)) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
    for key in ("name", "org", "members"):
        if key not in data:
            raise ConfigError(f"{where}: missing required field '{key}'")
    name = data["name"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}: field 'name' must be lower-case letters, digits, '-' or '_' (got {name!r})")
    if not isinstance(data["org"], str) or not data["org"].strip():
        raise ConfigError(f"{where}: field 'org' must name an organisation of this service")
    has_file, has_env = "secret_file" in data, "secret_env" in data
    if has_file == has_env:
        raise ConfigError(f"{where}: give exactly one of 'secret_file' or 'secret_env' for the shared secret")
    field = "secret_file" if has_file else "secret_env"
    secret = _read_secret(where, field, data[field], env, base)
    if len(secret) < MIN_SECRET:
        raise ConfigError(f"{where}: field '{field}': the shared secret has {len(secret)} bytes, needs at least "
                          f"{MIN_SECRET}; make one with `python -c 'import secrets; print(secrets.token_hex(32))'`")

    def number(key: str, default: float, lo: float, hi: float, integer: bool = False) -> Any:
        v = data.get(key, default)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)):
            raise ConfigError(f"{where}: field '{key}' must be a {'whole ' if integer else ''}number (got {v!r})")
        if not lo <= v <= hi:
            raise ConfigError(f"{where}: field '{key}' must be between {lo} and {hi} (got {v!r})")
        return v

    def flag(key: str) -> bool:
        v = data.get(key, True)
        if not isinstance(v, bool):
            raise ConfigError(f"{where}: field '{key}' must be true or false (got {v!r})")
        return v

    members_raw = data["members"]
    if not isinstance(members_raw, list) or not members_raw:
        raise ConfigError(f"{where}: field 'members' must be a non-empty list of "
                          "{name, url, api_key_file|api_key_env}")
    members: list[Member] = []
    for i, m in enumerate(members_raw):
        mw = f"{where}: members[{i}]"
        if not isinstance(m, dict):
            raise ConfigError(f"{mw}: expected a mapping with name and url")
        unknown = sorted(set(map(str, m)) - _MEMBER_KEYS)
        if unknown:
            raise ConfigError(f"{mw}: unknown field(s) {', '.join(unknown)}; "
                              f"allowed: {', '.join(sorted(_MEMBER_KEYS))}")
        mname, url = m.get("name"), m.get("url")
        if not isinstance(mname, str) or not _NAME.match(mname):
            raise ConfigError(f"{mw}: field 'name' must be lower-case letters, digits, '-' or '_' (got {mname!r})")
        if any(x.name == mname for x in members):
            raise ConfigError(f"{mw}: member name {mname!r} appears twice")
        if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url):
            raise ConfigError(f"{mw}: field 'url' must be an http(s) URL of the member's narcotrace service")
        if "api_key_file" in m and "api_key_env" in m:
            raise ConfigError(f"{mw}: give at most one of 'api_key_file' or 'api_key_env'")
        key = ""
        for kf in ("api_key_file", "api_key_env"):
            if kf in m:
                key = _read_secret(mw, kf, m[kf], env, base).decode()
        prefix = m.get("key_prefix", "")
        if not isinstance(prefix, str) or (prefix and not re.match(r"^nt_[A-Za-z0-9_-]{1,13}$", prefix)):
            raise ConfigError(f"{mw}: field 'key_prefix' must be a key prefix as `narcotrace admin create-key` "
                              f"prints it (nt_...), got {prefix!r}")
        members.append(Member(mname, url.rstrip("/"), key, prefix))
    return Collaboration(
        name=name, org=data["org"].strip(), secret=secret, members=tuple(members), enabled=flag("enabled"),
        min_score=float(number("min_score", 0.9, 0.0, 1.0)), flood_share=float(number("flood_share", 0.01, 0.0, 1.0)),
        flood_min_items=int(number("flood_min_items", 20, 0, 10**9, integer=True)), share_text=flag("share_text"),
    )


def load_collaboration(path: str | Path, env: Mapping[str, str] | None = None) -> Collaboration:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read collaboration config {p}: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{p}:{line} not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    return parse_collaboration(data, str(p), env, p.parent)
