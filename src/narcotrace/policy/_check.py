"""Policy files read like a compiler reads source: every problem at once, each with file, line, column and a hint.

A policy is YAML or TOML (chosen by the file's suffix: .toml is TOML, anything else YAML). YAML is composed into
nodes (not loaded into plain dicts) so that every value keeps its position; TOML is parsed by tomllib and turned
into the same kind of node tree by narcotrace.policy._toml, so both go through this one checker. One pass
builds the rules and reports field-level problems; a second pass over the rules reports cross-rule problems
(duplicate ids, unreachable and conflicting rules, unused resources).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from narcotrace.items import KINDS, LABELS, SEVERITIES
from narcotrace.kb.legal import LegalTable, load_legal, normalize_jurisdiction
from narcotrace.policy._toml import TomlSyntaxError, toml_hint
from narcotrace.policy._toml import compose as compose_toml
from narcotrace.policy._model import (
    ACCOUNT_ACTIONS,
    ACTIONS,
    CLASSES,
    DEFAULT_REVIEW_ACTIONS,
    LEGAL_STATUSES,
    Condition,
    Policy,
    Rule,
)

__all__ = ["Diagnostic", "check_text", "policy_format"]

TOP_KEYS = ("version", "name", "description", "jurisdictions", "default", "resources", "rules", "review", "strikes")
RULE_KEYS = ("id", "description", "when", "action", "priority", "resources")
WHEN_KEYS = ("label", "severity", "class", "kind", "indicators", "jurisdiction", "legal_status", "substance", "score")
DEFAULT_KEYS = ("action", "priority")
REVIEW_KEYS = ("actions",)
STRIKE_KEYS = ("actions", "window_days", "thresholds")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a policy file. line and col are 1-based; `source` is the offending line, `span` its width."""

    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    hint: str = ""
    source: str = ""
    span: int = 1

    def format(self) -> str:
        """file:line:col: error[CODE]: message, then the source line, a caret under the span, and the hint."""
        out = [f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"]
        if self.source:
            out.append(f"  {self.source}")
            out.append("  " + " " * (self.col - 1) + "^" * max(1, self.span))
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return "\n".join(out)


class _Ctx:
    def __init__(self, file: str, text: str, fmt: str = "yaml") -> None:
        self.file = file
        self.fmt = fmt
        self.lines = text.splitlines()
        self.diags: list[Diagnostic] = []

    def report(self, node: yaml.Node | None, code: str, message: str, hint: str = "", severity: str = "error") -> None:
        if node is None:
            line, col, span = 1, 1, 1
        else:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            end = node.end_mark
            span = end.column - node.start_mark.column if end.line == node.start_mark.line else 1
            if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
                span = max(span, 1)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        span = max(1, min(span, max(1, len(source) - col + 1)))
        if self.fmt == "toml":
            hint = toml_hint(hint)
        self.diags.append(Diagnostic(self.file, line, col, severity, code, message, hint, source, span))


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if near:
        return f"did you mean '{near[0]}'? expected one of: {', '.join(choices)}"
    return f"expected one of: {', '.join(choices)}"


def _mapping(ctx: _Ctx, node: yaml.Node, keys: tuple[str, ...], where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys of a mapping node -> (key node, value node); reports non-mappings, unknown and duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        ctx.report(node, "E102", f"{where} must be a mapping", f"write `{where}:` followed by indented `key: value` lines")
        return {}
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for k, v in node.value:
        name = str(k.value)
        if name in out:
            ctx.report(k, "E003", f"duplicate key '{name}' in {where}", "YAML keeps only the last one; remove one of them")
            continue
        if name not in keys:
            ctx.report(k, "E101", f"unknown key '{name}' in {where}", _suggest(name, keys))
            continue
        out[name] = (k, v)
    return out


def _str(ctx: _Ctx, node: yaml.Node, what: str) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR and node.value != "":
        return str(node.value)
    ctx.report(node, "E102", f"{what} must be a non-empty string", "quote it if it looks like a number or boolean")
    return None


def _int(ctx: _Ctx, node: yaml.Node, what: str) -> int | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
        return int(node.value.replace("_", ""), 0) if node.value.startswith("0x") else int(node.value.replace("_", ""))
    ctx.report(node, "E102", f"{what} must be an integer", "for example `priority: 50`")
    return None


def _number(ctx: _Ctx, node: yaml.Node, what: str) -> float | None:
    if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT):
        try:
            return float(node.value)
        except ValueError:
            pass
    ctx.report(node, "E102", f"{what} must be a number between 0 and 1", "for example `min: 0.8`")
    return None


def _str_list(ctx: _Ctx, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]] | None:
    """A list of strings (a single string is accepted as a one-element list)."""
    if isinstance(node, yaml.ScalarNode):
        s = _str(ctx, node, what)
        return None if s is None else [(s, node)]
    if not isinstance(node, yaml.SequenceNode):
        ctx.report(node, "E102", f"{what} must be a list of strings", f"for example `{what}: [a, b]`")
        return None
    if not node.value:
        ctx.report(node, "E117", f"{what} is an empty list, so this never matches", "remove the key to match any value")
        return None
    out: list[tuple[str, yaml.Node]] = []
    for item in node.value:
        s = _str(ctx, item, f"each entry of {what}")
        if s is not None:
            out.append((s, item))
    return out


