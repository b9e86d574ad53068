"""Which pretraining objectives fit which architecture, and which combine.

The config validator, the CLI and the GUI's objective picker all read this
table; the engine implements exactly these names (a test holds them equal).
"""

from __future__ import annotations

FAMILIES = ("decoder", "encoder", "encoder-decoder")
OBJECTIVE_FAMILIES: dict[str, tuple[str, ...]] = {
    "clm": ("decoder",),
    "prefix-lm": ("decoder",),
    "plm": ("decoder",),  # permutation language modelling (XLNet)
    "mlm": ("encoder",),
    "span-corruption": ("encoder-decoder",),
    "denoising": ("encoder-decoder",),
}
OBJECTIVES = tuple(OBJECTIVE_FAMILIES)

# Next-sentence prediction is an add-on to masked language modelling (BERT).
NSP_COMBINES_WITH = ("mlm",)


def objectives_for(family: str) -> list[str]:
    """The objectives a model of this family can be pretrained with."""
    return [name for name, families in OBJECTIVE_FAMILIES.items() if family in families]
