"""Representations: CKA and PCA are what they claim (properties on known data), and the per-layer linear
probe reads real features of a real run."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmstudio_app.engine.representations import linear_cka, pca_2d, token_kind


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), scale=st.floats(0.01, 100.0))
def test_cka_is_one_on_itself_symmetric_and_blind_to_rotation_and_scale(seed, scale):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(40, 6)), rng.normal(size=(40, 9))
    rotation, _ = np.linalg.qr(rng.normal(size=(6, 6)))  # a random orthogonal matrix
    assert linear_cka(x, x) == pytest.approx(1.0, rel=1e-9)
    assert linear_cka(x, y) == pytest.approx(linear_cka(y, x), rel=1e-9)
    assert linear_cka(x @ rotation * scale, y) == pytest.approx(linear_cka(x, y), rel=1e-6)
    assert linear_cka(x @ rotation * scale, x) == pytest.approx(1.0, rel=1e-6)
    assert 0.0 <= linear_cka(x, y) < 0.6  # unrelated noise: far from 1


def test_cka_of_a_mixed_representation_lies_between():
    rng = np.random.default_rng(1)
    x, noise = rng.normal(size=(200, 8)), rng.normal(size=(200, 8))
    values = [linear_cka(x, x + weight * noise) for weight in (0.1, 1.0, 10.0)]
    assert values[0] > values[1] > values[2]


def test_pca_finds_the_long_axis_first_and_keeps_its_orientation():
    rng = np.random.default_rng(2)
    t = rng.normal(size=300)
    data = np.stack([0.1 * rng.normal(size=300), 5 * t, 0.5 * rng.normal(size=300)], axis=1)  # long along y
    projected = pca_2d(data)
    assert projected.shape == (300, 2)
    assert np.corrcoef(projected[:, 0], data[:, 1])[0, 1] > 0.999  # the first axis is the data's y, same sign
    assert np.corrcoef(projected[:, 1], data[:, 2])[0, 1] > 0.99  # the second is z, the next widest
    assert np.allclose(pca_2d(-data)[:, 0], -projected[:, 0])  # mirrored data gives the mirrored picture


def test_token_kinds():
    assert [token_kind(t) for t in ["a", "##ing", "the", " ", "7", "(", "[CLS]", "<extra_id_0>"]] == [
        "letter", "word", "word", "space", "digit", "punctuation", "special", "special"]


def test_the_linear_probe_reads_separable_features_perfectly_and_noise_at_chance():
    from lmstudio_app.engine.representations import linear_probe_accuracy

    rng = np.random.default_rng(4)
    labels = rng.integers(0, 3, 600)
    separable = rng.normal(size=(600, 5)) + 6 * np.eye(3, 5)[labels]
    assert linear_probe_accuracy(separable[:400], labels[:400], separable[400:], labels[400:], 3) == 1.0
    noise = rng.normal(size=(600, 5))
    assert linear_probe_accuracy(noise[:400], labels[:400], noise[400:], labels[400:], 3) < 0.45


def test_probe_layers_from_the_command_line(pretrained_encoder, capsys):
    from lmstudio_app.cli import main

    assert main(["probe-layers", str(pretrained_encoder), "--task", "docstring-family", "--max-examples", "600",
                 "--checkpoint", "latest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("linear probe on ") and "(majority label: " in lines[0]
    rows = [line.split() for line in lines[2:]]
    assert [row[0] for row in rows] == ["embeddings", "layer", "layer"] and len(rows) == 3
    chance = float(lines[0].split("majority label: ")[1].rstrip(")"))
    accuracies = [float(row[-1]) for row in rows]
    assert all(0.0 <= accuracy <= 1.0 for accuracy in accuracies), accuracies
    # some layer tells docstring families apart even in an encoder trained for six steps. Which one is not fixed:
    # in one full-suite run the embeddings gave 0.2167 against 0.167 + 0.05 and the first layer 0.25 (README: what
    # a pretrained one's layers give)
    assert max(accuracies) > chance + 0.05, (chance, accuracies)
    assert main(["probe-layers", str(pretrained_encoder), "--task", "python-token-types"]) == 2
    assert "is not a sentence classification dataset" in capsys.readouterr().err


def test_a_classifiers_representations_are_its_validation_examples_by_label(pretrained_encoder, tmp_path):
    from lmstudio_app.engine.application.training import train
    from lmstudio_app.engine.representations import representations
    from lmstudio_app.engine.runs import load_run
    from tests.engine.finetune.conftest import task_config

    train(task_config(pretrained_encoder), tmp_path / "classifier")
    handle = load_run(tmp_path / "classifier")
    found = representations(handle, "")
    assert [layer.english() for layer in found.layers] == ["embeddings", "layer 1", "layer 2"]
    assert all(points.shape == (len(found.labels), 2) for points in found.points)
    assert set(found.labels) <= set(handle.config.finetune.labels) and len(set(found.labels)) > 1
    assert np.allclose(np.diag(found.matrix), 1.0) and np.allclose(found.matrix, found.matrix.T)
    tokens = representations(load_run(pretrained_encoder), "Return the sum of 2 items.")
    assert len(tokens.labels) == len(tokens.points[0]) and {"word", "digit", "space"} & set(tokens.labels)


def test_probing_each_layer_says_how_far_it_has_got(pretrained_encoder):
    from lmstudio_app.engine.application.models import open_model
    from lmstudio_app.engine.representations import probe_layers

    heard = []
    found = probe_layers(open_model(pretrained_encoder), "docstring-family", 300,
                         progress=lambda phase, fraction: heard.append((phase.english(), fraction)))
    assert len(found.layers) == 3
    assert heard == [("reading each layer's features of the examples", None),
                     ("training a linear probe on layer 1 of 3", 0.0),
                     ("training a linear probe on layer 2 of 3", pytest.approx(1 / 3)),
                     ("training a linear probe on layer 3 of 3", pytest.approx(2 / 3))]
