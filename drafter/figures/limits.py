"""Limits of the figures-file schema against hostile or broken input.

The one source of these numbers: the schema, the YAML reader and the wizard's
prompts use them. Plain constants (the wizard imports them at start-up).
"""

from drafter.limits import MAX_FIGURES_BYTES as MAX_FILE_BYTES  # noqa: F401  (one home: drafter/limits.py)

MAX_EXPANDED_NODES = 200_000     # YAML alias expansion budget ("billion laughs")
MAX_TEXT_CHARS = 2000            # one highlight / problem / plan item
MAX_LIST_ITEMS = 100             # highlights / problems / plans
MAX_UNIT_CHARS = 300             # a unit name
MAX_WORK_TITLE_CHARS = 30        # the title of a line of work (work: title)
MIN_YEAR, MAX_YEAR = 1990, 2100  # the report year
MAX_DIGITS = 30                  # longer numbers are read as text (never int() on them)
