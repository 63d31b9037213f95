"""drafter check: each rule fires on a draft that has the problem and stays quiet on a clean one."""

from __future__ import annotations

import json

import pytest
from docx_builder import CLEAN, build_docx, copy_paragraphs

from drafter.check import Finding, check_docx, check_text, has_errors
from drafter.cli import main

SPEC = {"unit": "某某县民政局", "year": 2026, "figures": {"专题会议次数": 4, "主动公开信息数": 1530, "政策文件公开数": 86}}


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


# ---------------------------------------------------------------- clean draft


@pytest.fixture(scope="module")
def clean_docx(tmp_path_factory):
    path = build_docx(tmp_path_factory.mktemp("check") / "clean.docx")
    import docx

    assert docx.Document(str(path)).paragraphs[0].text == CLEAN[0]
    return path


def test_clean_draft_has_no_findings(clean_docx):
    findings = check_docx(clean_docx, SPEC)
    assert findings == [], [str(f) for f in findings]


def test_clean_draft_without_figures_has_no_findings(clean_docx):
    assert check_docx(clean_docx) == []


def test_clean_text_has_no_findings():
    assert check_text(CLEAN, figures=SPEC) == []


# ---------------------------------------------------------------- placeholders and noise


@pytest.mark.parametrize(
    "text, code",
    [
        ("我局对XX县的政务公开工作进行了检查。", "placeholder-xx"),
        ("我局对ＸＸ县的政务公开工作进行了检查。", "placeholder-xx"),          # full-width
        ("我局对××县的政务公开工作进行了检查。", "placeholder-xx"),
        ("由○○同志负责政务公开工作。", "placeholder-xx"),
        ("全年公开信息□□条，办结申请12件。", "placeholder-xx"),
        ("会同△△局开展联合检查。", "placeholder-xx"),
        ("全年主动公开信息{主动公开信息数}条。", "placeholder-brace"),
        ("全年主动公开信息｛主动公开信息数｝条。", "placeholder-brace"),    # full-width braces
        ("全年主动公开信息主动公开信息数｝条。", "placeholder-brace"),      # a lone closing one
        ("全年公开信息【待补】条。", "placeholder-todo"),
        ("202_年以来，我局认真落实各项要求。", "placeholder-year"),
        ("20xx年以来，我局认真落实各项要求。", "placeholder-year"),
        ("加强##paidbegin##政务公开。", "noise-paid"),
        ("更多范文请加入会员群下载。", "noise-advert"),
        ("展开阅读全文", "noise-web"),
        ("坚持以D建引领政务公开工作，全体D员积极参与。", "noise-d-for-dang"),
        ("通过AAA公众号发布信息120条。", "noise-aaa-for-weixin"),
        ("坚持政务效劳工作，提高根底信息质量。", "paraphrase"),
        ("认真贯彻《政府信息披露条例》。", "paraphrase"),
    ],
)
def test_text_noise_rules_fire(text, code):
    paras = copy_paragraphs(replace={8: text})
    found = check_text(paras)
    assert code in codes(found), [str(f) for f in found]
    hit = [f for f in found if f.code == code][0]
    assert hit.severity == "error"
    assert hit.location == "第9段"


@pytest.mark.parametrize(
    "text",
    [
        "我局高度重视党建工作，党员干部积极参与。",           # 党 written out
        "通过微信公众号发布信息。",
        "网站地址为 www.example.gov.cn/DOC，欢迎访问。",     # Latin D is not 党
        "进一步规范服务流程，夯实基础工作。",
        "某某县民政局将按时报送材料，准时参加会议。",
    ],
)
def test_clean_sentences_do_not_fire(text):
    paras = copy_paragraphs(replace={8: text})
    found = check_text(paras)
    assert not [f for f in found if f.code.startswith(("placeholder", "noise", "paraphrase"))], [str(f) for f in found]


# ---------------------------------------------------------------- foreign names


def test_foreign_place_fires_and_own_name_does_not():
    paras = copy_paragraphs(replace={8: "我局赴沂水县学习考察，借鉴太湖县经验。"})
    found = [f for f in check_text(paras, unit="某某县民政局", year=2026) if f.code == "foreign-place"]
    names = " ".join(f.message for f in found)
    assert "沂水县" in names and "太湖县" in names
    assert all(f.severity == "error" for f in found)


def test_own_place_is_not_foreign():
    paras = copy_paragraphs(replace={0: "张家坡镇人民政府2026年工作总结", 8: "张家坡镇全镇上下团结一心，全县各乡镇共同推进。",
                                     11: "张家坡镇人民政府"})
    found = check_text(paras, unit="张家坡镇人民政府", year=2026)
    assert "foreign-place" not in codes(found), [str(f) for f in found]


