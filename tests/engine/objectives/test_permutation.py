"""Permutation language modelling (XLNet): what a predicted position may see, what carries loss, and learning."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lmstudio_app.config import TokenizerConfig, apply_overrides, load_preset
from lmstudio_app.engine.data.tokenizer import train_tokenizer
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.objectives.batch import IGNORE, example_rngs
from lmstudio_app.engine.objectives.permutation import PermutationLM
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import Finished
from tests.engine.train.conftest import tiny

from .conftest import make

TEXT = ["the for statement iterates over the items of a sequence in order " * 20]
LENGTH = 16


@pytest.fixture(scope="module")
def tokenizer():
    return train_tokenizer(TokenizerConfig(kind="char", vocab_size=100, min_frequency=1), TEXT)


@pytest.fixture(scope="module")
def model(tokenizer):
    config = tiny("objective.name=plm", f"model.max_seq_len={LENGTH}", f"model.vocab_size={tokenizer.vocab_size}",
                  "model.embedding_dropout=0", "model.attention_dropout=0", "model.residual_dropout=0")
    torch.manual_seed(0)
    return build_model(config).eval()


def ranks_of(order: list[int]) -> torch.Tensor:
    ranks = torch.empty(len(order), dtype=torch.long)
    ranks[torch.tensor(order)] = torch.arange(len(order))
    return ranks[None]


@torch.no_grad()
def test_a_predicted_position_sees_only_the_tokens_before_it_in_the_order(model):
    order = np.random.default_rng(3).permutation(LENGTH).tolist()
    ranks = ranks_of(order)
    vocab = model.token_embedding.num_embeddings
    ids = torch.randint(0, vocab, (1, LENGTH), generator=torch.Generator().manual_seed(1))

    def other(token: torch.Tensor) -> torch.Tensor:
        return (token + 1) % vocab

    before = model.two_stream(ids, ranks).hidden[0]
    for rank in range(1, LENGTH):  # every position but the first in the order could be predicted
        position = order[rank]
        own = ids.clone()
        own[0, position] = other(own[0, position])
        assert torch.equal(model.two_stream(own, ranks).hidden[0, position], before[position]), "own token leaked"
        for later in order[rank + 1:]:
            changed = ids.clone()
            changed[0, later] = other(changed[0, later])
            assert torch.equal(model.two_stream(changed, ranks).hidden[0, position], before[position]), \
                f"position {position} saw position {later}, later in the order"
        earlier = order[rank - 1]
        changed = ids.clone()
        changed[0, earlier] = other(changed[0, earlier])
        assert not torch.equal(model.two_stream(changed, ranks).hidden[0, position], before[position])


@torch.no_grad()
def test_the_masks_of_both_streams(model):
    order = [5, 0, 9, 3, 1, 15, 2, 8, 4, 7, 6, 10, 11, 14, 12, 13]
    ranks = ranks_of(order)
    seen = []
    attention = model.decoder.layers[0].self_attn
    handle = attention.register_forward_pre_hook(
        lambda _m, args, kwargs: seen.append((kwargs.get("context") is not None, args[1].allowed[0, 0])),
        with_kwargs=True)
    try:
        model.two_stream(torch.zeros(1, LENGTH, dtype=torch.long), ranks)
    finally:
        handle.remove()
    (_, content), (is_query, query) = seen
    assert is_query
    r = ranks[0]
    expected_content = r[None, :] <= r[:, None]
    expected_query = r[None, :] < r[:, None]
    expected_query[order[0], order[0]] = True  # the first in the order has nothing before it: itself, unread
    assert torch.equal(content, expected_content) and torch.equal(query, expected_query)
    assert not query.diagonal()[torch.tensor(order[1:])].any()  # no predictable position sees its own token


def test_only_the_end_of_the_order_carries_loss():
    config, data, objective = make("python-docs", "char", "plm", "objective.predict_fraction=0.25", seq_len=LENGTH)
    assert isinstance(objective, PermutationLM)
    torch.manual_seed(0)
    model = build_model(config).eval()
    batch = objective.batch(data.train, example_rngs(4, indices=range(3)))
    labelled = batch.labels != IGNORE
    assert labelled.sum(1).tolist() == [4, 4, 4]  # 25 % of 16
    assert torch.equal(labelled, batch.permutation_ranks >= LENGTH - 4)
    assert torch.equal(batch.labels[labelled], batch.input_ids[labelled])  # predicted in place, not shifted
    with torch.no_grad():
        loss, _ = objective.loss(model, batch)
        logits = model.heads["lm"](model.two_stream(batch.input_ids, batch.permutation_ranks).hidden)
        expected = F.cross_entropy(logits[labelled], batch.input_ids[labelled])
    assert loss.item() == pytest.approx(expected.item(), rel=1e-6)


@pytest.mark.slow
def test_a_tiny_model_learns_well_below_the_unigram_entropy(tmp_path):
    config = apply_overrides(load_preset("gpt-nano"), [
        "objective.name=plm", "objective.predict_fraction=0.5", "model.max_seq_len=64", "training.batch_size=16",
        "training.steps=800", "training.eval_every=800", "training.eval_batches=8", "training.probe_every=0",
        "training.checkpoint_every=0", "training.learning_rate=2e-3", "training.warmup_steps=80"])
    trainer = Trainer(config, tmp_path / "plm")
    finished = list(trainer.events())[-1]
    assert isinstance(finished, Finished) and finished.reason == "completed", finished
    counts = np.bincount(np.asarray(trainer.data.train.tokens, dtype=np.int64)).astype(float)
    probabilities = counts[counts > 0] / counts.sum()
    unigram = -(probabilities * np.log(probabilities)).sum()
    print(f"permutation LM validation loss {finished.final_metrics['loss']:.3f} nats, unigram entropy "
          f"{unigram:.3f} nats")
    assert finished.final_metrics["loss"] < unigram - 0.5  # measured here: 2.5 against 3.24


def test_the_probe_of_a_permutation_lm_shows_its_query_stream_mask(model, tokenizer):
    from lmstudio_app.engine.probe import PROBE_ORDER_SEED, attention_stages, probe_attention

    text = "the items in order"
    snapshot = probe_attention(model, tokenizer, text, LENGTH, step=3)
    weights = snapshot.attention["decoder"][0][0]  # (T, T) layer 1, head 1
    length = weights.shape[0]
    ranks = np.random.default_rng(PROBE_ORDER_SEED).permutation(length)
    forbidden = ranks[None, :] >= ranks[:, None]  # the same rank or later: not visible to the query stream
    forbidden[ranks == 0, ranks == 0] = False  # the first in the order reads itself; nothing reads it
    assert np.all(weights[forbidden] == 0) and np.allclose(weights.sum(-1), 1, atol=1e-5)
    stages = attention_stages(model, tokenizer, text, "decoder", 0, 0, LENGTH, step=3)
    np.testing.assert_array_equal(~stages.allowed, forbidden)
    np.testing.assert_allclose(stages.weights, weights, atol=1e-5)


def test_the_mask_gallery_draws_each_kind_of_language_model():
    from lmstudio_app.engine.objectives.inspector import mask_gallery
    from lmstudio_app.engine.objectives.permutation import GALLERY_ORDER_SEED

    pictures = {p.objectives: p.allowed for p in mask_gallery()}
    n = 8
    np.testing.assert_array_equal(pictures[("clm",)], np.tril(np.ones((n, n), dtype=bool)))
    prefix = np.tril(np.ones((n, n), dtype=bool))
    prefix[:, :3] = True
    np.testing.assert_array_equal(pictures[("prefix-lm",)], prefix)
    real = np.arange(n) < n - 2
    np.testing.assert_array_equal(pictures[("mlm", "electra")], np.broadcast_to(real, (n, n)))
    np.testing.assert_array_equal(pictures[("span-corruption", "denoising")], np.broadcast_to(real, (n, n)))
    order = np.random.default_rng(GALLERY_ORDER_SEED).permutation(n)
    ranks = np.argsort(order)
    expected = ranks[None, :] < ranks[:, None]
    expected[order[0], order[0]] = True
    np.testing.assert_array_equal(pictures[("plm",)], expected)


@torch.no_grad()
def test_a_permutation_lm_generates_from_its_query_stream(model, tokenizer):
    from lmstudio_app.engine.generate import Decoding, generate_ids

    prompt = tokenizer.encode("the items")
    decoding = Decoding(model, [list(prompt)])
    ranks = torch.arange(len(prompt) + 1)[None]
    for placeholder in (0, 7):  # the new position's own token is never seen
        window = torch.tensor([prompt + [placeholder]])
        expected = model.heads["lm"](model.two_stream(window, ranks).hidden[:, -1])
        torch.testing.assert_close(decoding.logits, expected)
    tokens = [t.token_id for t in generate_ids(model, tokenizer, prompt, max_new_tokens=40, temperature=0)]
    assert tokens[0] == int(expected.argmax())  # greedy: the query stream's most likely token
    assert len(tokens) == 40 or tokens[-1] == tokenizer.special.eos  # past the 16-token context, window sliding
