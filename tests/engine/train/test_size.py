"""The training path stays small enough to read: the loop in at most 200 lines, no class holding more than 15
attributes (what used to happen every N steps goes into a step hook, not into the loop or a god class)."""

import ast
from pathlib import Path

import lmstudio_app

ENGINE = Path(lmstudio_app.__file__).parent / "engine"
TRAINING_PATH = sorted((ENGINE / "train").glob("*.py")) + [ENGINE / "control.py"]
MOST_LINES = 200
MOST_ATTRIBUTES = 15


def attributes(cls: ast.ClassDef) -> set[str]:
    """The class's fields (annotated names in its body, as a dataclass declares them) and every ``self.X`` any
    of its methods assigns."""
    names = {node.target.id for node in cls.body if isinstance(node, ast.AnnAssign)
             and isinstance(node.target, ast.Name)}
    for node in ast.walk(cls):
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Attribute) and isinstance(leaf.value, ast.Name) and leaf.value.id == "self":
                    names.add(leaf.attr)
    return names


def classes(path: Path) -> list[ast.ClassDef]:
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.ClassDef)]


def test_the_count_sees_fields_and_every_kind_of_assignment_to_self():
    source = """
class Counted:
    declared: int
    with_default: str = ""

    def __init__(self):
        self.plain = 1
        self.first, self.second = 2, 3
        self.annotated: int = 4

    def later(self):
        self.plain += 1
        self.made_late = 5
        other.not_mine = 6
"""
    [cls] = [node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]
    assert attributes(cls) == {"declared", "with_default", "plain", "first", "second", "annotated", "made_late"}


def test_the_loop_reads_in_at_most_200_lines():
    lines = len((ENGINE / "train" / "loop.py").read_text(encoding="utf-8").splitlines())
    assert lines <= MOST_LINES, f"engine/train/loop.py has {lines} lines: move what it does every N steps into a hook"


def test_no_class_in_the_training_path_holds_more_than_15_attributes():
    assert len(TRAINING_PATH) > 5
    crowded = {f"{path.name}:{cls.name}": sorted(names) for path in TRAINING_PATH for cls in classes(path)
               if len(names := attributes(cls)) > MOST_ATTRIBUTES}
    assert not crowded, crowded
