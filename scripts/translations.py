"""Keep the window's translation files in step with the code.

    python scripts/translations.py          # update resources/i18n/*.ts and compile them to .qm
    python scripts/translations.py --check  # exit 1 if a .ts lacks a string the code shows, or a translation

The strings are those the GUI passes to ``tr(...)`` or marks with
``translatable(...)`` as literals, the config schema's field names and help
texts (forms show them as labels and tooltips), and the templates of the
catalogue (config/messages.py, the validator's sentences, which forms render
with ``tr``; config/error_messages.py, the errors' sentences, which the window's
error dialogs render). A string already translated keeps its translation; a new
one is added unfinished, for a translator to fill in (Qt Linguist,
``pyside6-linguist``, edits .ts files); strings the code no longer shows are
dropped. ``pyside6-lrelease`` compiles each .ts to the .qm
file loaded at runtime.

(``pyside6-lupdate`` would need a context per class and cannot see table entries or
the schema, which the window also shows; one context and this short walk over the
syntax tree keep every shown string in one list.)
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI = ROOT / "lmstudio_app" / "gui"
I18N = ROOT / "resources" / "i18n"
MARKERS = {"tr", "translatable"}
CONTEXT = "lmstudio"


def gui_strings() -> tuple[dict[str, str], list[str]]:
    """Marked literals of the GUI with where each first occurs; and marked texts that are not literals."""
    found: dict[str, str] = {}
    problems = []
    for path in sorted(GUI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            argument = node.args[0] if node.args else None
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.setdefault(argument.value, where)
            elif node.func.id == "translatable" or isinstance(argument, ast.JoinedStr):
                problems.append(f"{where}: {node.func.id}() of something other than a string literal")
    return found, problems


def schema_strings() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from lmstudio_app.config.schema import SECTIONS
    from lmstudio_app.gui.forms import label_text

    found = {}
    for section, cls in SECTIONS.items():
        for field in dataclasses.fields(cls):
            found.setdefault(label_text(field.name), f"schema {section}.{field.name}")
            if field.metadata.get("help"):
                found.setdefault(field.metadata["help"], f"schema {section}.{field.name}")
    return found


def catalogue_strings() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from lmstudio_app.config.messages import catalogue_by_module

    return {template: module.replace(".", "/") + ".py" for module, templates in catalogue_by_module().items()
            for template in templates}


def all_strings() -> tuple[dict[str, str], list[str]]:
    strings, problems = gui_strings()
    for found in (schema_strings(), catalogue_strings()):
        strings |= {text: where for text, where in found.items() if text not in strings}
    return strings, problems


def read_ts(path: Path) -> dict[str, str]:
    """Source → translation ("" where unfinished)."""
    if not path.exists():
        return {}
    translations = {}
    for message in ElementTree.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        finished = translation is not None and translation.get("type") != "unfinished"
        translations[message.findtext("source")] = (translation.text or "") if finished else ""
    return translations


def write_ts(path: Path, language: str, strings: dict[str, str], translations: dict[str, str]) -> None:
    root = ElementTree.Element("TS", version="2.1", language=language)
    context = ElementTree.SubElement(root, "context")
    ElementTree.SubElement(context, "name").text = CONTEXT
    for text in sorted(strings):
        message = ElementTree.SubElement(context, "message")
        ElementTree.SubElement(message, "comment").text = strings[text]
        ElementTree.SubElement(message, "source").text = text
        translation = ElementTree.SubElement(message, "translation")
        if translations.get(text):
            translation.text = translations[text]
        else:
            translation.set("type", "unfinished")
    ElementTree.indent(root)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                    + ElementTree.tostring(root, encoding="unicode") + "\n", encoding="utf-8")


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if not Path(found).exists():
        raise SystemExit("pyside6-lrelease not found: install PySide6 into this environment")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    args = parser.parse_args()
    strings, problems = all_strings()
    for ts in sorted(I18N.glob("*.ts")):
        translations = read_ts(ts)
        missing = sorted(text for text in strings if not translations.get(text))
        stale = sorted(set(translations) - set(strings))
        if args.check:
            problems += [f"{ts.name}: no translation of {text!r} ({strings[text]})" for text in missing]
            problems += [f"{ts.name}: {text!r} is no longer shown" for text in stale]
            continue
        write_ts(ts, ts.stem.split("_", 1)[1], strings, translations)
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        print(f"{ts.name}: {len(strings)} strings, {len(missing)} to translate, {len(stale)} dropped")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
