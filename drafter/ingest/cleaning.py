"""Cleaning rules as data (drafter/data/cleaning.yaml): markers, junk, punctuation, censorship holes.

Pure functions over strings and Line lists; every rule application is counted
so that a report can say what was cleaned in which document.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from drafter.errors import DrafterError
from drafter.ingest.lines import Line
from drafter.paths import data_file


@dataclass(frozen=True)
class CleaningRule:
    id: str
    stage: str                 # "line" | "document"
    action: str                # "sub" | "drop_line"
    pattern: re.Pattern
    replacement: str = ""
    description: str = ""
    trigger: re.Pattern | None = None
    exceptions: tuple[str, ...] = ()
    example_before: str | None = None
    example_after: str | None = None


def parse_rules(raw: dict, source: str = "cleaning.yaml") -> list[CleaningRule]:
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise DrafterError(f"{source} 格式错误：应有 rules 列表。")
    rules = []
    for i, item in enumerate(raw["rules"]):
        where = f"{source} 第 {i + 1} 条规则（{item.get('id', '无 id')}）"
        try:
            stage = item.get("stage", "line")
            action = item.get("action", "sub")
            if stage not in {"line", "document"} or action not in {"sub", "drop_line"}:
                raise DrafterError(f"{where}：stage 应为 line/document，action 应为 sub/drop_line。")
            example = item.get("example") or {}
            rules.append(
                CleaningRule(
                    id=item["id"],
                    stage=stage,
                    action=action,
                    pattern=re.compile(item["pattern"]),
                    replacement=item.get("replacement", "") or "",
                    description=item.get("description", ""),
                    trigger=re.compile(item["trigger"]) if item.get("trigger") else None,
                    exceptions=tuple(item.get("exceptions") or ()),
                    example_before=example.get("before"),
                    example_after=example.get("after"),
                )
            )
        except KeyError as exc:
            raise DrafterError(f"{where}：缺少键 {exc}。") from exc
        except re.error as exc:
            raise DrafterError(f"{where}：正则表达式无效（{exc}）。") from exc
    return rules


@lru_cache(maxsize=1)
def load_rules() -> tuple[CleaningRule, ...]:

    path = data_file("cleaning.yaml")
    raw = read_table(path)
    return tuple(parse_rules(raw, str(path)))


def _apply(rule: CleaningRule, text: str) -> tuple[str, int]:
    """Apply one rule to one string; returns (new text, number of applications)."""
    if rule.action == "drop_line":
        if rule.pattern.search(text):
            return "", 1
        return text, 0
    if rule.exceptions:
        count = 0

        def repl(m: re.Match) -> str:
            nonlocal count
            if m.group(0) in rule.exceptions:
                return m.group(0)
            count += 1
            return m.expand(rule.replacement)

        return rule.pattern.sub(repl, text), count
    new, n = rule.pattern.subn(rule.replacement, text)
    if n and new == text:
        n = 0
    return new, n


def clean_line(text: str, rules=None, stage: str = "line") -> tuple[str, Counter]:
    """Clean one line with the rules of a stage; returns (text, rule id -> count)."""
    rules = load_rules() if rules is None else rules
    fired: Counter = Counter()
    for rule in rules:
        if rule.stage != stage:
            continue
        if not text:
            break
        text, n = _apply(rule, text)
        if n:
            fired[rule.id] += n
    return text, fired


def clean_text(text: str, *, document_rules: bool = True) -> tuple[str, Counter]:
    """Clean a whole text (line rules on every line, then triggered document rules).

    Returns (cleaned text, rule id -> times applied). Lines dropped by a rule become empty.
    """
    out = []
    fired: Counter = Counter()
    for raw in text.split("\n"):
        new, c = clean_line(raw)
        out.append(new)
        fired.update(c)
    joined = "\n".join(out)
    if document_rules:
        lines = [Line(t, i + 1) for i, t in enumerate(out)]
        fired.update(apply_document_rules(lines))
        joined = "\n".join(line.text for line in lines)
    return joined, fired


def clean_lines(lines: list[Line]) -> None:
    """Apply the line-stage rules to every Line in place (counts go to Line.rules)."""
    rules = load_rules()
    for ln in lines:
        new, fired = clean_line(ln.text, rules)
        ln.text = new
        ln.rules.update(fired)


def apply_document_rules(lines: list[Line]) -> Counter:
    """Apply the document-stage rules to the lines of one document, in place."""
    fired: Counter = Counter()
    rules = [r for r in load_rules() if r.stage == "document"]
    if not rules:
        return fired
    whole = "\n".join(ln.text for ln in lines)
    for rule in rules:
        if rule.trigger is not None and not rule.trigger.search(whole):
            continue
        for ln in lines:
            if not ln.text:
                continue
            new, n = _apply(rule, ln.text)
            if n:
                ln.text = new
                ln.rules[rule.id] += n
                fired[rule.id] += n
        whole = "\n".join(ln.text for ln in lines)
    return fired
