"""A progress bar on a terminal, nothing when output is piped."""

from __future__ import annotations

import sys
from typing import IO, Any

__all__ = ["TerminalProgress"]


class TerminalProgress:
    """A callable ``(stage, done, total)`` drawing one tqdm bar per stage on ``stream``
    (``total`` 0 when it is not known: a counter instead of a bar).

    Quiet unless ``stream`` is a terminal (or ``enabled`` forces it either way).
    """

    def __init__(self, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty() if enabled is None else enabled
        self._bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        from tqdm import tqdm

        known = total if total > 0 else None  # 0: the total is not known yet (streaming)
        bar = self._bars.get(stage)
        if bar is None:
            bar = tqdm(total=known, desc=f"{stage:>8}", file=self._stream, leave=False, unit="")
            self._bars[stage] = bar
        bar.total = known
        bar.n = done
        bar.refresh()
        if known is not None and done >= known:
            bar.close()

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()
