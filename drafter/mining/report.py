"""phrasebank/mining-report.md: what was scrubbed, excluded and proposed (Chinese, deterministic)."""

from __future__ import annotations

from collections import Counter

KIND_CN = {
    "doc_number": "文号", "gazetteer": "已知地名/人名/单位/本地品牌", "person": "人名", "name": "仅一个单位使用的专名",
    "placeholder": "匿名占位（XX）", "division": "行政区划名（divisions.txt）", "own_name": "本单位名称", "self_reference": "单位自称", "superior": "上级机关",
}
ACTION_CN = {"replaced": "替换为数据项", "removed": "删除（括号内）", "dropped": "整句舍弃"}
REASON_CN = {
    "doc_number": "含文号", "gazetteer": "含已知地名/人名/单位名", "person": "含人名", "name": "含仅一个单位使用的专名", "division": "含行政区划名",
    "placeholder": "含无法替换的 XX", "event_date": "含具体日期（单位事实）", "other_year": "含非相邻年份",
    "year_unknown": "年份无法判断", "chinese_figure": "含中文数字计数", "figure_in_title": "书名号/引号内含数字",
    "no_slot": "数字无法转为数据项", "slot_twice": "同一数据项出现两次", "deleted_figure": "缺数字且无匹配数据项",
    "number": "含无法解释的数字", "no_function": "无法判定句子作用", "garbage": "含噪声（标记、D、AAA、XX 等）",
    "paraphrase": "含伪原创痕迹", "unbalanced": "引号/括号不成对", "fragment": "残句", "dependent_start": "依赖上文的开头",
    "length": "标题长度不合适", "section_title": "章节标题", "too_short": "过短", "too_long": "过长",
    "intro_like": "引导语", "unit_fact": "本单位获奖、表彰等事实", "latin": "含英文", "scrub": "专名筛查",
    "typo": "含无法安全更正的错别字（typos.yaml）", "reject": "不宜写入报告的说法（typos.yaml reject）",
    "formula": "政治提法写法错误（politics.yaml）", "repeated_item": "列举项重复", "directive": "讲话中的「要」字指令句",
    "proverb": "俗语格言或仅由四字套语组成", "no_verb": "缺少谓语", "intro_fragment": "引导语从半句开始（主要表现在……）", "page_chrome": "网页栏目、按钮等页面元素",
}
BINDING_CN = {
    "campaign_years": "含年度性活动、会议（只在 politics.yaml 规定的年度使用）",
    "campaigns_never_together": "所含活动没有共同年度（舍弃）",
    "role_word": "含本单位职务、内设机构等说法（只给同类单位、同一层级使用）",
    "role_word_unknown_unit": "含职务、机构说法但来源单位不明（舍弃）",
    "coordinating": "牵头协调单位的说法（只给政府、政府办、政务服务中心及来源同类单位使用）",
    "level_word": "含层级用语（只给来源同一层级、同一系统使用）",
    "level_word_unknown_unit": "含层级用语但来源层级不明（舍弃）",
    "named_programme": "只有一个单位使用的自有品牌、活动名称（舍弃）",
    "unit_document": "只有一个单位写过的本单位制定、印发的具名文件（舍弃，别的单位没有发过）",
    "single_unit_family": "年度综合类只有一个单位写过且用词不跨系统（只给该系统使用）",
}


def _where_key(where: str):
    name, _, line = where.rpartition(":")
    return (name, int(line) if line.isdigit() else 0)


def _cell(s) -> str:
    return str(s).replace("|", "｜").replace("\n", " ")