def test_generic_place_words_are_not_names():
    text = "推进城乡一体化，覆盖全县所有行政村和社区，联合县直部门开展督查，各乡镇、开发区同步推进。"
    paras = copy_paragraphs(replace={8: text})
    found = check_text(paras, unit="某某县民政局", year=2026)
    assert not [f for f in found if f.code.startswith("foreign")], [str(f) for f in found]


def test_gazetteer_names_are_errors(monkeypatch):
    import drafter.check.places as ct

    monkeypatch.setattr(ct, "gazetteer_names", lambda: ("锦湖村", "霍山县"))
    paras = copy_paragraphs(replace={8: "组织干部到锦湖村走访慰问，学习霍山县经验。"})
    found = [f for f in check_text(paras, unit="某某县民政局") if f.code == "foreign-place"]
    assert {"锦湖村", "霍山县"} <= {n for f in found for n in ("锦湖村", "霍山县") if n in f.message}


# ---------------------------------------------------------------- years


def test_title_year_must_be_report_year():
    paras = copy_paragraphs(replace={0: "某某县民政局2025年政务公开工作总结"})
    found = check_text(paras, figures=SPEC)
    assert "year-title" in codes(found)
    assert has_errors(found)


def test_plans_in_report_year_and_achievements_in_next_year_warn():
    paras = copy_paragraphs(replace={10: "2026年，我局将持续深化政务公开。", 4: "2027年我局调整充实了领导小组，召开专题会议4次。"})
    found = check_text(paras, figures=SPEC)
    assert {"year-plans", "year-achievements"} <= codes(found), [str(f) for f in found]
    assert all(f.severity == "warning" for f in found if f.code.startswith("year-"))


def test_far_year_warns_but_law_title_year_does_not():
    paras = copy_paragraphs(replace={8: "2019年以来的问题仍未解决。", 9: "三、2027年工作打算"})
    paras[4] = "认真落实《2019年政务公开工作要点》，召开专题会议4次。"
    found = check_text(paras, year=2026)
    far = [f for f in found if f.code == "year-far"]
    assert [f.location for f in far] == ["第9段"]


def test_signature_date_year():
    paras = copy_paragraphs(replace={12: "2023年12月20日"})
    found = check_text(paras, year=2026)
    assert "layout-signature-date" in codes(found)


# ---------------------------------------------------------------- numbering


def test_numbering_gap_and_repeat():
    paras = copy_paragraphs(replace={9: "四、2027年工作打算"})
    found = check_text(paras)
    gap = [f for f in found if f.code == "numbering-gap"]
    assert gap and gap[0].location == "第10段" and "三、" in gap[0].message
    paras = copy_paragraphs(replace={5: "（一）抓好主动公开"})
    assert "numbering-gap" in codes(check_text(paras))


def test_second_level_restarts_under_each_first_level():
    ok = copy_paragraphs(insert={8: "（一）政策解读形式单一"})
    assert not {"numbering-gap", "numbering-restart"} & codes(check_text(ok))
    bad = copy_paragraphs(insert={8: "（三）政策解读形式单一"})
    found = check_text(bad)
    assert "numbering-restart" in codes(found), [str(f) for f in found]


def test_inline_enumeration():
    bad = copy_paragraphs(replace={6: "全年主动公开政府信息1530条。一是及时更新目录；三是规范发布流程。"})
    found = [f for f in check_text(bad) if f.code == "numbering-inline"]
    assert found and "二是" in found[0].message
    missing_first = copy_paragraphs(replace={8: "政策解读形式单一。二是基层公开标准化程度不高。"})
    assert "numbering-inline" in codes(check_text(missing_first))
    # 一是/二是 as separate paragraphs continue the run; ordinary 是 words don't count
    ok = copy_paragraphs(replace={8: "一是政策解读形式单一。", 9: "二是基层公开标准化程度不高，这是短板。"},
                         insert={10: "三、2027年工作打算"})
    assert "numbering-inline" not in codes(check_text(ok)), [str(f) for f in check_text(ok)]


# ---------------------------------------------------------------- repeats


def test_repeated_sentence():
    long_s = "我局调整充实了政务公开工作领导小组，全年召开专题会议4次，研究部署重点任务。"
    paras = copy_paragraphs(replace={8: long_s})
    found = [f for f in check_text(paras) if f.code == "repeated-sentence"]
    assert found and found[0].severity == "error" and "第5段" in found[0].message


# ---------------------------------------------------------------- figures


