"""Pydantic models of the HTTP edge: what requests may contain and what responses look like (OpenAPI is built from them).

Field limits mirror the store's columns so that anything accepted here can be stored on SQLite and PostgreSQL
alike; a NUL character or a lone surrogate is refused here (PostgreSQL cannot store either) with a 422 naming
the field, instead of failing later as a server error.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

from narcotrace.items import KINDS, Item
from narcotrace.policy import ACTIONS
from narcotrace.store import ROLES

__all__ = [
    "AppealIn", "DecisionIn", "ItemIn", "ItemsIn", "KeyIn", "ScanOut",
]


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode (no lone surrogates)") from exc
    return value


Text = Annotated[StrictStr, AfterValidator(_storable)]


def _short(n: int) -> Any:
    return Annotated[StrictStr, Field(max_length=n), AfterValidator(_storable)]


class ItemIn(BaseModel):
    """One item, as in the JSONL contract (docs/DESIGN.md). Unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    text: Text
    id: Annotated[StrictStr, Field(max_length=256), AfterValidator(_storable)] | StrictInt | None = None
    kind: Literal[KINDS] | None = None  # type: ignore[valid-type]
    lang: _short(40) | None = None  # type: ignore[valid-type]
    author: _short(512) | None = None  # type: ignore[valid-type]
    platform: _short(200) | None = None  # type: ignore[valid-type]
    url: _short(4096) | None = None  # type: ignore[valid-type]
    country: _short(40) | None = None  # type: ignore[valid-type]
    created_at: _short(64) | None = None  # type: ignore[valid-type]

    def to_item(self) -> Item:
        return Item.from_dict(self.model_dump())


class ItemsIn(BaseModel):
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=1000)]


class DecisionIn(BaseModel):
    action: Literal[ACTIONS]  # type: ignore[valid-type]
    reason: Annotated[StrictStr, Field(min_length=1, max_length=4000), AfterValidator(_storable)]


class AppealIn(BaseModel):
    reason: Annotated[StrictStr, Field(min_length=1, max_length=4000), AfterValidator(_storable)]


class KeyIn(BaseModel):
    role: Literal[ROLES]  # type: ignore[valid-type]


class ScanOut(BaseModel):
    verdicts: list[dict[str, Any]]


class IngestOut(BaseModel):
    verdicts: list[dict[str, Any]]
    queued: list[str]
    duplicates: list[str]
