"""Lazy package exports (PEP 562): a package's public names load their module on first use, so that importing
the package for one light submodule (its CLI parser) does not import the heavy ones (SQLAlchemy, httpx)."""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(package: str, where: dict[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports `package.<where[name]>` on first access to `name` and
    caches the value in the package's `namespace`."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
