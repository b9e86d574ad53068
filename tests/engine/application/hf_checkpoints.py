"""Tiny random transformers checkpoints, saved the way transformers saves them, for the import tests."""

import json

import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers
from tokenizers import decoders as token_decoders

from lmstudio_app.config.schema import TokenizerConfig
from lmstudio_app.engine.data.tokenizer import ROLE_TOKENS, train_tokenizer

TEXTS = [f"def item_{i}(x): return x * {i}  # 第{i}个 🙂 the quick brown fox jumps over the lazy dog"
         for i in range(300)]
SMALL = {"GPT2LMHeadModel": dict(n_positions=64, n_embd=32, n_layer=2, n_head=4),
         "LlamaForCausalLM": dict(hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4,
                                  max_position_embeddings=64),
         "BertForMaskedLM": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=48,
                                 max_position_embeddings=64),
         "BertForPreTraining": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=48,
                                    max_position_embeddings=64, hidden_act="gelu_new"),
         "BertForSequenceClassification": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                               intermediate_size=48, max_position_embeddings=64,
                                               id2label={0: "negative", 1: "neutral", 2: "positive"}),
         "BertForTokenClassification": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                            intermediate_size=48, max_position_embeddings=64,
                                            id2label={0: "O", 1: "NAME", 2: "NUMBER", 3: "OP"}),
         "BartForConditionalGeneration": dict(d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
                                              decoder_attention_heads=4, encoder_ffn_dim=48, decoder_ffn_dim=48,
                                              max_position_embeddings=64),
         # d_kv = 16 as T5's 64: its √d_k is a power of two, so folding it into the query weights is exact
         "T5ForConditionalGeneration": dict(d_model=32, d_kv=16, d_ff=48, num_layers=2, num_decoder_layers=2,
                                            num_heads=2, feed_forward_proj="gated-gelu",
                                            relative_attention_num_buckets=8, relative_attention_max_distance=20)}
# Far from the initialisation (no greedy answer repeats one token), yet with attention scores small enough that
# two fp32 implementations' rounding keeps the weights within 1e-5: T5 does not scale its scores by 1/√d_k.
NOISE = {"T5ForConditionalGeneration": 0.1}
CONFIGS = {"GPT2LMHeadModel": "GPT2Config", "LlamaForCausalLM": "LlamaConfig", "BertForMaskedLM": "BertConfig",
           "BertForPreTraining": "BertConfig", "BertForSequenceClassification": "BertConfig",
           "BertForTokenClassification": "BertConfig", "BartForConditionalGeneration": "BartConfig",
           "T5ForConditionalGeneration": "T5Config"}


def gpt2_style_tokenizer() -> Tokenizer:
    """Byte-level BPE whose only special token is <|endoftext|>, as GPT-2's: the roles it lacks get added."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = token_decoders.ByteLevel()
    tokenizer.train_from_iterator(TEXTS, trainers.BpeTrainer(
        vocab_size=400, special_tokens=["<|endoftext|>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    return tokenizer


def write_checkpoint(folder, architecture: str, seed: int = 0, weights: str = "safetensors", **config):
    """A random transformers model of ``architecture`` saved as transformers saves it, with a tokenizer."""
    folder.mkdir(parents=True)
    if architecture.startswith("Bert"):
        tokenizer = train_tokenizer(TokenizerConfig(kind="wordpiece", vocab_size=300), TEXTS).backend
    elif architecture.startswith("T5"):
        tokenizer = train_tokenizer(TokenizerConfig(kind="unigram", vocab_size=300), TEXTS, sentinels=8).backend
    elif architecture.startswith("Bart"):  # every role its own token
        tokenizer = train_tokenizer(TokenizerConfig(kind="byte-bpe", vocab_size=400), TEXTS).backend
    else:
        tokenizer = gpt2_style_tokenizer()
        end = tokenizer.token_to_id("<|endoftext|>")
        config = {"bos_token_id": end, "eos_token_id": end} | config
    tokenizer.save(str(folder / "tokenizer.json"))
    if architecture.startswith("Llama"):  # a byte-level Llama (as Llama 3) names its tokenizer's class so
        (folder / "tokenizer_config.json").write_text(json.dumps({
            "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<|endoftext|>",
            "eos_token": "<|endoftext|>"}))
    elif not architecture.startswith("GPT2"):  # saved as PreTrainedTokenizerFast(tokenizer_object=…) saves it
        roles = {f"{role}_token": ROLE_TOKENS[role] for role in ROLE_TOKENS}
        (folder / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "PreTrainedTokenizerFast",
                                                                  **roles}))
        ids = {role: tokenizer.token_to_id(token) for role, token in ROLE_TOKENS.items()}
        config = {"bos_token_id": ids["bos"], "eos_token_id": ids["eos"], "pad_token_id": ids["pad"]} | config
        if architecture.startswith("Bart"):  # BART's decoder starts from its end token, and ends on it
            config = {"decoder_start_token_id": ids["eos"], "forced_eos_token_id": ids["eos"]} | config
        if architecture.startswith("T5"):  # T5's starts from padding
            config = {"decoder_start_token_id": ids["pad"]} | config
    import transformers

    hf_config = getattr(transformers, CONFIGS[architecture])(
        vocab_size=tokenizer.get_vocab_size(), **SMALL[architecture] | config)
    torch.manual_seed(seed)
    model = getattr(transformers, architecture)(hf_config).eval()
    with torch.no_grad():  # far from the initialisation, so that a wrong mapping cannot hide
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter) * NOISE.get(architecture, 0.2))
    if weights == "safetensors":
        model.save_pretrained(folder)
    else:
        hf_config.architectures = [architecture]
        hf_config.save_pretrained(folder)
        torch.save(model.state_dict(), folder / "pytorch_model.bin")
    return model