def render_report(report, bank) -> str:
    out = ["# 短语库挖掘报告", "",
           "本文件由 `drafter mine` 生成，列出挖掘时替换、舍弃和建议新增的内容，便于人工复核。", ""]
    m = bank.manifest
    out += ["## 概况", "",
            f"* 文件 {len(report.files)} 个，总结 {m.get('documents', 0)} 篇（近似重复的文档只计一次），单位 {report.units_total} 个",
            f"* 短语 {m.get('phrases', 0)} 条", ""]
    from drafter.models import PHRASE_FUNCTION_CN, PHRASE_SECTION_CN

    names = {"section": PHRASE_SECTION_CN, "function": PHRASE_FUNCTION_CN, "theme": {"generic": "通用", "": "通用"}}
    for key, title in (("section", "按部分"), ("function", "按作用"), ("theme", "按主题")):
        counts = m.get("counts", {}).get(key, {})
        out.append(f"* {title}：" + "，".join(f"{names[key].get(k, k)} {v}" for k, v in sorted(counts.items())))
    out.append("")
    if report.problems:
        out += ["## 无法读取的文件", ""] + [f"* {_cell(p)}：{_cell(r)}" for p, r in report.problems] + [""]
    out += ["## 文档", "", "| 位置 | 标题 | 单位 | 层级 | 系统 | 主题 | 年度 | 部分 | 近似重复于 |", "|---|---|---|---|---|---|---|---|---|"]
    for row in report.documents:
        out.append("| " + " | ".join(_cell(row[k]) for k in ("where", "title", "unit", "level", "family", "theme", "year", "sections", "copy_of")) + " |")
    out.append("")
    out += ["## 专名与指代处理", "", "| 类别 | 内容 | 处理 | 次数 | 首次出现 |", "|---|---|---|---|---|"]
    for key in sorted(report.hits, key=lambda k: (k[0], k[2], -report.hits[k], k[1])):
        kind, term, action = key
        out.append(f"| {KIND_CN.get(kind, kind)} | {_cell(term)} | {ACTION_CN.get(action, action)} | {report.hits[key]} | {report.hit_examples.get(key, '')} |")
    out.append("")
    out += ["## 舍弃的句子（按原因）", "", "| 原因 | 句数 | 例句 |", "|---|---|---|"]
    for reason in sorted(report.dropped, key=lambda r: (-report.dropped[r], r)):
        ex = report.drop_examples.get(reason, [])
        sample = "；".join(f"{w} 「{_cell(t[:40])}」" for w, t in ex[:2])
        out.append(f"| {REASON_CN.get(reason, reason)}（{reason}） | {report.dropped[reason]} | {sample} |")
    out.append("")
    out += _trust_parts(report)
    if report.excluded:
        reasons = Counter(r for _, _, r in report.excluded)
        out += ["## 整段排除（清洗阶段标记）", ""]
        out += [f"* {r}：{n} 段" for r, n in sorted(reasons.items())]
        out += ["* 位置：" + "，".join(f"{s}:{ln}" for s, ln, _ in sorted(report.excluded)[:40]), ""]
    if report.copies:
        out += ["## 近似重复的文档（支持度只计一次）", ""] + [f"* {a} ≈ {b}" for a, b in report.copies] + [""]
    out += _vocabulary_parts(report)
    out += ["## 建议新增的数据项", "",
            "挖掘时遇到数据目录（drafter/data/slots.yaml）中没有的数字，按量词和前面的词提出以下建议；"
            "确认后可复制到 slots.yaml。", "",
            "| 名称 | 单位 | 类型 | 同义 | 例句位置 |", "|---|---|---|---|---|"]
    for s in report.proposed:
        out.append(f"| {_cell(s.name)} | {_cell(s.unit)} | {s.type} | {_cell('、'.join(s.aliases))} | {_cell('，'.join(s.evidence))} |")
    out.append("")
    if report.renamed:
        out += ["## 归并到已有数据项的说法", ""]
        out += [f"* {a} → {b}" for a, b in sorted(report.renamed.items())] + [""]
    return "\n".join(out)


