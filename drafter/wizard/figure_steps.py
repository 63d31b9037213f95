"""The figures of the interview: the 主要工作 step of an annual report (the department's
lines of work, points and the figures that fit each line) and the 主要数据 step (the
other figures of the unit's kind, by group), each figure typed as people type it.
A mixin of Wizard (drafter/wizard/flow.py): it uses self.answers, self.ctx and
self._free_items; pure like the rest of the flow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from drafter.models import THEME_ANNUAL
from drafter.textutil import plain_label
from drafter.wizard.questions import Ask, Choice, Say, check_work_title, figure_text, format_value, shorten
from drafter.wizard.steps import TYPE_HINTS, full_texts, grouped

if TYPE_CHECKING:
    from drafter.slots import Slot


class FigureSteps:
    """The 主要工作 and 主要数据 steps."""

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
        titles = list(dict.fromkeys(titles))            # a title typed twice is one line of work
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
