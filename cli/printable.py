"""Text made safe to print: nothing a terminal would act on, nothing XML cannot hold.

Control characters (but tabs and line breaks) are written out as ``\\x1b``; so are the
bytes of a file name that is not UTF-8, which Python holds as lone surrogates and which
no UTF-8 output can carry.
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00 if code >= 0xDC00 else code:02x}"


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(_escape, text)