def _trust_parts(report) -> list[str]:
    """The repaired, rejected and bound phrases (issue 10's quality gate)."""
    out: list[str] = []
    if getattr(report, "repaired", None):
        out += ["## 挖掘前更正的句子", "",
                f"按 drafter/data/typos.yaml 更正错别字、按 drafter/data/politics.yaml 补全政治提法、"
                f"按 mining.yaml binding.neutral 改为中性说法的句子共 {len(report.repaired)} 句。", "",
                "| 位置 | 原句 | 更正后 |", "|---|---|---|"]
        for where, before, after in sorted(report.repaired, key=lambda t: (_where_key(t[0]), t[1])):
            out.append(f"| {where} | {_cell(before)} | {_cell(after)} |")
        out.append("")
    if getattr(report, "rejects", None):
        out += ["## 质量关卡舍弃的句子（逐条）", "",
                "错别字按 drafter/data/typos.yaml 更正、政治提法按 drafter/data/politics.yaml 补全之后仍不合格的句子；"
                "规则在这两个表和 drafter/data/mining.yaml（gate:）中，可以补充。", "",
                "| 原因 | 位置 | 原句 |", "|---|---|---|"]
        for why, where, text in sorted(report.rejects, key=lambda t: (t[0], _where_key(t[1]), t[2])):
            kind, _, detail = why.partition(":")
            label = REASON_CN.get(kind, kind) + (f"：{detail}" if detail else "")
            out.append(f"| {_cell(label)} | {where} | {_cell(text)} |")
        out.append("")
    if getattr(report, "bindings", None):
        out += ["## 限定使用范围的短语", "", "| 原因 | 短语数 |", "|---|---|"]
        for why in sorted(report.bindings, key=lambda w: (-report.bindings[w], w)):
            out.append(f"| {BINDING_CN.get(why, why)}（{why}） | {report.bindings[why]} |")
        out.append("")
    if getattr(report, "generic_single", None):
        out += ["## 只有一个单位写过、但用词跨系统而不绑定的年度综合短语", "",
                "句中每个实词和相邻实词搭配都在两个以上部门系统的总结中出现过（mining.yaml binding:）。", "",
                "| 编号 | 短语 |", "|---|---|"]
        out += [f"| {pid} | {_cell(text)} |" for pid, text in sorted(report.generic_single)]
        out.append("")
    return out


def _vocabulary_parts(report) -> list[str]:
    """Department vocabulary, problem/plan families and generic counts."""
    out: list[str] = []
    vocab = getattr(report, "vocabulary", None)
    if vocab is not None and vocab.words:
        out += ["## 部门特有词汇", "",
                "只在一个部门系统（family）的总结中出现的实词（jieba 词性 n/vn/nz，且不是通用政务词、层级词或常用词）。"
                "含这些词的短语只给该系统的单位使用（family 标为来源文档的系统），不会进入其他部门的初稿。"
                "粗体为强特征词（多次出现，单独一个即可绑定）；其余需同一句中出现两个以上。"
                "误判的词可加入 drafter/data/mining.yaml 的 vocabulary.generic，漏判的部门内部用语可加入 vocabulary.bind_to_source。", "",
                "| 系统 | 绑定短语数 | 词（出现次数） |", "|---|---|---|"]
        for fam, words in vocab.by_family().items():
            cells = "、".join((f"**{d.word}**" if d.strong else d.word) + f"（{d.count}）" for d in words)
            out.append(f"| {_cell(fam)} | {vocab.bound.get(fam, 0)} | {_cell(cells)} |")
        out.append("")
    if getattr(report, "families", None):
        out += ["## 问题与打算的类别（按单位数计支持度）", "",
                "同一类问题（如「人员变动频繁」「更新不及时」）措辞不同，按 mining.yaml 的 problem_families / plan_families "
                "归类后按提到它的单位数排序；短语的 topic 即类别，初稿中同一类只取一句。", "",
                "| 部分 | 类别 | 单位数 | 单位 |", "|---|---|---|---|"]
        for (section, fam), units in sorted(report.families.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
            out.append(f"| {section} | {_cell(fam)} | {len(units)} | {_cell('、'.join(u for u in units))} |")
        out.append("")
    if getattr(report, "generic_counts", None):
        out += ["## 通用短语数量（不绑定部门系统）", "",
                "| 部分/作用 | 短语 | 无系统 | 无系统且无主题 |", "|---|---|---|---|"]
        for (section, function), (n, nofam, generic) in report.generic_counts.items():
            out.append(f"| {section}/{function} | {n} | {nofam} | {generic} |")
        out.append("")
    return out
