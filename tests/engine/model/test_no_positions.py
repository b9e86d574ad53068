"""model.position = "none": an encoder that cannot tell positions apart, a decoder whose mask alone orders
tokens, and no transformers class to export to."""

import pytest
import torch

from lmstudio_app.config.exports import transformers_class
from lmstudio_app.engine.build import build_model
from lmstudio_app.errors import ConfigError

from ..train.conftest import tiny

ENCODER = ("model.family=encoder", "objective.name=mlm", "model.position=none", "model.embedding_dropout=0",
           "model.attention_dropout=0", "model.residual_dropout=0")


def test_an_encoder_without_positions_reads_a_shuffled_input_as_the_same_bag_of_tokens():
    torch.manual_seed(0)
    model = build_model(tiny(*ENCODER)).eval()
    ids = torch.randint(0, 100, (2, 12))
    order = torch.randperm(12)
    with torch.no_grad():
        plain, shuffled = model(ids).hidden, model(ids[:, order]).hidden
    torch.testing.assert_close(shuffled, plain[:, order], atol=1e-5, rtol=1e-5)
    with torch.no_grad():  # with learned positions the same shuffle changes what each token becomes
        learned = build_model(tiny(*ENCODER, "model.position=learned")).eval()
        assert not torch.allclose(learned(ids[:, order]).hidden, learned(ids).hidden[:, order], atol=1e-3)


def test_a_decoder_without_positions_still_tells_earlier_from_later_through_its_mask():
    """The first token sees only itself: the same token at position 0 and at position 5 comes out different."""
    torch.manual_seed(0)
    model = build_model(tiny("model.position=none", "model.embedding_dropout=0", "model.attention_dropout=0",
                             "model.residual_dropout=0")).eval()
    ids = torch.tensor([[7, 3, 9, 4, 2, 7]])
    with torch.no_grad():
        hidden = model(ids).hidden
    assert not torch.allclose(hidden[0, 0], hidden[0, 5], atol=1e-4)


@pytest.mark.parametrize("family", ["decoder", "encoder"])
def test_no_transformers_class_has_no_positions_and_the_refusal_says_which_knob(family):
    config = tiny("model.position=none", f"model.family={family}",
                  f"objective.name={'clm' if family == 'decoder' else 'mlm'}")
    with pytest.raises(ConfigError) as refused:
        transformers_class(config)
    assert "model.position = 'none'" in str(refused.value)
