"""Errors as data: every error the application raises says a template of the catalogue with its values
(``error.message``), and its English (``str(error)``, what the command line prints) is the sentence it always was."""

import ast
import errno
import importlib
import pickle
from pathlib import Path

import pytest

from lmstudio_app import errors
from lmstudio_app.config import load_config
from lmstudio_app.config.messages import Template, catalogue
from lmstudio_app.engine.checkpoint import find_checkpoint
from lmstudio_app.engine.data.text_files import check_text_file, read_txt
from lmstudio_app.errors import CheckpointError, ConfigError, DataError, os_error_sentence

PACKAGE = Path(__file__).resolve().parents[1] / "lmstudio_app"


def modules():
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def error_family() -> set[str]:
    """The names of LmStudioError and of every class that derives from it, wherever it is defined."""
    family = {name for name, value in vars(errors).items()
              if isinstance(value, type) and issubclass(value, errors.LmStudioError)}
    classes = [node for _, tree in modules() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:
        found = {c.name for c in classes if any(getattr(base, "id", None) in family for base in c.bases)}
        grown = not found <= family
        family |= found
    return family


def is_sentence(node: ast.expr) -> bool:
    """English written at the raise: a string, an f-string, strings joined, or a list of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, (ast.JoinedStr, ast.BinOp)):
        return True
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(is_sentence(item) for item in node.elts)
    if isinstance(node, ast.ListComp):
        return is_sentence(node.elt)
    return False


def test_no_error_is_raised_with_a_sentence_of_its_own():
    family = error_family()
    assert {"DataError", "EmptyFileError", "RunBusyError", "ConfigError"} <= family
    written = []
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in family and node.args \
                    and is_sentence(node.args[0]):
                written.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node)[:100]}")
    assert not written, "\n".join(written)


def test_no_sentence_is_handed_where_a_template_is_asked_for():
    """A function that takes a ``Template`` (``_claimed(path, say.BUSY_DELETED)``) said a plain "deleted" as its
    whole sentence when handed the word the older code took."""
    takes = {}  # function name → positions of its Template parameters
    for _, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                positions = [i for i, argument in enumerate(node.args.args)
                             if isinstance(argument.annotation, ast.Name) and argument.annotation.id == "Template"]
                if positions:
                    takes[node.name] = positions
    assert {"refuse_inside_run", "refuse_while_written", "require_tokens", "library_errors"} <= set(takes)
    handed = []
    for path, tree in modules():
        for node in ast.walk(tree):
            name = getattr(node, "func", None) and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
            if isinstance(node, ast.Call) and name in takes:
                if any(index < len(node.args) and is_sentence(node.args[index]) for index in takes[name]):
                    handed.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node)[:100]}")
    assert not handed, "\n".join(handed)


def test_every_template_named_in_the_code_is_in_the_catalogue():
    """``say.NAME`` / ``refusals.NAME`` / ``rules.NAME`` (the catalogue modules a file imports under those names) is a Template the
    catalogue holds: a name mistyped at a raise that no test reaches fails here rather than in front of a person.
    (Lower-case names are the catalogues' helper functions.)"""
    named = 0
    for path, tree in modules():
        aliases = {alias.asname: f"{node.module}.{alias.name}" for node in ast.walk(tree)
                   if isinstance(node, ast.ImportFrom) for alias in node.names if alias.asname in ("say", "refusals", "rules")}
        for alias, module_name in aliases.items():
            module = importlib.import_module(module_name)
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == alias and node.attr.isupper():
                    template = getattr(module, node.attr, None)
                    assert isinstance(template, Template) and template in catalogue(), \
                        f"{path.relative_to(PACKAGE)}:{node.lineno}: {alias}.{node.attr}"
                    named += 1
    assert named > 200


def raised(call, *args) -> errors.LmStudioError:
    with pytest.raises(errors.LmStudioError) as caught:
        result = call(*args)
        if hasattr(result, "__next__"):
            list(result)
    return caught.value


def test_an_empty_corpus_file_says_so_as_before(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    error = raised(check_text_file, empty)
    assert isinstance(error, DataError)
    assert str(error) == f"{empty}: the file is empty"
    assert error.message.template in catalogue() and error.message.params == {"path": empty}


def test_a_gbk_corpus_file_names_its_encoding_and_the_command_as_before(tmp_path):
    news = tmp_path / "news.txt"
    news.write_bytes(("今天天气很好，我们去公园散步。\n" * 20).encode("gbk"))
    error = raised(read_txt, news)
    assert str(error) == (f"{news}: line 1 is not valid UTF-8 (byte 0xbd at column 1); it looks like Chinese text "
                          f"in GB18030 (GBK, GB2312): convert it with iconv -f GB18030 -t UTF-8 news.txt > "
                          f"news-utf8.txt")
    assert error.message.params["encoding"].template in catalogue()  # the advice is a message of its own


def test_an_experiment_with_two_problems_lists_them_under_its_name_as_before(tmp_path):
    experiment = tmp_path / "wrong.toml"
    experiment.write_text("[model]\nd_model = 4\n[training]\nbatch_size = 0\n", encoding="utf-8")
    error = raised(load_config, experiment)
    assert isinstance(error, ConfigError)
    assert str(error) == (f"{experiment} has 2 problems:\n"
                          f"  model.d_model: 4 is below the minimum 8\n"
                          f"  training.batch_size: 0 is below the minimum 1")
    assert error.problems == ["model.d_model: 4 is below the minimum 8", "training.batch_size: 0 is below the minimum 1"]
    assert error.message.template in catalogue()


def test_a_folder_without_checkpoints_as_before(tmp_path):
    error = raised(find_checkpoint, tmp_path)
    assert isinstance(error, CheckpointError)
    assert str(error) == f"{tmp_path}: has no complete checkpoint yet"


def test_an_os_error_is_a_message_of_its_path_and_advice():
    message = os_error_sentence(OSError(errno.ENOSPC, "No space left on device", "/data/run/metrics.jsonl"))
    assert message.english() == ("/data/run/metrics.jsonl: no space left on the disk; free some space (old runs, "
                                 "caches) and try again")
    assert message.template in catalogue() and message.params["what"].template in catalogue()
    unknown = os_error_sentence(OSError(errno.EL2HLT, "Level 2 halted"))  # no advice of ours: the system's words
    assert unknown.english() == "Level 2 halted"


def test_an_error_copied_to_another_process_keeps_its_message(tmp_path):
    """A pickled error (multiprocessing, torchrun) is rebuilt from its template and values, not its English."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for error in (raised(check_text_file, empty), ConfigError(raised(load_config, tmp_path / "none.toml").problems)):
        copied = pickle.loads(pickle.dumps(error))
        assert (type(copied), str(copied), copied.message) == (type(error), str(error), error.message)
