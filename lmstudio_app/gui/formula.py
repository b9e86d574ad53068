"""A lesson's formula, typeset: LaTeX to SVG with ziamath (its own math font, no network, no TeX installation)."""

from __future__ import annotations

from functools import lru_cache

import ziamath

FORMULA_SIZE = 20  # points: the explanation's text is smaller, the formula is what the lesson is about


@lru_cache(maxsize=64)
def formula_svg(latex: str) -> bytes:
    """The formula as an SVG document Qt can draw: each glyph a path of its own (QtSvg implements SVG Tiny 1.2,
    which has no <symbol> for glyphs drawn by reference)."""
    ziamath.config.svg2 = False
    return ziamath.Latex(latex, size=FORMULA_SIZE).svg().encode("utf-8")