def _enum_set(
    ctx: _Ctx, node: yaml.Node, what: str, allowed: tuple[str, ...], code: str, noun: str
) -> frozenset[str] | None:
    values = _str_list(ctx, node, what)
    if values is None:
        return None
    for value, vnode in values:
        if value not in allowed:
            ctx.report(vnode, code, f"unknown {noun} '{value}'", _suggest(value, allowed))
    return frozenset(v for v, _ in values)


def _jurisdictions(ctx: _Ctx, node: yaml.Node, what: str, legal: LegalTable) -> list[tuple[str, yaml.Node]]:
    values = _str_list(ctx, node, what) or []
    known = sorted(j for j in legal.jurisdictions if j != "UN")
    out = []
    for value, vnode in values:
        code = normalize_jurisdiction(value)
        if code not in legal.jurisdictions or code == "UN":
            ctx.report(vnode, "E113", f"unknown jurisdiction '{value}': no legal status data for it", _suggest(code, known))
        out.append((code, vnode))
    return out


def policy_format(file: str) -> str:
    """'toml' for a .toml file, else 'yaml' (the packaged default and every earlier policy are YAML)."""
    return "toml" if file.lower().endswith(".toml") else "yaml"


def check_text(
    text: str, file: str, legal: LegalTable | None = None, fmt: str | None = None
) -> tuple[list[Diagnostic], Policy | None]:
    """Validate policy source text (YAML or TOML, by `fmt` or the file suffix); every diagnostic and the Policy."""
    legal = legal or load_legal()
    fmt = fmt or policy_format(file)
    if fmt not in ("yaml", "toml"):
        raise ValueError(f"policy format must be 'yaml' or 'toml', not {fmt!r}")
    ctx = _Ctx(file, text, fmt)
    try:
        root = compose_toml(text, file) if fmt == "toml" else yaml.compose(text, Loader=yaml.SafeLoader)
    except TomlSyntaxError as exc:
        src = ctx.lines[exc.line - 1] if 0 < exc.line <= len(ctx.lines) else ""
        ctx.diags.append(
            Diagnostic(file, exc.line, exc.col, "error", "E001", f"TOML syntax error: {exc.message}",
                       "check quoting, the `=` between key and value, and brackets near here", src, 1)
        )
        return ctx.diags, None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        src = ctx.lines[line - 1] if 0 < line <= len(ctx.lines) else ""
        ctx.diags.append(
            Diagnostic(file, line, col, "error", "E001", f"YAML syntax error: {exc.problem}",
                       "check indentation and quoting near here", src, 1)
        )
        return ctx.diags, None
    if root is None:
        ctx.report(None, "E002", "the policy file is empty", "start from the packaged default policy (docs/policy.md)")
        return ctx.diags, None
    top = _mapping(ctx, root, TOP_KEYS, "the policy")
    if not isinstance(root, yaml.MappingNode):
        return ctx.diags, None
    for key, hint in (
        ("version", "add `version: 1` at the top"),
        ("jurisdictions", "add `jurisdictions: [US, CN, UK]` listing every jurisdiction this policy decides for"),
        ("default", "add `default: {action: label}`: the action when no rule matches (there is no silent fallback)"),
        ("rules", "add `rules:` with at least one rule"),
    ):
        if key not in top:
            ctx.report(root, "E103", f"missing required key '{key}'", hint)
    if "version" in top:
        v = _int(ctx, top["version"][1], "version")
        if v is not None and v != 1:
            ctx.report(top["version"][1], "E104", f"unsupported policy version {v}", "this narcotrace reads version 1")
    name = ""
    if "name" in top:
        name = _str(ctx, top["name"][1], "name") or ""

    declared: list[str] = []
    if "jurisdictions" in top:
        jnodes = _jurisdictions(ctx, top["jurisdictions"][1], "jurisdictions", legal)
        seen: set[str] = set()
        for code, vnode in jnodes:
            if code in seen:
                ctx.report(vnode, "E003", f"jurisdiction '{code}' is listed twice", "remove the duplicate")
            seen.add(code)
            declared.append(code)

    default_action, default_priority = "", 0
    if "default" in top:
        d = _mapping(ctx, top["default"][1], DEFAULT_KEYS, "default")
        if "action" not in d and isinstance(top["default"][1], yaml.MappingNode):
            ctx.report(top["default"][1], "E103", "missing required key 'action' in default", _suggest("", ACTIONS))
        if "action" in d:
            a = _str(ctx, d["action"][1], "default action")
            if a is not None and a not in ACTIONS:
                ctx.report(d["action"][1], "E110", f"unknown action '{a}'", _suggest(a, ACTIONS))
            default_action = a or ""
        if "priority" in d:
            default_priority = _int(ctx, d["priority"][1], "priority") or 0

    resources: dict[str, dict[str, tuple[str, ...]]] = {}
    resource_nodes: dict[str, yaml.Node] = {}
    if "resources" in top:
        for rname, (rk, rv) in _mapping_any(ctx, top["resources"][1], "resources").items():
            per: dict[str, tuple[str, ...]] = {}
            for jname, (jk, jv) in _mapping_any(ctx, rv, f"resources.{rname}").items():
                code = "*" if jname == "*" else normalize_jurisdiction(jname)
                if code != "*" and declared and code not in declared:
                    ctx.report(jk, "W202", f"resource '{rname}' has text for '{jname}', which the policy does not declare",
                               "add it to `jurisdictions:` or remove this entry", severity="warning")
                texts = _str_list(ctx, jv, f"resources.{rname}.{jname}") or []
                per[code] = tuple(t for t, _ in texts)
            resources[rname] = per
            resource_nodes[rname] = rk

    rules: list[tuple[Rule, yaml.Node, dict[str, yaml.Node]]] = []
    if "rules" in top:
        rnode = top["rules"][1]
        if not isinstance(rnode, yaml.SequenceNode):
            ctx.report(rnode, "E102", "rules must be a list", "each rule starts with `- id: ...`")
        else:
            if not rnode.value:
                ctx.report(rnode, "E117", "rules is empty", "add at least one rule")
            for i, node in enumerate(rnode.value):
                built = _rule(ctx, node, i, declared, resources, legal)
                if built is not None:
                    rules.append(built)

    _cross_checks(ctx, rules, resources, resource_nodes)
    moderation = _moderation(ctx, top)
    if any(d.severity == "error" for d in ctx.diags):
        return ctx.diags, None
    policy = Policy(
        name=name or Path(file).stem,
        path=file,
        jurisdictions=tuple(declared),
        rules=tuple(r for r, _, _ in rules),
        default_action=default_action,
        default_priority=default_priority,
        resources=tuple((k, tuple(v.items())) for k, v in resources.items()),
        legal=legal,
        **moderation,
    )
    return ctx.diags, policy


