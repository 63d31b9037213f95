"""The end of the interview: the outline preview (with the checker's findings), the
go-back menu and the output file name. A mixin of Wizard (drafter/wizard/flow.py).
"""

from __future__ import annotations

import os
from typing import Any, Iterator

from drafter.models import THEME_ANNUAL
from drafter.wizard.questions import Ask, Choice, Say, answers_path_for, check_docx_path, format_value
from drafter.wizard.steps import BACK, CANCEL, CONFIRM, STEP_IDS, STEPS, Outcome


class PreviewSteps:
    """Preview, go back, choose the output file."""

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
