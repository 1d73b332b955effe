"""Recognising an unfilled stub from the exception it raised (no pytest needed)."""

from __future__ import annotations

import re

STUB_MESSAGE = re.compile(r"^P\d\d Task \d+ · .+ — see \S+$")


def stub_message(exc: BaseException | None) -> str | None:
    """The stub text if ``exc`` (or an exception it chains to) is an unfilled stub."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, NotImplementedError) and exc.args:
            text = str(exc.args[0])
            if STUB_MESSAGE.match(text):
                return text
        exc = exc.__cause__ or exc.__context__
    return None
