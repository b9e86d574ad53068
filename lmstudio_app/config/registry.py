"""Which pretraining objectives fit which architecture, and which combine.

The config validator, the CLI and the GUI's objective picker all read this
table, drawn from the objectives' descriptors (config/objectives.py); the engine
implements exactly these names (a test holds them equal).
"""

from __future__ import annotations

from lmstudio_app.config.objectives import SPECS

FAMILIES = ("decoder", "encoder", "encoder-decoder")
OBJECTIVE_FAMILIES: dict[str, tuple[str, ...]] = {name: spec.families for name, spec in SPECS.items()}
OBJECTIVES = tuple(OBJECTIVE_FAMILIES)

# Next-sentence prediction is an add-on to masked language modelling (BERT).
NSP_COMBINES_WITH = tuple(name for name, spec in SPECS.items() if spec.next_sentence)


def objectives_for(family: str) -> list[str]:
    """The objectives a model of this family can be pretrained with."""
    return [name for name, families in OBJECTIVE_FAMILIES.items() if family in families]
