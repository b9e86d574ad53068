"""T5's relative position bias: its buckets, its sharing across layers, and that it matches T5 itself."""

import pytest
import torch

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model.positions.relative import RelativePositionBias, relative_bucket
from lmstudio_app.errors import ConfigError

# (key − query offset, bucket), worked out by hand from T5's rule with 32 buckets and max distance 128.
BIDIRECTIONAL = [(0, 0), (-1, 1), (1, 17), (-7, 7), (-8, 8), (-16, 10), (16, 26), (-127, 15), (-1000, 15),
                 (1000, 31)]
CAUSAL = [(0, 0), (3, 0), (-1, 1), (-15, 15), (-16, 16), (-32, 21), (-500, 31)]


@pytest.mark.parametrize("bidirectional,cases", [(True, BIDIRECTIONAL), (False, CAUSAL)])
def test_buckets_follow_t5s_rule(bidirectional, cases):
    offsets = torch.tensor([offset for offset, _ in cases])
    assert relative_bucket(offsets, bidirectional, 32, 128).tolist() == [bucket for _, bucket in cases]


@pytest.mark.parametrize("bidirectional", [True, False])
@pytest.mark.parametrize("buckets,max_distance", [(32, 128), (8, 20), (64, 50)])
def test_buckets_equal_transformers_t5(bidirectional, buckets, max_distance):
    t5 = pytest.importorskip("transformers.models.t5.modeling_t5")
    offsets = torch.arange(-300, 301)
    expected = t5.T5Attention._relative_position_bucket(offsets, bidirectional, buckets, max_distance)
    assert torch.equal(relative_bucket(offsets, bidirectional, buckets, max_distance), expected)


def test_the_bias_depends_only_on_the_offset_and_continues_after_cached_tokens():
    torch.manual_seed(0)
    bias = RelativePositionBias(n_heads=3, buckets=16, max_distance=40, bidirectional=False)
    full = bias(12, 12)  # (1, H, T, T)
    assert full.shape == (1, 3, 12, 12)
    assert torch.equal(full[0, :, 5, 2], full[0, :, 9, 6])  # same offset −3, same bias
    assert torch.equal(bias(2, 12, query_offset=10), full[:, :, 10:12])  # generation after 10 cached tokens


def test_t5_mini_has_one_relative_table_per_stack_shared_by_its_layers():
    config = apply_overrides(load_preset("t5-mini"), ["model.n_layers=2", "model.n_decoder_layers=2"])
    model = build_model(config)
    tables = [name for name, _ in model.named_parameters() if "position_bias" in name]
    assert tables == ["encoder.position_bias.table.weight", "decoder.position_bias.table.weight"]
    assert model.encoder.position_bias.bidirectional and not model.decoder.position_bias.bidirectional
    assert model.encoder.position_bias.table.weight.shape == (32, 4)


def test_a_max_distance_inside_the_exact_buckets_is_refused():
    with pytest.raises(ConfigError, match=r"model.relative_max_distance: 10 must exceed half of "):
        apply_overrides(load_preset("t5-mini"), ["model.relative_max_distance=10"])
