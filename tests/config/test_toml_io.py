import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

from lmstudio_app.config import (
    ExperimentConfig,
    from_toml,
    load_config,
    load_preset,
    preset_names,
    save_config,
    to_toml,
)
from lmstudio_app.errors import ConfigError


@pytest.mark.parametrize("name", preset_names())
def test_presets_round_trip_exactly(name, tmp_path):
    config = load_preset(name)
    path = tmp_path / "experiment.toml"
    save_config(config, path)
    assert load_config(path) == config
    assert to_toml(load_config(path)) == to_toml(config)


def test_required_presets_exist():
    assert {"gpt-nano", "bert-mini", "t5-mini", "bart-mini", "nanogpt-shakespeare-cpu"} <= set(preset_names())
    shakespeare = load_preset("nanogpt-shakespeare-cpu").model
    assert (shakespeare.n_layers, shakespeare.n_heads, shakespeare.d_model, shakespeare.max_seq_len) == (4, 4, 128, 64)
    assert load_preset("bert-mini").objective.next_sentence_prediction
    assert load_preset("t5-mini").objective.name == "span-corruption"
    assert load_preset("bart-mini").objective.name == "denoising"
    assert load_preset("gpt-nano").tokenizer.kind == "char"


@settings(max_examples=300, deadline=None)
@given(
    name=st.text(max_size=30),
    probe=st.text(max_size=60),
    paths=st.lists(st.text(max_size=20), max_size=4),
    lr=st.floats(min_value=0.0, max_value=10.0),
    eps=st.floats(min_value=1e-12, max_value=1e-2),
)
def test_round_trip_exact_for_arbitrary_strings_and_floats(name, probe, paths, lr, eps):
    config = ExperimentConfig(name=name)
    config.training.probe_text = probe
    config.training.learning_rate = lr
    config.model.norm_eps = eps
    config.data.paths = paths
    text = to_toml(config)
    tomllib.loads(text)
    assert from_toml(text) == config


def test_bad_files_give_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="no such experiment file"):
        load_config(tmp_path / "missing.toml")
    binary = tmp_path / "image.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(ConfigError, match="not a UTF-8 text file"):
        load_config(binary)
    broken = tmp_path / "broken.toml"
    broken.write_text("[model\n")
    with pytest.raises(ConfigError, match="broken.toml: not valid TOML"):
        load_config(broken)


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "experiment.toml"
    save_config(ExperimentConfig(), path)
    save_config(load_preset("gpt-nano"), path)
    assert [p.name for p in tmp_path.iterdir()] == ["experiment.toml"]
    assert load_config(path).name == "gpt-nano"
