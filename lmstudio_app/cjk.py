"""Chinese (CJK) characters, as the tokenizers and the window both need to know them."""

from __future__ import annotations

import re

# CJK unified ideographs (and their extensions and compatibility forms): what Chinese BERT treats as one word each
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef"
CJK_TEXT = f"{CJK_CHARACTERS}\u3000-\u303f\uff00-\uffef"  # with CJK punctuation and full-width forms
_SPACE_BETWEEN = re.compile(f"(?<=[{CJK_TEXT}]) (?=[{CJK_TEXT}])")
_TEXT_START, _TEXT_END = re.compile(f"[{CJK_TEXT}]"), re.compile(f"[{CJK_TEXT}]$")


def without_spaces_between(text: str) -> str:
    """``text`` without the spaces between two CJK characters or marks (Chinese has none)."""
    return _SPACE_BETWEEN.sub("", text)


def join_without_space(before: str, after: str) -> bool:
    """Whether two pieces meet without a space: the first ends and the second starts with CJK text."""
    return bool(_TEXT_END.search(before) and _TEXT_START.match(after))
