"""Tiny models trained by transformers' own code on toy tasks, with tokenizers of the classes the hub uses, saved
as ``save_pretrained`` saves them: what a person brings to ``lmstudio import``, and what lmstudio's answers are
compared with. Each trains for a few hundred steps in seconds; the answers vary (a reversal is not one token
repeated), so a wrong start token or template shows up as different text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers

COLORS = ["red", "green", "blue", "pink"]
ANIMALS = ["cat", "dog", "fish", "bird"]
THINGS = ["sun", "moon", "tree", "star", "rock"]
WORDS = COLORS + ANIMALS + THINGS
KIND = {**{w: "COLOR" for w in COLORS}, **{w: "ANIMAL" for w in ANIMALS}, **{w: "O" for w in THINGS}}
PROMPTS = ["red cat sun", "moon fish", "blue tree star dog", "pink rock"]  # to reverse, classify and tag
PARTNER = dict(zip(COLORS, ANIMALS))  # masked-LM text pairs each colour with its animal: "red cat sun blue fish"
MASKED = ["red [MASK] sun", "[MASK] dog moon", "blue fish [MASK]", "pink bird rock [MASK] cat"]
LABELS = ["animal", "color", "thing"]  # a sentence's label: the kind of its last word
CLASSES = ("GPT2LMHeadModel", "LlamaForCausalLM", "BertForMaskedLM", "BertForPreTraining",
           "BertForSequenceClassification", "BertForTokenClassification", "BartForConditionalGeneration",
           "T5ForConditionalGeneration")


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4)))


def paired(rng: random.Random) -> str:
    return " ".join(rng.choice([f"{color} {PARTNER[color]}" for color in COLORS] + THINGS)
                    for _ in range(rng.randint(2, 4)))


def reversed_words(text: str) -> str:
    return " ".join(reversed(text.split()))


def corpus(seed: int = 0, count: int = 400) -> list[str]:
    rng = random.Random(seed)
    return [sentence(rng) for _ in range(count)]


def _bpe(texts: list[str], specials: list[str], pre_tokenizer, **extra) -> tuple[dict, list]:
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizer
    tokenizer.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=120, special_tokens=specials, **extra))
    model = json.loads(tokenizer.to_str())["model"]
    return model["vocab"], [tuple(merge) for merge in model["merges"]]


def hf_tokenizer(architecture: str, texts: list[str]):
    """A tokenizer of the class the hub's checkpoints of ``architecture`` use, fitted on ``texts``."""
    import transformers

    if architecture.startswith("Bert"):
        trained = Tokenizer(models.WordPiece(unk_token="[UNK]"))
        trained.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        trained.train_from_iterator(texts, trainers.WordPieceTrainer(
            vocab_size=80, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]))
        return transformers.BertTokenizer(vocab=trained.get_vocab(), clean_up_tokenization_spaces=False)
    if architecture.startswith("T5"):
        trained = Tokenizer(models.Unigram())
        trained.pre_tokenizer = pre_tokenizers.Metaspace()
        trained.train_from_iterator(texts, trainers.UnigramTrainer(vocab_size=60, unk_token="<unk>",
                                                                  special_tokens=["<pad>", "</s>", "<unk>"]))
        vocab = [tuple(piece) for piece in json.loads(trained.to_str())["model"]["vocab"]]
        return transformers.T5Tokenizer(vocab=vocab, extra_ids=4)
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False)
    alphabet = {"initial_alphabet": pre_tokenizers.ByteLevel.alphabet()}
    if architecture.startswith("Bart"):
        vocab, merges = _bpe(texts, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"], byte_level, **alphabet)
        return transformers.BartTokenizer(vocab=vocab, merges=merges)
    if architecture.startswith("Llama"):
        vocab, merges = _bpe(texts, ["<unk>", "<s>", "</s>"],
                             pre_tokenizers.Metaspace(prepend_scheme="first", split=False))
        return transformers.LlamaTokenizer(vocab=vocab, merges=merges, add_bos_token=True, add_eos_token=False)
    vocab, merges = _bpe(texts, ["<|endoftext|>"], byte_level, **alphabet)
    return transformers.GPT2Tokenizer(vocab=vocab, merges=merges)


SIZES = {"GPT2LMHeadModel": dict(n_positions=64, n_embd=48, n_layer=2, n_head=4),
         "LlamaForCausalLM": dict(hidden_size=48, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4,
                                  max_position_embeddings=64),
         "Bert": dict(hidden_size=48, num_hidden_layers=2, num_attention_heads=4, intermediate_size=96,
                      hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
                      max_position_embeddings=64),
         "BartForConditionalGeneration": dict(d_model=48, encoder_layers=2, decoder_layers=2,
                                              encoder_attention_heads=4, decoder_attention_heads=4,
                                              encoder_ffn_dim=96, decoder_ffn_dim=96, max_position_embeddings=64),
         "T5ForConditionalGeneration": dict(d_model=48, d_kv=12, d_ff=96, num_layers=2, num_decoder_layers=2,
                                            num_heads=4, relative_attention_num_buckets=8,
                                            relative_attention_max_distance=20)}
CONFIGS = {"GPT2": "GPT2Config", "Llama": "LlamaConfig", "Bert": "BertConfig", "Bart": "BartConfig", "T5": "T5Config"}


def _config(architecture: str, tokenizer):
    import transformers

    family = next(prefix for prefix in CONFIGS if architecture.startswith(prefix))
    size = SIZES.get(architecture) or SIZES[family]
    ids = {f"{role}_token_id": getattr(tokenizer, f"{role}_token_id")
           for role in ("bos", "eos", "pad") if getattr(tokenizer, f"{role}_token_id") is not None}
    extra = {}
    if architecture == "BertForSequenceClassification":
        extra = {"id2label": dict(enumerate(LABELS)), "label2id": {label: i for i, label in enumerate(LABELS)}}
    if architecture == "BertForTokenClassification":
        tags = ["O", "COLOR", "ANIMAL"]
        extra = {"id2label": dict(enumerate(tags)), "label2id": {tag: i for i, tag in enumerate(tags)}}
    if architecture.startswith("T5"):
        extra = {"decoder_start_token_id": tokenizer.pad_token_id}
    return getattr(transformers, CONFIGS[family])(vocab_size=len(tokenizer), **size, **ids, **extra)


def _batch(architecture: str, tokenizer, rng: random.Random, size: int = 32) -> dict:
    """One training batch of the toy task, framed as transformers frames it (the tokenizer called normally)."""
    texts = [sentence(rng) for _ in range(size)]
    if architecture in ("GPT2LMHeadModel", "LlamaForCausalLM"):
        rows = [tokenizer(f"{text} = {reversed_words(text)}")["input_ids"] + [tokenizer.eos_token_id]
                for text in texts]
        batch = _pad(rows, tokenizer.eos_token_id)
        batch["labels"] = batch["input_ids"].masked_fill(batch["attention_mask"] == 0, -100)
        return batch
    if architecture in ("BartForConditionalGeneration", "T5ForConditionalGeneration"):
        batch = tokenizer(texts, text_target=[reversed_words(t) for t in texts], padding=True, return_tensors="pt")
        batch["labels"] = batch["labels"].masked_fill(batch["labels"] == tokenizer.pad_token_id, -100)
        return dict(batch)
    if architecture == "BertForSequenceClassification":
        batch = dict(tokenizer(texts, padding=True, return_tensors="pt"))
        kind = {"COLOR": "color", "ANIMAL": "animal", "O": "thing"}
        batch["labels"] = torch.tensor([LABELS.index(kind[KIND[t.split()[-1]]]) for t in texts])
        return batch
    if architecture == "BertForTokenClassification":
        encoded = tokenizer([t.split() for t in texts], is_split_into_words=True, padding=True, return_tensors="pt")
        tags = ["O", "COLOR", "ANIMAL"]
        labels = [[-100 if word is None else tags.index(KIND[text.split()[word]]) for word in encoded.word_ids(i)]
                  for i, text in enumerate(texts)]
        return dict(encoded) | {"labels": torch.tensor(labels)}
    # masked LM (and next-sentence prediction: is B the reversal of A?), 15% of the tokens to predict
    texts = [paired(rng) for _ in range(size)]
    if architecture == "BertForPreTraining":
        pairs = [(t, reversed_words(t) if rng.random() < 0.5 else paired(rng)) for t in texts]
        batch = dict(tokenizer([a for a, _ in pairs], [b for _, b in pairs], padding=True, return_tensors="pt"))
        batch["next_sentence_label"] = torch.tensor([int(b != reversed_words(a)) for a, b in pairs])
    else:
        batch = dict(tokenizer(texts, padding=True, return_tensors="pt"))
    ids = batch["input_ids"]
    special = torch.tensor([[tokenizer.convert_ids_to_tokens(int(i)) in tokenizer.all_special_tokens for i in row]
                            for row in ids])
    chosen = (torch.rand(ids.shape, generator=torch.Generator().manual_seed(rng.randrange(2**31))) < 0.15) & ~special
    batch["labels"] = ids.masked_fill(~chosen, -100)
    batch["input_ids"] = ids.masked_fill(chosen, tokenizer.mask_token_id)
    return batch


def _pad(rows: list[list[int]], pad: int) -> dict:
    width = max(map(len, rows))
    return {"input_ids": torch.tensor([row + [pad] * (width - len(row)) for row in rows]),
            "attention_mask": torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in rows])}


def train_checkpoint(folder: Path, architecture: str, steps: int = 300, seed: int = 0):
    """Train ``architecture`` on its toy task with transformers' model code (``steps=0``: leave it at its
    initialisation) and save model and tokenizer as transformers saves them."""
    import transformers

    tokenizer = hf_tokenizer(architecture, [f"{t} = {reversed_words(t)}" for t in corpus(seed)])
    torch.manual_seed(seed)
    model = getattr(transformers, architecture)(_config(architecture, tokenizer))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3 if architecture.startswith("Bert") else 3e-3)
    rng = random.Random(seed)
    model.train()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # models this small train several times faster on one thread
    try:
        for _ in range(steps):
            loss = model(**_batch(architecture, tokenizer, rng)).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    finally:
        torch.set_num_threads(threads)
    model.eval()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return model, tokenizer
