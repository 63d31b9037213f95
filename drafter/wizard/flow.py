"""The wizard's interview as a pure state machine over an answers dict.

`Wizard.flow()` is a generator: it yields `Ask` (a question) and `Say` (a line to
show) objects from drafter.wizard.questions and receives each answer through
`send()`. It never touches the terminal or the file system itself; everything
that needs the phrase bank, the profile inference or the drafting code goes
through a context object (see `WizardContext` in drafter/wizard/context.py), so the
flow can be driven by questionary, by a test script, or by anything else.

The answers dict uses the keys of the figures file (`drafter draft` format):
unit, year, theme, with_plan, level, department, family, figures, highlights,
problems, plans, signature, seed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol

from drafter.figures.limits import MAX_TEXT_CHARS
from drafter.models import THEME_ANNUAL
from drafter.textutil import plain_label
from drafter.wizard.questions import (
    Ask,
    answers_path_for,
    Choice,
    Say,
    check_date,
    check_docx_path,
    check_short_text,
    check_unit,
    check_work_title,
    check_year,
    figure_text,
    format_value,
    shorten,
)

if TYPE_CHECKING:
    from drafter.slots import Slot

# Interview steps in order: (id, Chinese title).
STEPS: tuple[tuple[str, str], ...] = (
    ("unit", "单位名称"),
    ("profile", "单位类别（层级、部门、系统）"),
    ("period", "年度与报告类型"),
    ("work", "主要工作"),
    ("figures", "主要数据"),
    ("highlights", "工作亮点"),
    ("problems", "存在问题"),
    ("plans", "下一步工作打算"),
    ("details", "落款与称谓（成文日期、单位简称、上级单位）"),
)
STEP_TITLES = dict(STEPS)
STEP_IDS = tuple(s for s, _ in STEPS)

# Order of keys in a saved answers file (same as the figures file).
KEY_ORDER = ("unit", "year", "theme", "with_plan", "level", "department", "family",
             "figures", "work", "highlights", "problems", "plans", "signature", "seed")

# Which answer keys each step fills (used to tell what a loaded file already answers).
STEP_KEYS = {
    "unit": ("unit",),
    "profile": ("level", "department", "family"),
    "period": ("year", "theme", "with_plan"),
    "work": ("work",),
    "figures": ("figures",),
    "highlights": ("highlights",),
    "problems": ("problems",),
    "plans": ("plans",),
    "details": ("signature",),
}

UNSURE = "__unsure__"
CONFIRM, BACK, CANCEL = "confirm", "back", "cancel"
KEEP, REVIEW = "keep", "review"

# Typing help shown after a figure's label, by slot type.
TYPE_HINTS = {"date": "（如 2026-06-30）"}


# A checkbox line holds this many characters (two columns each) in an 80-column terminal;
# longer options are listed in full above the checkbox and numbered in it.
CHOICE_WIDTH = 34


def full_texts(title: str, choices: list[Choice]) -> tuple[list[Say], list[Choice]]:
    """Lines showing long options in full, and the choices numbered to match them."""
    if all(len(str(c.value)) <= CHOICE_WIDTH for c in choices):
        return [], [Choice(str(c.value), c.value, c.checked) for c in choices]
    says = [Say(f"{title}（全文）：")] + [Say(f"  {i}. {c.value}") for i, c in enumerate(choices, 1)]
    numbered = [Choice(f"{i}. {shorten(str(c.value), CHOICE_WIDTH)}", c.value, c.checked)
                for i, c in enumerate(choices, 1)]
    return says, numbered


@dataclass
class Outcome:
    """How the interview ended: write (path, spec, draft, force) or cancel."""

    action: str
    path: str | None = None
    spec: Any = None
    draft: Any = None
    force: bool = False


class Context(Protocol):  # pragma: no cover - typing only
    def default_year(self) -> int: ...
    def validate_figures(self, figures: dict) -> tuple[dict, list]: ...  # drafter.figures.validate_figures

    def infer(self, unit: str) -> Any: ...                  # UnitProfile
    def levels(self) -> list[str]: ...
    def families(self) -> list[str]: ...
    def themes(self) -> list[str]: ...
    def profile_of(self, answers: dict) -> Any: ...          # UnitProfile from the answers
    def slots_for(self, profile: Any) -> list[Slot]: ...       # less those unfit for the level
    def department_of(self, profile: Any) -> Any: ...         # DepartmentProfile (lines of work) or None
    def label(self, name: str) -> str: ...                    # a figure's label
    def context_values(self, profile: Any, figures: dict) -> dict: ...   # 单位简称, 上级单位 … as drafted
    def check(self, spec: Any, draft: Any) -> list: ...       # findings of drafter check's text rules
    def top_phrases(self, section: str, function: str, profile: Any, figures: dict, limit: int) -> list[str]: ...
    def make_spec(self, answers: dict) -> Any: ...           # raises DrafterError
    def draft(self, spec: Any) -> Any: ...
    def outline(self, draft: Any) -> list[str]: ...
    def default_output(self, spec: Any, draft: Any) -> str: ...
    def exists(self, path: str) -> bool: ...


def ordered(answers: dict) -> dict:
    """The answers in figures-file key order (unknown keys last)."""
    out = {k: answers[k] for k in KEY_ORDER if k in answers}
    out.update((k, v) for k, v in answers.items() if k not in out)
    return out


def grouped(slots: list[Slot]) -> list[Slot]:
    """Slots with each group's members together (groups in order of first appearance,
    catalogue order within a group), so that every group is offered once."""
    first: dict[str, int] = {}
    for i, s in enumerate(slots):
        first.setdefault(s.group, i)
    return sorted(slots, key=lambda s: first[s.group])  # stable: catalogue order within a group


def steps_answered(answers: dict) -> set[str]:
    """Steps whose keys are present in a loaded answers file."""
    done = set()
    for step, keys in STEP_KEYS.items():
        if step == "profile":
            if "unit" in answers and any(k in answers for k in keys):
                done.add(step)
        elif step == "period":
            if "year" in answers and "theme" in answers:
                done.add(step)
        elif step == "details":
            # optional, with defaults: a file that got as far as the plans needs none of it
            if "signature" in answers or "plans" in answers:
                done.add(step)
        elif step == "work":
            if "work" in answers or ("theme" in answers and answers["theme"] != THEME_ANNUAL):
                done.add(step)
        elif all(k in answers for k in keys):
            done.add(step)
    return done


@dataclass
class Wizard:
    ctx: Any
    answers: dict = field(default_factory=dict)
    done: set = field(default_factory=set)
    loaded: bool = False                 # answers came from a file (--answers)
    _slot_names: tuple | None = None     # slots the figures were asked for
    _inferred_theme: str | None = None   # theme guessed from the unit name
    _figures_year: int | None = None     # the figures pre-filled are from this (earlier) year
    _work_lines: tuple | None = None     # the department's lines of work offered in the work step
    _last_figures: dict = field(default_factory=dict)   # last year's figures, when starting from them

    # ------------------------------------------------------------ driver

    def flow(self) -> Iterator[Any]:
        """The whole interview; returns an Outcome (via StopIteration.value)."""
        if self.loaded:
            yield from self._resume()
        while True:
            for step in STEP_IDS:
                if step not in self.done:
                    yield from self._run_step(step)
            action, arg = yield from self._preview()
            if action == CANCEL:
                return Outcome(CANCEL)
            if action == BACK:
                self.done.discard(arg)
                continue
            return (yield from self._output(*arg))

    def _run_step(self, step: str) -> Iterator[Any]:
        before = dict(self.answers)
        yield from getattr(self, f"_step_{step}")()
        self.done.add(step)
        if step == "unit" and before.get("unit") != self.answers.get("unit"):
            # a new unit: its category must be inferred and confirmed again
            for key in STEP_KEYS["profile"]:
                self.answers.pop(key, None)
            self.done.discard("profile")
        if step in ("unit", "profile", "period") and "work" in self.done and self._work_lines is not None:
            if self._work_lines != tuple(w.title for w in self._department_lines()):
                self.done.discard("work")
        if step in ("unit", "profile", "period", "work") and "figures" in self.done and self._slot_names is not None:
            names = tuple(s.name for s in self._figure_slots())
            if names != self._slot_names:
                self.done.discard("figures")

    # ------------------------------------------------------------ resume

    def _resume(self) -> Iterator[Any]:
        a = self.answers
        this_year = self.ctx.default_year()
        summary = "、".join(STEP_TITLES[s] for s in STEP_IDS if s in self.done) or "无"
        yield Say(f"已读取上次的答案：{a.get('unit', '（未填单位）')}，{a.get('year', '?')}年度。已有内容：{summary}。")
        advanced = False
        year = a.get("year")
        if isinstance(year, int) and year < this_year:
            advanced = yield Ask(
                "confirm", "advance_year",
                f"上次的答案是{year}年度的。以它作为{this_year}年度的起点吗？（年份改为{this_year}，数据逐项确认）",
                default=True,
            )
            if advanced:
                a["year"] = this_year
                self._last_figures = self._all_figures()
                if self._last_figures:
                    self._figures_year = year
                sig = a.get("signature")
                if isinstance(sig, dict) and "date" in sig:
                    sig = {k: v for k, v in sig.items() if k != "date"}
                    if sig:
                        a["signature"] = sig
                    else:
                        a.pop("signature")
                # last year's figures and highlights are a starting point, not this year's answers
                self.done.discard("figures")
                self.done.discard("highlights")
        mode = yield Ask(
            "select", "resume_mode", "沿用上次的答案？",
            choices=[
                Choice("沿用，只补充缺少的内容（之后可在预览时修改任意一步）", KEEP),
                Choice("逐项确认，上次的答案作为默认值", REVIEW),
            ],
            default=KEEP,
        )
        if mode == REVIEW:
            self.done.clear()

    # ------------------------------------------------------------ steps

    def _step_unit(self) -> Iterator[Any]:
        unit = yield Ask("text", "unit", "单位名称（如 某某县民政局）：", default=self.answers.get("unit", ""), validate=check_unit)
        self.answers["unit"] = unit.strip()

    def _step_profile(self) -> Iterator[Any]:
        a = self.answers
        prof = self.ctx.infer(a["unit"])
        level = a.get("level", prof.level)
        department = a.get("department", prof.department)
        family = a.get("family", prof.family)
        guessed = family == prof.family and getattr(prof, "family_confidence", 1.0) < 1.0
        fam_note = f"（推测，把握 {round(prof.family_confidence * 100)}%）" if guessed else ""
        theme = a.get("theme") or prof.theme
        yield Say(
            f"识别结果：层级 {level or '未识别'}｜部门 {department or '未识别'}｜"
            f"系统 {family or '未识别'}{fam_note}｜报告类型 {theme or '未识别'}"
        )
        ok = yield Ask("confirm", "profile_ok", "以上单位类别是否正确？（报告类型在下一步选择）", default=bool(level and family))
        if not ok:
            levels = self.ctx.levels()
            level = yield Ask(
                "select", "level", "行政层级：",
                choices=[Choice(lv, lv) for lv in levels] + [Choice("不确定", UNSURE)],
                default=level if level in levels else UNSURE,
            )
            families = self.ctx.families()
            family = yield Ask(
                "select", "family", "所属系统（部门类别）：",
                choices=[Choice(f, f) for f in families] + [Choice("不确定", UNSURE)],
                default=family if family in families else UNSURE,
            )
            department = yield Ask("text", "department", "所属部门的规范名称（如 民政局、卫生健康委；不清楚可留空）：", default=department or "")
            level = None if level == UNSURE else level
            family = None if family == UNSURE else family
            department = (department or "").strip() or None
        for key, value in (("level", level), ("department", department), ("family", family)):
            if value:
                a[key] = value
            else:
                a.pop(key, None)
        if "theme" not in a and prof.theme:
            self._inferred_theme = prof.theme

    def _step_period(self) -> Iterator[Any]:
        a = self.answers
        year = yield Ask(
            "text", "year", "报告年度：",
            default=str(a.get("year") or self.ctx.default_year()), validate=check_year,
        )
        a["year"] = int(year.strip())
        themes = self.ctx.themes()
        current = a.get("theme") or getattr(self, "_inferred_theme", None) or self.ctx.infer(a.get("unit", "")).theme
        a["theme"] = yield Ask(
            "select", "theme", "报告类型：",
            choices=[Choice(t, t) for t in themes],
            default=current if current in themes else themes[0],
        )
        a["with_plan"] = bool((yield Ask(
            "confirm", "with_plan", f"标题是否带“及{a['year'] + 1}年工作思路”（含下一年度工作思路）？",
            default=bool(a.get("with_plan", False)),
        )))

    def _step_figures(self) -> Iterator[Any]:
        a = self.answers
        slots = self._figure_slots()
        self._slot_names = tuple(s.name for s in slots)
        figures = dict(a.get("figures") or {})
        if not slots:
            yield Say("该类单位暂无可填写的数据项。")
        else:
            groups = len({s.group for s in slots})
            parts = f"共 {len(slots)} 项" + (f"，分 {groups} 组" if groups > 1 else "")
            tip = "；已有的数值显示为默认值，回车保留，Ctrl-U 清空后重填" if figures else ""
            if figures and self._figures_year and self._figures_year != a.get("year"):
                tip = f"；默认值是{self._figures_year}年度的数值，请改为今年的（Ctrl-U 清空后重填，回车保留）"
            yield Say(f"请填写主要数据（{parts}；没有或不适用的直接回车跳过{tip}）：")
        group, skip_group = None, False
        for slot in slots:
            if slot.group != group:
                group = slot.group
                members = [s for s in slots if s.group == group]
                skip_group = False
                if group and len(slots) > len(members) and not any(s.required for s in members):
                    names = "；".join(plain_label(s.question) or s.question for s in members[:3])
                    more = "等" if len(members) > 3 else ""
                    given = sum(1 for s in members if s.name in figures)
                    if given:
                        when = f"{self._figures_year}年度的" if self._figures_year and self._figures_year != a.get("year") else ""
                        message = f"【{group}】{len(members)} 项，已有{when} {given} 项：{names}{more}。逐项核对这一组吗？"
                        help_ = "（回车=逐项核对，n=沿用已有数值、跳过这一组）"
                    else:
                        message = f"【{group}】{len(members)} 项：{names}{more}。填写这一组吗？"
                        help_ = "（回车=填写，n=跳过这一组）"
                    wanted = yield Ask("confirm", f"group:{group}", message, default=True, instruction=help_)
                    skip_group = not wanted
            if skip_group:
                continue
            value = yield from self._ask_figure(slot, figures, self._all_figures())
            if value is None:
                figures.pop(slot.name, None)
            else:
                figures[slot.name] = value
            a["figures"] = dict(figures)
        a["figures"] = figures

    # ------------------------------------------------------------ 主要工作 (annual reports)

    def _department_lines(self) -> tuple:
        """The unit's department profile's typical lines of work (WorkLine), in report order."""
        dep = self.ctx.department_of(self.ctx.profile_of(self.answers))
        return tuple(dep.work) if dep is not None else ()

    def _work_slots(self) -> dict[str, list]:
        """Line-of-work title -> the figure slots asked under it (each slot once, first line wins;
        only slots the unit's family and level admit)."""
        allowed = {s.name: s for s in self.ctx.slots_for(self.ctx.profile_of(self.answers))}
        lines = {w.title: w for w in self._department_lines()}
        out: dict[str, list] = {}
        seen: set[str] = set()
        for item in self.answers.get("work") or []:
            line = lines.get(item.get("title"))
            names = [n for n in (line.slots if line else ()) if n in allowed and n not in seen]
            seen.update(names)
            out[item["title"]] = [allowed[n] for n in names]
        return out

    def _figure_slots(self) -> list:
        """The figures asked in the figures step: those of the unit's kind not asked under a line of work."""
        taken = {s.name for slots in self._work_slots().values() for s in slots}
        return grouped([s for s in self.ctx.slots_for(self.ctx.profile_of(self.answers)) if s.name not in taken])

    def _step_work(self) -> Iterator[Any]:
        a = self.answers
        if a.get("theme") != THEME_ANNUAL:
            return                                  # lines of work belong to annual reports
        lines = self._department_lines()
        self._work_lines = tuple(w.title for w in lines)
        given = [dict(w) for w in a.get("work") or [] if isinstance(w, dict) and w.get("title")]
        by_title = {w["title"]: w for w in given}
        titles = [w.title for w in lines]
        choices = [Choice(t, t, t in by_title) for t in titles]
        choices += [Choice(t, t, True) for t in by_title if t not in titles]
        picked: list[str] = []
        if choices:
            picked = yield Ask(
                "checkbox", "work_pick",
                "主要工作：勾选本单位今年做了的主要工作（每项在稿件中单列一节；也可在下面补充其他工作）",
                choices=choices, empty="未勾选",
            )
            picked = list(picked or [])
        else:
            yield Say("主要工作：请逐项填写本单位今年的主要工作（短标题，如 安全生产专项整治；直接回车结束）。")
        titles = yield from self._free_items("work_own", "补充其他工作", picked, validate=check_work_title,
                                             instruction="（短标题，最多 30 字，如 防汛抗旱；直接回车结束）")
        a["work"] = [by_title.get(t, {"title": t}) for t in titles]
        if not titles:
            a.pop("work", None)
            yield Say("未填写主要工作：将按本类单位的常见工作撰写。")
            return
        slots_by_line = self._work_slots()
        for n, title in enumerate(titles):
            item = dict(a["work"][n])
            yield Say(f"【{title}】要点与数据（都可跳过，直接回车）")
            points = [str(p) for p in item.get("points") or []]
            if points:
                says, choices = full_texts(f"“{title}”已有的要点", [Choice(p, p, True) for p in points])
                for line in says:
                    yield line
                points = yield Ask(
                    "checkbox", "work_points_keep", f"“{title}”已有的要点：保留哪些？",
                    choices=choices, empty="一条也不保留",
                )
            points = yield from self._free_items("work_point", f"“{shorten(title, 12)}”的要点", list(points or []))
            item["points"] = points
            figures = dict(item.get("figures") or {})
            for slot in slots_by_line.get(title, []):
                value = yield from self._ask_figure(slot, figures, self._all_figures(exclude=n))
                if value is None:
                    figures.pop(slot.name, None)
                else:
                    figures[slot.name] = value
            item["figures"] = figures
            a["work"][n] = {k: v for k, v in item.items() if v or k == "title"}

    def _all_figures(self, exclude: int | None = None) -> dict:
        """Every figure given so far (top level and under the lines of work), for part/whole checks."""
        out = dict(self.answers.get("figures") or {})
        for i, item in enumerate(self.answers.get("work") or []):
            if i != exclude:
                out.update(item.get("figures") or {})
        return out

    def _ask_figure(self, slot, figures: dict, others: dict) -> Iterator[Any]:
        """One figure question (key figure:<slot>); returns the value or None when skipped."""
        label = slot.question
        if slot.unit and slot.unit not in label:
            label = f"{label}（{slot.unit}）"
        suffix = "［必填］" if slot.required else ""
        context = {**others, **figures}

        def validate(text, slot=slot):
            return self._check_figure(slot, text, context)[1] or True

        text = yield Ask(
            "text", f"figure:{slot.name}", f"{label}{suffix}：",
            default=format_value(figures.get(slot.name)), validate=validate, instruction=TYPE_HINTS.get(slot.type),
        )
        value, err = self._check_figure(slot, text, context)
        if err:  # a scripted answer that bypassed the validator
            raise ValueError(f"{slot.name}: {err}")
        return value


    def _check_figure(self, slot: Slot, text: str, figures: dict) -> tuple[Any, str | None]:
        """(value, None) for a good answer, (None, None) for a skipped one, (None, message) otherwise.

        A figure may be typed with its unit or in Chinese numerals (questions.figure_text);
        type and range come from the figures-file validation (ctx.validate_figures), so the
        wizard accepts what `drafter draft` accepts, including part <= whole.
        """
        if not (text or "").strip():
            return None, ("此项为必填，请输入。" if slot.required else None)
        typed, problem = figure_text(text, slot.unit, slot.type)
        if problem:
            return None, problem
        trial = {k: v for k, v in figures.items() if k != slot.name}
        trial[slot.name] = typed
        norm, issues = self.ctx.validate_figures(trial)
        for issue in issues:
            name = issue.path[1] if len(issue.path) > 1 else None
            if name == slot.name:
                return None, issue.message
        for issue in issues:  # this figure, a whole, is now smaller than one of its parts
            if getattr(issue, "whole", None) == slot.name:
                return None, issue.message
        return norm.get(slot.name), None

    def _step_highlights(self) -> Iterator[Any]:
        a = self.answers
        items = [str(x) for x in (a.get("highlights") or [])]
        if items:
            says, choices = full_texts("上次的亮点", [Choice(t, t, True) for t in items])
            for line in says:
                yield line
            items = yield Ask(
                "checkbox", "highlights_keep", "上次的亮点：保留哪些？（取消勾选即删去）",
                choices=choices, empty="一条也不保留",
            )
            a["highlights"] = list(items)
        else:
            yield Say("请填写今年的工作亮点或特色做法，每次一条（直接回车结束）：")
        items = yield from self._free_items("highlight", "亮点", items)
        a["highlights"] = items

    def _free_items(self, key: str, noun: str, items: list[str], *, validate=None,
                    instruction: str | None = None) -> Iterator[Any]:
        items = list(items)
        while True:
            text = yield Ask(
                "text", key, f"{noun} {len(items) + 1}（直接回车结束）：", default="",
                validate=validate or _check_item, instruction=instruction,
            )
            text = (text or "").strip()
            if not text:
                return items
            items.append(text)

    def _step_problems(self) -> Iterator[Any]:
        yield from self._pick_items("problems", "problems", "problem", "存在问题", "问题")

    def _step_plans(self) -> Iterator[Any]:
        yield from self._pick_items("plans", "plans", "plan", "下一步工作打算", "打算")

    def _pick_items(self, key: str, section: str, function: str, title: str, noun: str) -> Iterator[Any]:
        a = self.answers
        current = a.get(key)
        own = [str(x) for x in current] if isinstance(current, list) else []
        prof = self.ctx.profile_of(a)
        candidates = self.ctx.top_phrases(section, function, prof, dict(a.get("figures") or {}), 8)
        choices = [Choice(t, t, True) for t in own]
        choices += [Choice(t, t, False) for t in candidates if t not in own]
        chosen: list[str] = []
        if choices:
            says, choices = full_texts(f"{title}的候选条目", choices)
            for line in says:
                yield line
            chosen = yield Ask(
                "checkbox", f"{key}_pick",
                f"{title}：勾选要写入稿件的条目（都不选则由系统自动撰写，也可在下面自己补充）",
                choices=choices, empty="未勾选",
            )
            chosen = list(chosen or [])
        else:
            yield Say(f"{title}：请逐条填写（直接回车结束；不填则由系统按常见写法自动撰写）。")
        a[key] = chosen or "auto"
        items = yield from self._free_items(f"{key}_own", f"补充{noun}", chosen)
        a[key] = items or "auto"
        if not items:
            yield Say(f"{title}：未选择条目，将由系统按常见写法自动撰写。")

    def _step_details(self) -> Iterator[Any]:
        """成文日期 (the signature's date), 单位简称 and 上级单位: the defaults are what the
        draft would write; only a changed answer is saved."""
        a = self.answers
        figures = dict(a.get("figures") or {})
        signature = dict(a.get("signature") or {})
        date = yield Ask(
            "text", "signature_date", "成文日期（落款下的日期，如 2026-12-20；直接回车=按默认）：",
            default=format_value(signature.get("date")), validate=check_date,
        )
        date = (date or "").strip()
        if date:
            signature["date"] = date
        else:
            signature.pop("date", None)
        if signature:
            a["signature"] = signature
        else:
            a.pop("signature", None)
        shown = self.ctx.context_values(self.ctx.profile_of(a), {})
        for name, key, what in (("单位简称", "short_name", "文中对本单位的称呼"), ("上级单位", "superior", "上级党委、政府的称呼")):
            default = str(figures.get(name) or shown.get(name) or "")
            text = yield Ask("text", key, f"{name}（{what}，回车=沿用“{default}”）：", default=default,
                             validate=check_short_text)
            text = (text or "").strip()
            if text and text != shown.get(name):
                figures[name] = text
            else:
                figures.pop(name, None)
        if figures or "figures" in a:
            a["figures"] = figures

    # ------------------------------------------------------------ preview

    def _preview(self) -> Iterator[Any]:
        from drafter.errors import DrafterError

        try:
            spec = self.ctx.make_spec(self.answers)
            draft = self.ctx.draft(spec)
        except DrafterError as exc:
            yield Say(f"答案有问题：{exc}")
            step = yield from self._choose_step("请选择要修改的一步：", "放弃（不保存任何文件）")
            if step == CANCEL:
                return CANCEL, None
            return BACK, step
        same = sorted(k for k, v in self._all_figures().items() if k in self._last_figures and self._last_figures[k] == v)
        if same and self._figures_year:
            shown = "；".join(f"{self.ctx.label(k)} {format_value(self._last_figures[k])}" for k in same[:8])
            more = f" 等 {len(same)} 项" if len(same) > 8 else ""
            yield Say(f"注意：以下数据与{self._figures_year}年度完全相同，是否忘了更新？{shown}{more}"
                      "（如需修改，在下面选“返回修改某一步”→“主要数据”）")
        yield Say("—— 草稿提纲预览 ——")
        for line in self.ctx.outline(draft):
            yield Say(line)
        yield Say("—— 预览结束 ——")
        findings = self.ctx.check(spec, draft)
        if findings:
            yield Say("检查发现：")
            for finding in findings:
                yield Say(f"  {finding}")
        action = yield Ask(
            "select", "preview", "提纲如上。接下来：",
            choices=[
                Choice("确认，生成 Word 文档", CONFIRM),
                Choice("返回修改某一步", BACK),
                Choice("取消（不保存任何文件）", CANCEL),
            ],
            default=CONFIRM,
        )
        if action == CONFIRM:
            return CONFIRM, (spec, draft)
        if action == CANCEL:
            return CANCEL, None
        step = yield from self._choose_step("要修改哪一步？")
        if step == CANCEL:
            return BACK, None
        return BACK, step

    def _choose_step(self, message: str, last: str = "不修改，返回预览") -> Iterator[Any]:
        choices = [Choice(f"{title}：{self.summary(step)}", step) for step, title in STEPS]
        choices.append(Choice(last, CANCEL))
        return (yield Ask("select", "back_step", message, choices=choices, default=STEP_IDS[0]))

    def summary(self, step: str) -> str:
        """A short summary of a step's current answer (for the go-back menu)."""
        a = self.answers
        if step == "unit":
            return a.get("unit", "（未填）")
        if step == "profile":
            return " / ".join(str(a.get(k) or "—") for k in ("level", "department", "family"))
        if step == "period":
            plan = "，含下一年度思路" if a.get("with_plan") else ""
            return f"{a.get('year', '?')}年度，{a.get('theme', '?')}{plan}"
        if step == "figures":
            return f"已填 {len(a.get('figures') or {})} 项"
        if step == "work":
            if a.get("theme") != THEME_ANNUAL:
                return "年度综合报告才填写"
            titles = [str(w.get("title")) for w in a.get("work") or []]
            return "、".join(titles) if titles else "按本类单位的常见工作"
        if step == "details":
            sig = a.get("signature") or {}
            extra = "、".join(f"{k} {v}" for k, v in (a.get("figures") or {}).items() if k in ("单位简称", "上级单位"))
            return "，".join(x for x in (f"成文日期 {format_value(sig.get('date'))}" if sig.get("date") else "", extra) if x) or "按默认"
        value = a.get(step)
        if isinstance(value, list):
            return f"{len(value)} 条" if value else "未填"
        return "系统自动" if value == "auto" else "（未填）"

    # ------------------------------------------------------------ output

    def _output(self, spec: Any, draft: Any) -> Iterator[Any]:
        default = self.ctx.default_output(spec, draft)
        while True:
            path = yield Ask("text", "output", "保存为（Word 文件）：", default=default, validate=check_docx_path)
            path = path.strip()
            if not path.lower().endswith(".docx"):
                path += ".docx"
            folder = os.path.dirname(path)
            if folder and not self.ctx.exists(folder):
                yield Say(f"文件夹不存在：{folder}。请换一个位置，或先建好这个文件夹。")
                default = path
                continue
            clash = [p for p in (path, answers_path_for(path)) if self.ctx.exists(p)]
            if not clash:
                return Outcome(CONFIRM, path, spec, draft, force=False)
            overwrite = yield Ask("confirm", "overwrite", f"文件已存在：{'、'.join(clash)}。覆盖吗？", default=False)
            if overwrite:
                return Outcome(CONFIRM, path, spec, draft, force=True)
            default = self._free_name(path)
            yield Say(f"不覆盖。请另取一个文件名（建议：{default}）。")

    def _free_name(self, path: str) -> str:
        """path with （2）, （3）, … added, the first whose draft and answers file are both free."""
        stem = path[:-5] if path.lower().endswith(".docx") else path
        for n in range(2, 100):
            candidate = f"{stem}（{n}）.docx"
            if not any(self.ctx.exists(p) for p in (candidate, answers_path_for(candidate))):
                return candidate
        return path


def _check_item(text: str) -> "bool | str":
    t = (text or "").strip()
    if len(t) > MAX_TEXT_CHARS:
        return f"每条最多 {MAX_TEXT_CHARS} 字，请分成几条填写。"
    if any(ord(c) < 32 for c in t):
        return "不能包含控制字符。"
    return True


def drive(wizard: Wizard, ask: Callable[[Ask], Any], say: Callable[[str], None]) -> Outcome:
    """Run the interview: each Ask goes to ask(), each Say to say()."""
    gen = wizard.flow()
    value = None
    try:
        while True:
            item = gen.send(value)
            if isinstance(item, Say):
                say(item.text)
                value = None
            else:
                value = ask(item)
    except StopIteration as stop:
        return stop.value
