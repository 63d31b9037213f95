"""User-facing errors.

Every error a user can cause is raised as a DrafterError whose message is in
Chinese and names the file, the key or line, and what to do. The CLI prints it
without a traceback and exits non-zero.
"""

from __future__ import annotations


class DrafterError(Exception):
    """An error caused by the user's input or environment, with a Chinese message."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        # echoed user text (unit and key names, file names) never reaches the
        # terminal raw: drafter.textutil.for_terminal is the one cleaner
        from drafter.textutil import for_terminal

        if self.hint:
            return for_terminal(f"{self.message}\n提示：{self.hint}")
        return for_terminal(self.message)


class InputError(DrafterError):
    """Bad figures/answers/corpus input (file, key, line named in the message)."""


class OutputExistsError(DrafterError):
    """Refusing to overwrite an existing file without --force."""
