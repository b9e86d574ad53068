"""Head ablation: zeroing a head removes exactly what it adds; HeadImportance measures the validation loss with
each head zeroed, answered like every model request, and ``lmstudio heads`` prints it."""

import contextlib
import copy

import pytest
import torch

from lmstudio_app.cli import main, outcome, with_model
from lmstudio_app.engine.application.head_importance import attention_modules, zeroed_heads
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import HeadImportanceMeasured
from lmstudio_app.model_requests import HeadImportance
from lmstudio_app.requests import Evaluate
from tests.engine.train.conftest import tiny


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("heads") / "run"
    assert list(Trainer(tiny("training.checkpoint_every=12"), run_dir).events())[-1].reason == "completed"
    return run_dir


def every_head_zeroed(model) -> contextlib.ExitStack:
    stack = contextlib.ExitStack()
    for attention in attention_modules(model).values():
        stack.enter_context(zeroed_heads(attention, list(range(attention.n_heads))))
    return stack


def test_zeroing_every_head_equals_a_model_whose_attention_adds_nothing():
    torch.manual_seed(0)
    model = build_model(tiny("model.bias=false")).eval()
    silent = copy.deepcopy(model)
    for attention in attention_modules(silent).values():
        attention.out_proj.weight.data.zero_()  # no bias: W_O's output is the attention's whole output
    ids = torch.randint(0, 100, (2, 16))
    with torch.no_grad(), every_head_zeroed(model):
        ablated = model(ids).hidden
    with torch.no_grad():
        torch.testing.assert_close(ablated, silent(ids).hidden, rtol=0, atol=1e-6)
        assert not torch.allclose(model(ids).hidden, ablated, atol=1e-3)  # the hooks are gone again


def test_each_head_has_a_loss_and_a_head_that_writes_nothing_changes_nothing(trained):
    context = with_model(str(trained))
    attention = context.model.model.decoder.layers[0].self_attn
    width = attention.head_dim
    with torch.no_grad():
        attention.out_proj.weight[:, width:2 * width] = 0  # head 2 of layer 1 now adds nothing
    measured = outcome(HeadImportance(batches=2), context)
    assert isinstance(measured, HeadImportanceMeasured) and measured.step == 12
    assert set(measured.head_losses) == {("decoder", layer, head) for layer in range(2) for head in range(2)}
    assert measured.head_losses["decoder", 0, 1] == measured.base_loss
    assert any(loss != measured.base_loss for loss in measured.head_losses.values())


def test_the_base_loss_is_the_runs_validation_loss(trained):
    measured = outcome(HeadImportance(), with_model(str(trained)))
    evaluated = outcome(Evaluate(str(trained), checkpoint="latest"))
    assert measured.base_loss == pytest.approx(evaluated.evaluation.metrics["loss"], rel=1e-6)


def test_lmstudio_heads_prints_a_row_per_layer_and_a_column_per_head(trained, capsys):
    assert main(["heads", str(trained), "--batches", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("validation loss") and "step 12" in lines[0]
    assert lines[1].split() == ["layer", "head", "1", "head", "2"]
    assert [line.split()[:2] for line in lines[2:4]] == [["decoder", "1"], ["decoder", "2"]]
    assert all(cell[0] in "+-" for line in lines[2:4] for cell in line.split()[2:])
