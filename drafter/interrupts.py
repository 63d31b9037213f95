"""SIGTERM and SIGHUP handled like Ctrl-C.

A CI timeout, `kill`, or a closed SSH session sends SIGTERM/SIGHUP; by default
either kills the process where it stands, skipping the clean-up that Ctrl-C
(KeyboardInterrupt) runs: temporary files and staging folders would stay, and
a bank could be left half-swapped. Inside `stop_like_ctrl_c()` both raise
KeyboardInterrupt in the main thread instead, so one clean-up path serves all
three. A signal the process was started to ignore (nohup) stays ignored.
Standard library only.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

SIGNAL_NAMES = ("SIGTERM", "SIGHUP")


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def stop_like_ctrl_c() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for name in SIGNAL_NAMES:
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        old = signal.getsignal(sig)
        if old is signal.SIG_IGN:
            continue
        previous[sig] = old
        signal.signal(sig, _raise_interrupt)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
