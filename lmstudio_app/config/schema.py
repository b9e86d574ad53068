"""The experiment config: one dataclass per section, composed into ``ExperimentConfig``.

Each field carries its help text and its allowed values or range in the field
metadata, so the validator, the CLI and the GUI's forms read one description.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from lmstudio_app.config.positions import LEARNED, POSITIONS
from lmstudio_app.config.registry import FAMILIES, OBJECTIVES

ACTIVATIONS = ("relu", "gelu", "swiglu", "geglu")
NORMS = ("layernorm", "rmsnorm")
NORM_POSITIONS = ("pre", "post", "none")
GELU_APPROXIMATIONS = ("none", "tanh")
TOKENIZER_KINDS = ("char", "byte-bpe", "bpe", "wordpiece", "unigram")
NORMALIZATIONS = ("none", "nfc", "nfkc")
BUILTIN_CORPORA = (
    "python-docs",
    "python-docstrings",
    "python-source",
    "synthetic-copy",
    "synthetic-reverse",
    "synthetic-sort",
    "synthetic-add",
    "zh-news",
)
CORPORA = BUILTIN_CORPORA + ("files",)
TASKS = ("sequence-classification", "pair-classification", "token-classification", "seq2seq")
# Built-in task datasets and the task kind each one is.
TASK_DATASETS_KINDS = {
    "docstring-family": "sequence-classification",
    "python-token-types": "token-classification",
    "docstring-to-name": "seq2seq",
    "synthetic-copy": "seq2seq",
    "synthetic-reverse": "seq2seq",
    "synthetic-sort": "seq2seq",
    "synthetic-add": "seq2seq",
    "zh-sentiment": "sequence-classification",
    "zh-pos": "token-classification",
    "zh-segmentation": "token-classification",
}
TASK_DATASETS = tuple(TASK_DATASETS_KINDS) + ("files",)
STRATEGIES = ("full", "head-only", "bitfit", "lora")
LORA_TARGETS = ("q", "k", "v", "o", "up", "down")
# The optimizers training.optimizer offers (engine/train/optim.py builds each).
OPTIMIZERS = ("adamw", "lamb", "lion")
SCHEDULES = ("constant", "linear", "cosine", "inverse-sqrt")
DEVICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("auto", "fp32", "bf16", "fp16")
# Upper bounds of counts that have no natural one: far beyond any run this app is for, and far below what overflows
# a 64-bit integer or a float's exact integers (a step count of 1e20 is a typo, not a plan).
MAX_STEPS = 100_000_000
MAX_COUNT = 1_000_000_000
MAX_SEED = 2**32 - 1  # a 32-bit seed: every random generator here takes it


def setting(default: Any, help: str, *, choices: tuple = (), min: float | None = None,
            max: float | None = None) -> Any:
    """A config field with its description; lists get a fresh copy per instance."""
    metadata = {"help": help, "choices": choices, "min": min, "max": max}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class DataConfig:
    corpus: str = setting("python-docs", "a built-in corpus, or 'files' for your own files", choices=CORPORA)
    paths: list[str] = setting([], "your .txt/.jsonl/.csv files or folders (with corpus = 'files')")
    glob: str = setting("**/*.txt", "which files to take from a folder")
    text_field: str = setting("text", "the field or column holding the text in .jsonl/.csv files")
    validation_fraction: float = setting(0.1, "share of documents held out for validation", min=0.0, max=0.5)
    max_documents: int = setting(0, "use at most this many documents (0 = all)", min=0,
                                max=MAX_COUNT)
    seed: int = setting(0, "seed of the train/validation split and of synthetic data", min=0,
                       max=MAX_SEED)
    synthetic_examples: int = setting(20000, "how many examples a synthetic corpus generates", min=10,
                                      max=MAX_COUNT)
    synthetic_length: int = setting(12, "longest item of a synthetic example", min=2, max=512)


@dataclass
class TokenizerConfig:
    kind: str = setting("char", "how text becomes tokens", choices=TOKENIZER_KINDS)
    vocab_size: int = setting(2000, "vocabulary size to train (char: an upper bound)", min=16, max=1_000_000)
    min_frequency: int = setting(2, "a merge or token must occur this often", min=1, max=MAX_COUNT)
    lowercase: bool = setting(False, "lowercase text before tokenizing")
    normalization: str = setting("nfc", "Unicode normalization", choices=NORMALIZATIONS)
    isolate_cjk: str = setting("auto", "each Chinese (CJK) character its own word before training, as Chinese BERT "
                                       "does; auto = for WordPiece (no effect on text without CJK)",
                               choices=("auto", "on", "off"))
    sentinels: int = setting(32, "T5-style sentinel tokens registered for span corruption", min=0, max=1000)
    path: str = setting("", "load this tokenizer.json instead of training one")


@dataclass
class ModelConfig:
    family: str = setting("decoder", "which stacks the model has", choices=FAMILIES)
    vocab_size: int = setting(0, "embedding rows (0 = the tokenizer's vocabulary size)", min=0, max=1_000_000)
    d_model: int = setting(128, "width of the residual stream", min=8, max=16384)
    n_heads: int = setting(4, "attention heads per layer", min=1, max=256)
    n_layers: int = setting(4, "layers of the encoder, or of the decoder in a decoder-only model", min=1, max=256)
    n_decoder_layers: int = setting(0, "decoder layers of an encoder-decoder (0 = as many as n_layers)", min=0, max=256)
    d_ff: int = setting(0, "hidden width of the feed-forward block (0 = 4 × d_model)", min=0, max=262144)
    activation: str = setting("gelu", "feed-forward activation; swiglu/geglu are gated", choices=ACTIVATIONS)
    gelu_approximation: str = setting("none", "gelu/geglu: exact (none), or GPT-2's tanh approximation",
                                      choices=GELU_APPROXIMATIONS)
    norm: str = setting("layernorm", "normalization layer", choices=NORMS)
    norm_position: str = setting("pre", "normalize before (pre) or after (post) each sub-layer, or never (none: an "
                                        "ablation)", choices=NORM_POSITIONS)
    residual: bool = setting(True, "each sub-layer adds its output to its input (off: an ablation of the residual "
                                   "connection)")
    position: str = setting(LEARNED.name, "positional scheme; relative is T5's bucketed bias, learned per head",
                            choices=POSITIONS)
    relative_buckets: int = setting(32, "relative: how many distance buckets (half exact, half log-spaced)", min=4,
                                    max=1024)
    relative_max_distance: int = setting(128, "relative: distances from this far on share the last bucket", min=2,
                                         max=65536)
    max_seq_len: int = setting(128, "longest sequence the model accepts", min=2, max=65536)
    embedding_dropout: float = setting(0.1, "dropout on the embeddings", min=0.0, max=0.9)
    attention_dropout: float = setting(0.1, "dropout on attention probabilities", min=0.0, max=0.9)
    residual_dropout: float = setting(0.1, "dropout on each sub-layer's output", min=0.0, max=0.9)
    bias: bool = setting(True, "linear and norm layers have biases")
    tie_embeddings: bool = setting(True, "the output projection shares the input embedding's weights")
    n_segments: int = setting(0, "segment (token-type) embeddings for sentence pairs (0 = none)", min=0, max=16)
    norm_eps: float = setting(1e-5, "epsilon of the normalization layers", min=1e-12, max=1e-2)
    init_std: float = setting(0.0, "standard deviation of the initial weights (0 = 1/sqrt(d_model))", min=0.0,
                              max=1.0)


@dataclass
class ObjectiveConfig:
    name: str = setting(OBJECTIVES[0], "pretraining objective", choices=OBJECTIVES)
    next_sentence_prediction: bool = setting(False, "add BERT's next-sentence prediction (with mlm)")
    prefix_fraction: float = setting(0.0, "prefix-lm: prefix share of each sequence (0 = random per sequence)",
                                     min=0.0, max=0.95)
    mask_probability: float = setting(0.15, "mlm: share of tokens selected for prediction", min=0.01, max=0.9)
    mask_token_fraction: float = setting(0.8, "mlm: selected tokens replaced by [MASK]", min=0.0, max=1.0)
    random_token_fraction: float = setting(0.1, "mlm: selected tokens replaced by a random token", min=0.0, max=1.0)
    whole_word_masking: bool = setting(False, "mlm: select whole words rather than single tokens")
    noise_density: float = setting(0.15, "span-corruption: share of tokens in corrupted spans", min=0.01, max=0.9)
    mean_span_length: float = setting(3.0, "span-corruption: mean length of a corrupted span", min=1.0, max=64.0)
    mask_ratio: float = setting(0.3, "denoising: share of tokens removed by text infilling", min=0.0, max=0.9)
    poisson_lambda: float = setting(3.0, "denoising: mean length of an infilled span (Poisson)", min=0.0, max=32.0)
    permute_sentences: bool = setting(True, "denoising: shuffle the order of sentences")
    predict_fraction: float = setting(0.15, "plm: share of each sequence predicted, the last tokens of its random "
                                            "factorisation order (XLNet's 1/K)", min=0.05, max=0.5)
    rtd_generator_fraction: float = setting(0.25, "electra: the generator's share of the model's attention heads, "
                                                  "so of its width (the paper's 1/4)", min=0.05, max=1.0)
    rtd_weight: float = setting(50.0, "electra: λ, the weight of the replaced-token detection loss against the "
                                      "generator's (the paper's 50)", min=0.0, max=1000.0)


@dataclass
class FinetuneConfig:
    task: str = setting("", "downstream task kind (empty = pretraining)", choices=("",) + TASKS)
    dataset: str = setting("docstring-family", "a built-in task dataset, or 'files'", choices=TASK_DATASETS)
    paths: list[str] = setting([], "your .csv/.jsonl task files (with dataset = 'files')")
    text_field: str = setting("text", "field holding the input text")
    pair_field: str = setting("", "field holding the second text of a pair (pair-classification)")
    label_field: str = setting("label", "field holding the label, the tag list, or the target text")
    labels: list[str] = setting([], "the label names, in output order (filled in from the data)")
    max_examples: int = setting(0, "use at most this many examples (0 = all)", min=0, max=MAX_COUNT)
    train_examples: int = setting(0, "train on a seeded subset of this many training examples; the validation "
                                     "examples and the label set stay the same (0 = all)", min=0,
                                 max=MAX_COUNT)
    from_run: str = setting("", "a pretrained run folder to start from (empty = from scratch)")
    checkpoint: str = setting("latest", "which checkpoint of from_run", choices=("latest", "best"))
    pooling: str = setting("auto", "how a sequence becomes one vector for classification",
                           choices=("auto", "cls", "mean", "last"))
    strategy: str = setting("full", "what is trained", choices=STRATEGIES)
    freeze_embeddings: bool = setting(False, "keep the embeddings fixed")
    freeze_layers: int = setting(0, "keep the bottom N layers of each stack fixed", min=0, max=256)
    layer_lr_decay: float = setting(1.0, "each lower layer group's learning rate is this times the one above "
                                         "(1 = off; ULMFiT / LLRD)", min=0.01, max=1.0)
    unfreeze_every: int = setting(0, "gradual unfreezing: one more layer group, top down, every N steps (0 = off)",
                                  min=0, max=MAX_STEPS)
    lora_rank: int = setting(8, "LoRA: rank of the adapters", min=1, max=1024)
    lora_alpha: float = setting(16.0, "LoRA: scale of the adapters (alpha / rank)", min=0.0, max=1024.0)
    lora_dropout: float = setting(0.0, "LoRA: dropout on the adapter input", min=0.0, max=0.9)
    lora_targets: list[str] = setting(["q", "v"], "LoRA: which projections get adapters (q, k, v, o, up, down)")


@dataclass
class TrainingConfig:
    steps: int = setting(2000, "optimizer steps", min=1, max=MAX_STEPS)
    batch_size: int = setting(32, "sequences per micro-batch (all processes together)", min=1,
                                max=65536)
    seq_len: int = setting(0, "training sequence length (0 = model.max_seq_len)", min=0, max=65536)
    learning_rate: float = setting(3e-4, "peak learning rate", min=0.0, max=10.0)
    min_lr_ratio: float = setting(0.1, "final learning rate as a fraction of the peak", min=0.0, max=1.0)
    schedule: str = setting("cosine", "learning-rate schedule after warmup", choices=SCHEDULES)
    warmup_steps: int = setting(100, "linear warmup steps", min=0, max=MAX_STEPS)
    optimizer: str = setting("adamw", "how gradients become updates: adamw (Adam with decoupled weight decay); "
                                      "lamb (AdamW's step rescaled per weight tensor by its trust ratio ‖w‖ / "
                                      "‖update‖, so every layer moves the same share of its size: layer-wise "
                                      "adaptive); lion (the sign of a momentum: wants a 3–10× smaller learning "
                                      "rate)", choices=OPTIMIZERS)
    weight_decay: float = setting(0.1, "weight decay (not on norms, biases, embeddings)", min=0.0, max=10.0)
    beta1: float = setting(0.9, "the optimizer's beta1 (its momentum)", min=0.0, max=0.99999)
    beta2: float = setting(0.99, "the optimizer's beta2 (Adam's, LAMB's second moment; Lion's momentum)", min=0.0,
                           max=0.99999)
    grad_clip: float = setting(1.0, "clip the gradient norm to this (0 = off)", min=0.0, max=1e6)
    grad_accumulation: int = setting(1, "micro-batches per optimizer step (effective batch = batch_size × this)",
                                     min=1, max=65536)
    eval_every: int = setting(200, "evaluate on the validation split every N steps (0 = never)", min=0,
                              max=MAX_STEPS)
    eval_batches: int = setting(20, "validation batches per evaluation", min=1, max=100_000)
    log_every: int = setting(10, "log metrics every N steps", min=1, max=MAX_STEPS)
    probe_every: int = setting(100, "capture attention on the probe text every N steps (0 = never)",
                               min=0, max=MAX_STEPS)
    layer_stats_every: int = setting(10, "log each layer's gradient norm, weight norm, update ratio and attention "
                                         "entropy every N steps (0 = never)", min=0, max=MAX_STEPS)
    probe_text: str = setting("The quick brown fox jumps over the lazy dog.", "text the attention probe reads")
    checkpoint_every: int = setting(500, "save a checkpoint every N steps (0 = only at the end)", min=0,
                                    max=MAX_STEPS)
    keep_checkpoints: int = setting(2, "how many recent checkpoints to keep (plus the best)", min=1,
                                   max=1000)
    device: str = setting("auto", "where to train", choices=DEVICES)
    precision: str = setting("auto", "number format (auto = bf16 on capable GPUs, else fp32)", choices=PRECISIONS)
    compile: bool = setting(False, "torch.compile the model (CUDA)")
    threads: int = setting(0, "CPU threads for torch (0 = every core; every core but one while the window "
                              "trains)", min=0, max=1024)
    check_memory: bool = setting(True, "refuse to start when the estimated training memory exceeds what the "
                                       "device has free (turn off only if you know the estimate is too high)")
    seed: int = setting(1337, "seed of initialization, batches and dropout", min=0, max=MAX_SEED)


@dataclass
class ExperimentConfig:
    name: str = setting("experiment", "a short name for runs of this experiment")
    data: DataConfig = field(default_factory=DataConfig)
    tokenizer: TokenizerConfig = field(default_factory=TokenizerConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    objective: ObjectiveConfig = field(default_factory=ObjectiveConfig)
    finetune: FinetuneConfig = field(default_factory=FinetuneConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)


SECTIONS: dict[str, type] = {
    f.name: f.default_factory for f in dataclasses.fields(ExperimentConfig) if f.default_factory is not dataclasses.MISSING
}
