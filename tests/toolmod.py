"""Load a script under tools/ as a module, once per test session (several test modules test tools/build_kb.py)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


@functools.cache
def load_tool(name: str) -> ModuleType:
    """tools/<name>.py as the module `narcotrace_tool_<name>`."""
    spec = importlib.util.spec_from_file_location(f"narcotrace_tool_{name}", REPO / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
