"""The wizard's interview as a pure state machine over an answers dict.

`Wizard.flow()` is a generator: it yields `Ask` (a question) and `Say` (a line to
show) objects from drafter.wizard.questions and receives each answer through
`send()`. It never touches the terminal or the file system itself; everything
that needs the phrase bank, the profile inference or the drafting code goes
through a context object (see `WizardContext` in drafter/wizard/context.py), so the
flow can be driven by questionary, by a test script, or by anything else.

The answers dict uses the keys of the figures file (`drafter draft` format):
unit, year, theme, with_plan, level, department, family, figures, work
([{title, points, figures}]), highlights, problems, plans, signature, seed.

Steps live in three modules: this one (driver, resume, unit, profile, period,
highlights, problems, plans, details), figure_steps.py (主要工作, 主要数据) and
preview.py (preview, go back, output name); steps.py holds the step table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol

from drafter.wizard.figure_steps import FigureSteps
from drafter.wizard.preview import PreviewSteps
from drafter.wizard.questions import (Ask, Choice, Say, check_date, check_item, check_short_text, check_unit, check_year,
                                      format_value)
from drafter.wizard.steps import (
    BACK,
    CANCEL,
    KEEP,
    REVIEW,
    STEP_IDS,
    STEP_KEYS,
    STEP_TITLES,
    UNSURE,
    Outcome,
    full_texts,
)

if TYPE_CHECKING:
    from drafter.slots import Slot


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


@dataclass
class Wizard(FigureSteps, PreviewSteps):
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
                validate=validate or check_item, instruction=instruction,
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