def test_missing_figure_is_an_error():
    spec = dict(SPEC, figures=dict(SPEC["figures"], 依申请公开件数=37))
    found = check_text(CLEAN, figures=spec)
    missing = [f for f in found if f.code == "figure-missing"]
    assert len(missing) == 1 and "依申请公开件数" in missing[0].message and missing[0].severity == "error"


def test_number_not_in_figures_warns_but_dates_ordinals_do_not():
    paras = copy_paragraphs(replace={8: "3月15日召开第2次会议，受理申请57件，办结时限为15个工作日。"})
    found = [f for f in check_text(paras, figures=SPEC) if f.code == "figure-unknown-number"]
    assert [f.message.split("“")[1].split("”")[0] for f in found] == ["57"]
    assert found[0].severity == "warning"


def test_figure_written_in_wan_and_with_separator():
    spec = {"unit": "某某县民政局", "year": 2026, "figures": {"资金": 12345678, "人次": 1530}}
    paras = copy_paragraphs(replace={6: "全年发放资金1234.57万元，服务群众1,530人次。"})
    found = check_text(paras, figures=spec)
    assert "figure-missing" not in codes(found), [str(f) for f in found]


def test_figures_from_unitspec_like_object():
    class Spec:
        unit = "某某县民政局"
        year = 2026
        figures = {"主动公开信息数": 9999}

    found = check_text(CLEAN, figures=Spec())
    assert "figure-missing" in codes(found)


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"page_width_mm": 216}, "layout-page-size"),
        ({"margins_mm": (25.4, 25.4, 31.8, 31.8)}, "layout-margins"),
        ({"title_font": "宋体"}, "layout-title-font"),
        ({"title_size": 18}, "layout-title-size"),
        ({"body_size": 14}, "layout-body-size"),
        ({"body_font": "宋体"}, "layout-body-font"),
        ({"heading1_font": "仿宋_GB2312"}, "layout-heading-font"),
        ({"heading2_font": "黑体"}, "layout-heading-font"),
        ({"east_asia": False}, "layout-east-asia"),
        ({"theme_east_asia": True, "east_asia": False}, "layout-east-asia"),
        ({"indent": False}, "layout-body-indent"),
        ({"line_rule": "auto"}, "layout-line-spacing"),
        ({"page_field": False}, "layout-page-number"),
        ({"even_odd": False}, "layout-even-odd"),
        ({"even_footer": False}, "layout-page-number"),
        ({"signature_align": "left"}, "layout-signature-align"),
    ],
)
def test_layout_rule_fires(tmp_path, kwargs, code):
    path = build_docx(tmp_path / "bad.docx", **kwargs)
    found = check_docx(path, SPEC)
    assert code in codes(found), [str(f) for f in found]
    assert [f for f in found if f.code == code][0].severity == "error"


@pytest.mark.parametrize(
    "kwargs, code",
    [({"title_center": False}, "layout-title-align"), ({"line_pt": 20}, "layout-line-spacing-value"),
     ({"page_number_size": 10.5}, "layout-page-number-size")],
)
def test_layout_niceties_warn(tmp_path, kwargs, code):
    found = check_docx(build_docx(tmp_path / "w.docx", **kwargs), SPEC)
    assert code in codes(found)
    assert not errors(found), [str(f) for f in errors(found)]


def test_markdown_draft_gets_text_rules(tmp_path):
    md = tmp_path / "d.md"
    md.write_text("# 某某县民政局2026年工作总结\n\n我局与XX县开展合作。\n", encoding="utf-8")
    assert "placeholder-xx" in codes(check_docx(md))


# ---------------------------------------------------------------- CLI


def test_cli_clean_exit_zero(clean_docx, tmp_path, capsys):
    figs = tmp_path / "f.yaml"
    figs.write_text("unit: 某某县民政局\nyear: 2026\nfigures: {专题会议次数: 4, 主动公开信息数: 1530, 政策文件公开数: 86}\n",
                    encoding="utf-8")
    rc = main(["check", str(clean_docx), "--figures", str(figs), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["errors"] == 0 and out["findings"] == []


def test_cli_errors_exit_nonzero_and_chinese(tmp_path, capsys):
    path = build_docx(tmp_path / "bad.docx", copy_paragraphs(replace={8: "我局与XX县开展合作。"}))
    rc = main(["check", str(path)])
    out = capsys.readouterr().out
    assert rc == 1
    assert "错误" in out and "第9段" in out and "XX" in out and "个错误" in out


def test_cli_missing_or_broken_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.docx")]) == 2
    assert "找不到" in capsys.readouterr().err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "不是有效的 Word" in err and "Traceback" not in err