def _actions(ctx: _Ctx, node: yaml.Node, what: str) -> tuple[str, ...]:
    values = _str_list(ctx, node, what) or []
    for value, vnode in values:
        if value not in ACTIONS:
            ctx.report(vnode, "E110", f"unknown action '{value}'", _suggest(value, ACTIONS))
    return tuple(dict.fromkeys(v for v, _ in values))


def _moderation(ctx: _Ctx, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> dict[str, Any]:
    """The optional `review:` and `strikes:` blocks (what goes to human review; when an author's account is acted on)."""
    out: dict[str, Any] = {"review_actions": DEFAULT_REVIEW_ACTIONS}
    if "review" in top:
        r = _mapping(ctx, top["review"][1], REVIEW_KEYS, "review")
        if "actions" not in r and isinstance(top["review"][1], yaml.MappingNode):
            ctx.report(top["review"][1], "E103", "missing required key 'actions' in review",
                       "list the decision actions a human must review, e.g. `actions: [label, remove]`")
        if "actions" in r:
            out["review_actions"] = _actions(ctx, r["actions"][1], "review.actions")
    if "strikes" not in top:
        return out
    node = top["strikes"][1]
    s = _mapping(ctx, node, STRIKE_KEYS, "strikes")
    for key, hint in (("actions", "e.g. `actions: [remove, remove-and-escalate]`: confirmed decisions that count"),
                      ("thresholds", "e.g. `thresholds: {warn: 1, suspend: 3, ban: 5}`")):
        if key not in s and isinstance(node, yaml.MappingNode):
            ctx.report(node, "E103", f"missing required key '{key}' in strikes", hint)
    if "actions" in s:
        out["strike_actions"] = _actions(ctx, s["actions"][1], "strikes.actions")
    if "window_days" in s:
        days = _int(ctx, s["window_days"][1], "strikes.window_days")
        if days is not None and days < 0:
            ctx.report(s["window_days"][1], "E140", "strikes.window_days must be 0 (never expire) or more",
                       "strikes older than this many days stop counting")
        out["strike_window_days"] = max(days or 0, 0)
    if "thresholds" in s:
        thresholds: list[tuple[str, int, yaml.Node]] = []
        for name, (k, v) in _mapping(ctx, s["thresholds"][1], ACCOUNT_ACTIONS, "strikes.thresholds").items():
            n = _int(ctx, v, f"strikes.thresholds.{name}")
            if n is not None and n < 1:
                ctx.report(v, "E140", f"strikes.thresholds.{name} must be at least 1", "a threshold counts strikes")
            elif n is not None:
                thresholds.append((name, n, v))
        thresholds.sort(key=lambda t: ACCOUNT_ACTIONS.index(t[0]))
        for (a, na, _), (b, nb, vb) in zip(thresholds, thresholds[1:]):
            if nb <= na:
                ctx.report(vb, "E140", f"strikes.thresholds.{b} ({nb}) must be above {a} ({na})",
                           f"account actions escalate in the order {', '.join(ACCOUNT_ACTIONS)}")
        out["strike_thresholds"] = tuple((name, n) for name, n, _ in thresholds)
    return out


def _mapping_any(ctx: _Ctx, node: yaml.Node, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping whose keys are names the user chooses (resources); reports only shape and duplicates."""
    if not isinstance(node, yaml.MappingNode):
        ctx.report(node, "E102", f"{where} must be a mapping", "for example `naloxone: {US: [\"...\"]}`")
        return {}
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for k, v in node.value:
        if str(k.value) in out:
            ctx.report(k, "E003", f"duplicate key '{k.value}' in {where}", "remove one of them")
            continue
        out[str(k.value)] = (k, v)
    return out


def _rule(
    ctx: _Ctx,
    node: yaml.Node,
    index: int,
    declared: list[str],
    resources: dict[str, Any],
    legal: LegalTable,
) -> tuple[Rule, yaml.Node, dict[str, yaml.Node]] | None:
    where = f"rule #{index + 1}"
    fields = _mapping(ctx, node, RULE_KEYS, where)
    if not isinstance(node, yaml.MappingNode):
        return None
    rid = _str(ctx, fields["id"][1], "rule id") if "id" in fields else None
    if "id" not in fields:
        ctx.report(node, "E103", f"{where} has no 'id'", "give every rule a unique `id:`; decisions quote it")
    where = f"rule '{rid}'" if rid else where
    action = None
    if "action" not in fields:
        ctx.report(node, "E103", f"{where} has no 'action'", _suggest("", ACTIONS))
    else:
        action = _str(ctx, fields["action"][1], "action")
        if action is not None and action not in ACTIONS:
            ctx.report(fields["action"][1], "E110", f"unknown action '{action}'", _suggest(action, ACTIONS))
    priority = _int(ctx, fields["priority"][1], "priority") if "priority" in fields else 0
    res: list[str] = []
    if "resources" in fields:
        for rname, rnode in _str_list(ctx, fields["resources"][1], "resources") or []:
            if rname not in resources:
                ctx.report(rnode, "E115", f"unknown resource '{rname}'",
                           _suggest(rname, sorted(resources)) if resources else "declare it under top-level `resources:`")
            res.append(rname)
    cond = Condition()
    positions: dict[str, yaml.Node] = {"rule": node}
    if "when" in fields:
        cond = _condition(ctx, fields["when"][1], where, declared, legal, positions)
    if rid is None or action is None:
        return None
    rule = Rule(rid, cond, action, priority or 0, tuple(res), node.start_mark.line + 1)
    return rule, fields["id"][1], positions


def _condition(
    ctx: _Ctx, node: yaml.Node, where: str, declared: list[str], legal: LegalTable, positions: dict[str, yaml.Node]
) -> Condition:
    w = _mapping(ctx, node, WHEN_KEYS, f"{where}.when")
    kw: dict[str, Any] = {}
    enums = {
        "label": (LABELS, "E112", "label"),
        "severity": (SEVERITIES, "E112", "severity"),
        "class": (CLASSES, "E111", "substance class"),
        "kind": (KINDS, "E112", "item kind"),
        "legal_status": (LEGAL_STATUSES, "E112", "legal status"),
    }
    for key, (allowed, code, noun) in enums.items():
        if key in w:
            kw["cls" if key == "class" else key] = _enum_set(ctx, w[key][1], key, allowed, code, noun)
    for key in ("indicators", "substance"):
        if key in w:
            values = _str_list(ctx, w[key][1], key)
            kw[key] = None if values is None else frozenset(v.lower() if key == "substance" else v for v, _ in values)
    if "jurisdiction" in w:
        codes = _jurisdictions(ctx, w["jurisdiction"][1], "jurisdiction", legal)
        for code, vnode in codes:
            if code in legal.jurisdictions and code not in declared:
                ctx.report(vnode, "E114", f"{where} names jurisdiction '{code}', which the policy does not declare",
                           f"add '{code}' to the top-level `jurisdictions:` list")
        kw["jurisdiction"] = frozenset(c for c, _ in codes) if codes else None
    if "score" in w:
        s = w["score"][1]
        bounds = _mapping(ctx, s, ("min", "max"), f"{where}.when.score")
        lo = _number(ctx, bounds["min"][1], "score.min") if "min" in bounds else 0.0
        hi = _number(ctx, bounds["max"][1], "score.max") if "max" in bounds else 1.0
        for b, val in (("min", lo), ("max", hi)):
            if val is not None and not 0.0 <= val <= 1.0 and b in bounds:
                ctx.report(bounds[b][1], "E116", f"score.{b} {val} is outside 0..1", "scores are probabilities")
        if lo is not None and hi is not None and lo > hi:
            ctx.report(s, "E116", f"score.min {lo} is above score.max {hi}, so this rule never matches",
                       "swap the bounds")
        kw["score_min"] = lo if lo is not None else 0.0
        kw["score_max"] = hi if hi is not None else 1.0
    for key in w:
        positions[key] = w[key][1]
    return Condition(**kw)


def _cross_checks(
    ctx: _Ctx,
    rules: list[tuple[Rule, yaml.Node, dict[str, yaml.Node]]],
    resources: dict[str, Any],
    resource_nodes: dict[str, yaml.Node],
) -> None:
    ids: dict[str, Rule] = {}
    for rule, id_node, _ in rules:
        if rule.id in ids:
            ctx.report(id_node, "E120", f"duplicate rule id '{rule.id}' (first at line {ids[rule.id].line})",
                       "decisions name the rule that fired; ids must be unique")
        else:
            ids[rule.id] = rule
    for j, (later, _, pos) in enumerate(rules):
        for earlier, _, _ in rules[:j]:
            if not earlier.when.covers(later.when):
                continue
            if earlier.when == later.when and earlier.action != later.action:
                ctx.report(pos["rule"], "E131",
                           f"rule '{later.id}' conflicts with rule '{earlier.id}' (line {earlier.line}): same conditions, "
                           f"actions '{earlier.action}' and '{later.action}'",
                           "keep one of them, or narrow one rule's `when:`")
            else:
                ctx.report(pos["rule"], "E130",
                           f"rule '{later.id}' is unreachable: rule '{earlier.id}' (line {earlier.line}) matches "
                           "everything it matches and comes first",
                           f"move '{later.id}' above '{earlier.id}', or narrow '{earlier.id}'")
            break
    used = {r for rule, _, _ in rules for r in rule.resources}
    for name, node in resource_nodes.items():
        if name not in used:
            ctx.report(node, "W201", f"resource '{name}' is never used by a rule", "reference it from a rule's "
                       "`resources:` or remove it", severity="warning")
