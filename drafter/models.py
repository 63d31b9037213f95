"""Boundary data models shared by the miner and the drafter.

Plain dataclasses (fast to import; the drafting path uses UnitProfile).
Fields may be added; existing names are a contract between modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Canonical section names (top-level sections of a 工作总结).
OPENING = "opening"
BASIC_INFO = "basic_info"
OVERVIEW = "overview"
ACHIEVEMENTS = "achievements"
MEASURES = "measures"
RESULTS = "results"
PROBLEMS = "problems"
PROBLEMS_PLANS = "problems_plans"
PLANS = "plans"
CLOSING = "closing"
SIGNATURE = "signature"

CANONICAL_SECTIONS = (
    OPENING,
    BASIC_INFO,
    OVERVIEW,
    ACHIEVEMENTS,
    MEASURES,
    RESULTS,
    PROBLEMS,
    PROBLEMS_PLANS,
    PLANS,
    CLOSING,
    SIGNATURE,
)

# Themes (report kinds by subject).
THEME_OPENNESS = "政务公开"
THEME_ANNUAL = "年度综合"
THEME_RURAL = "乡村振兴·帮扶"
THEMES = (THEME_OPENNESS, THEME_ANNUAL, THEME_RURAL)

# Administrative levels.
LEVELS = ("市", "区", "县", "乡镇", "街道", "社区", "园区")

# Context slots: filled from the unit and the report year, never asked as figures.
CONTEXT_SLOTS = ("年度", "下一年度", "上一年度", "单位", "单位简称", "上级单位", "截至日期")
# Context slots a figures file may set (the others come from the unit and the year).
USER_CONTEXT_SLOTS = ("截至日期", "单位简称", "上级单位")
# Context slots every draft can fill (截至日期 needs a date from the user or the signature).
ALWAYS_FILLABLE = frozenset(CONTEXT_SLOTS) - {"截至日期"}


@dataclass
class UnitProfile:
    """Who wrote a report (or who a draft is for)."""

    name: str = ""                  # unit name as written, e.g. "XX县民政局" / "某某镇人民政府"
    level: str | None = None        # one of LEVELS
    department: str | None = None   # canonical department, e.g. "民政局", "人民政府"
    family: str | None = None       # department family from the taxonomy, e.g. "民政"
    theme: str | None = None        # one of THEMES
    with_plan: bool = False         # report also carries next year's plan (…及{下一年度}年工作思路)
    year: int | None = None         # report year
    family_confidence: float = 1.0  # < 1.0 when the family was guessed by n-gram similarity


@dataclass
class Paragraph:
    text: str                       # cleaned text
    line: int                       # 1-based line in the source file
    placeholders: list[str] = field(default_factory=list)  # marks found: "XX", "202_", "deleted_figure"
    paraphrase_score: float = 0.0   # machine-paraphrase score (0 = clean)
    excluded: str | None = None     # why this paragraph must not be mined (e.g. "paraphrase"), else None


@dataclass
class Section:
    heading: str | None             # heading text without its marker; None for the opening block
    marker: str | None              # "一、", "（一）", "1.", "（1）", "一是", … or None
    level: int                      # 1 = top-level section of the document
    line: int                       # line of the heading (or first paragraph)
    canonical: str | None = None    # one of CANONICAL_SECTIONS (set on level-1 sections)
    confidence: float = 1.0         # 1.0 for keyword rules, classifier probability otherwise
    rule: str | None = None         # "keyword", "classifier", "position", "inherited"
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    excluded: str | None = None     # why the heading text must not be mined (e.g. "paraphrase"), else None


@dataclass
class Document:
    source: str                     # source file name (not path)
    start_line: int                 # 1-based, title line (or first body line when untitled)
    end_line: int                   # 1-based, last body line
    title: str                      # cleaned title ("" if the source has none)
    title_inferred: bool = False    # True when the title was inferred, not read
    sections: list[Section] = field(default_factory=list)   # level-1 sections in order, opening first
    profile: UnitProfile = field(default_factory=UnitProfile)
    cleaned: dict[str, int] = field(default_factory=dict)   # cleaning rule id -> times applied
    excluded: list[str] = field(default_factory=list)       # human-readable notes of excluded paragraphs

    def canonical_sections(self) -> list[str]:
        return [s.canonical for s in self.sections if s.canonical]

    def text(self, *, title: bool = False) -> str:
        """(Title +) every heading and paragraph in reading order, one per line."""
        out = [self.title] if title and self.title else []

        def walk(section: Section) -> None:
            if section.heading:
                out.append(section.heading)
            out.extend(p.text for p in section.paragraphs)
            for child in section.children:
                walk(child)

        for section in self.sections:
            walk(section)
        return "\n".join(out)


@dataclass
class ReadProblem:
    """A file the reader could not use (reported by name, the run goes on)."""

    path: str
    reason: str                     # Chinese, e.g. "无法识别的编码" / "不是文本文件"


# How a phrase's section and function are shown to users (drafter phrases, mine, mining-report.md).
PHRASE_SECTION_CN = {"opening": "开头", "achievements": "工作成效", "problems": "存在问题", "plans": "下一步打算",
                     "closing": "结尾"}
PHRASE_FUNCTION_CN = {"heading": "小标题", "opening": "开头语", "intro": "引导语", "measure": "做法", "result": "数据句",
                      "problem": "问题", "plan": "打算", "closing": "结束语"}
