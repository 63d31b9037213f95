"""Limits on what drafter reads and renders: the one source of these numbers.

Inputs come from other offices (bulk files travel by e-mail) and from folders
of old reports; none of them may hang drafter or exhaust the machine's memory.
Plain constants, standard library only (the wizard imports them at start-up).
The figures-file schema's own limits are in drafter/figures/limits.py.
"""

MAX_FIGURES_BYTES = 5 * 1024 * 1024       # a figures, bulk or answers file (YAML)
MAX_FIGURES_LINES = 100_000               # … and its lines (500 units of a bulk file: ~15,000), checked before parsing
MAX_CORPUS_TEXT_BYTES = 20 * 1024 * 1024  # one .txt/.md corpus file, or a .txt/.md draft to check
MAX_DOCX_BYTES = 50 * 1024 * 1024         # a .docx file on disk
DOCX_MAX_XML_BYTES = 16 * 1024 * 1024     # a .docx's XML parts, inflated (a long report: 1-5 MB; check reads ~1 MB/s)
DOCX_MAX_MEMBER_BYTES = 64 * 1024 * 1024  # any one part of a .docx, inflated (an embedded image)
DOCX_MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts of a .docx, inflated
MAX_TEMPLATE_BYTES = 256 * 1024           # a user skeleton (--template) and each file it includes
MAX_RENDER_CHARS = 2 * 1024 * 1024        # what a skeleton may render
MAX_RENDER_SECONDS = 10                   # how long a skeleton may render
MAX_ISSUES_SHOWN = 50                     # validation problems printed (the rest counted: 另有 N 处)
