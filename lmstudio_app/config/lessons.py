"""The lessons: the principles of pretraining and fine-tuning as experiments that check their own claim.

Each ``Lesson`` is plain data: its title, explanation, what to look for and its claim are catalogue
``Template``s (English here, Chinese in the translation file), its formula is LaTeX, and its experiment is a preset
with overrides: a short variant sized for about two minutes on two CPU cores and a longer, more reliable one.
Which request trains it (``kind``) and which rule judges it (``verdict``, a name in
``engine/application/verdicts.py``) are names too; objectives, schemes and optimizers are chosen through presets and
overrides, never named in code.
The engine runs a lesson (``engine/application/lessons.py``) and the front ends show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lmstudio_app.config.messages import Template
from lmstudio_app.config.presets import load_preset
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.config.validate import apply_overrides

# Which request trains a lesson's experiment
TRAIN, COMPARE_INIT, SWEEP, COMPARE_VARIANTS = "train", "compare-init", "sweep", "compare-variants"
KINDS = (TRAIN, COMPARE_INIT, SWEEP, COMPARE_VARIANTS)


@dataclass(frozen=True)
class Experiment:
    """A preset and the overrides a lesson trains it with; ``short`` (about two minutes on two cores) or ``long``
    (longer, more reliable) are added last."""

    preset: str
    overrides: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    long: tuple[str, ...] = ()

    def assignments(self, long: bool, extra: tuple[str, ...] = ()) -> list[str]:
        return [*self.overrides, *(self.long if long else self.short), *extra]

    def config(self, long: bool, extra: tuple[str, ...] = ()) -> ExperimentConfig:
        """The experiment as it trains: the preset, the overrides, the variant's, then ``extra`` (a person's or a
        test's ``--set``)."""
        return apply_overrides(load_preset(self.preset), self.assignments(long, extra))


@dataclass(frozen=True)
class Variant:
    """One arm of a comparison: its label and the overrides that make it differ."""

    label: str
    overrides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lesson:
    name: str  # the slug: `lmstudio lesson NAME`
    title: Template
    formula: str  # LaTeX, typeset to SVG by ziamath in the window
    explanation: Template
    look_for: Template  # what to look at, and where
    view: str  # the view that shows the point: a name MainWindow.show_view knows ("layers": the per-layer plot)
    kind: str  # one of KINDS
    experiment: Experiment
    verdict: str  # the rule that judges the runs (engine/application/verdicts.py VERDICTS)
    claim: Template  # what the verdict checks, in words
    measured: Template  # the numbers it measured, with the rule's values as {named} parameters
    pretraining: Experiment | None = None  # trained first (or reused) when the experiment starts from a model
    variants: tuple[Variant, ...] = ()  # compare-variants: each arm
    sizes: tuple[int, ...] = ()  # sweep: training-set sizes (0 = all)


# ---------------------------------------------------------------- what every verdict says

HELD = Template("✔ held in this run")
NOT_HELD = Template("✘ did not hold in this run")
NOT_MEASURED = Template("? could not be measured: {reason}")
SMALL_RUN = Template("A short run may not show the claim; the longer variant trains more and is more reliable.")
FORMULA = Template("the lesson's formula")
REUSED_PRETRAINING = Template("starting from the pretrained run {run}, trained by an earlier lesson with the same "
                              "experiment")
STOPPED = Template("the lesson's run was stopped before its end")
NO_RUN = Template("no run of this lesson yet")
MISSING_METRIC = Template("the run's metrics have no {metric}")
NO_ATTENTION_OF = Template("the run's model has no {kind} attention")
VERDICT_LINE = Template("{verdict} — the claim: {claim}")
BOOK_DAMAGED = Template("the lessons' record {path} cannot be read ({reason}); the lessons start again without their "
                        "verdicts")
# the numbers' parts
SIZE_ROW = Template("{size}: {pretrained} vs {scratch}")

# ---------------------------------------------------------------- the experiments the lessons share

_GPT = Experiment("gpt-nano", ("training.checkpoint_every=0",), ("training.steps=400",),
                  ("training.steps=2000",))
_BERT = Experiment("bert-mini", ("model.d_model=64", "model.n_layers=2", "model.max_seq_len=64",
                                 "tokenizer.vocab_size=2000", "training.eval_every=100", "training.checkpoint_every=0"),
                   ("training.steps=300",), ("training.steps=2000",))
_REVERSE = Experiment("reverse-attention", ("training.eval_every=100",), ("training.steps=600",),
                      ("training.steps=2000",))
# The encoder a fine-tune starts from (lessons 10 to 13 share it: a second lesson reuses the first one's run)
# (the recipe of the README's measured data-efficiency sweep: masked LM alone, a higher learning rate)
_PRETRAINED_ENCODER = Experiment("bert-mini", ("model.d_model=64", "model.n_layers=2", "model.max_seq_len=64",
                                               "tokenizer.vocab_size=1000", "objective.next_sentence_prediction=false",
                                               "training.learning_rate=2e-3", "training.eval_every=200",
                                               "training.checkpoint_every=0"),
                                 ("training.steps=800",), ("training.steps=3000",))
_FINETUNE = Experiment("bert-mini-docstring-family", ("training.learning_rate=1e-3", "training.eval_every=20"),
                       ("training.steps=150",), ("training.steps=400", "training.eval_every=25"))

# ---------------------------------------------------------------- the lessons, in the order a course takes them

CAUSAL_TITLE = Template("Autoregressive LM and causal LM pretraining")
CAUSAL_TEXT = Template(
    "An autoregressive language model writes the probability of a text as a chain: the first token, then the "
    "second given the first, and so on, each token predicted from the ones before it. Causal LM pretraining "
    "trains exactly this chain on raw text, so every position of every sequence is a training example and no "
    "labels are needed. To keep the chain honest, the decoder's attention may not look ahead: a mask sets every "
    "score above the diagonal to minus infinity, so after the softmax those weights are exactly zero. The loss "
    "is the average negative log-probability of the next token, in nats per token. A useful yardstick is a "
    "bigram model, which predicts each token from the one before it only; a Transformer that reads the whole "
    "prefix should do better. GPT models are built this way, and generation simply samples the chain one token "
    "at a time.")
CAUSAL_LOOK = Template("In the Attention view, every cell above the diagonal stays empty at every step. In the Loss "
                       "view, the validation loss sinks below the dashed bigram line.")
CAUSAL_CLAIM = Template("attention above the diagonal is exactly 0, and the validation loss is below the bigram "
                        "baseline")
CAUSAL_MEASURED = Template("largest attention weight above the diagonal {above}; validation loss {loss} vs bigram "
                           "{bigram} nats/token")

MASKED_TITLE = Template("Denoising autoencoder LM: MLM and NSP")
MASKED_TEXT = Template(
    "A denoising autoencoder corrupts the text and learns to restore it. BERT's masked language model picks about "
    "15% of the tokens, replaces most of them with [MASK], some with a random token and leaves a few unchanged, "
    "then predicts the originals. Because nothing is hidden from the attention, each prediction uses the words on "
    "both sides, which is what makes these models good readers. The loss is counted only at the chosen positions, "
    "so each sequence teaches less than in causal pretraining. Next-sentence prediction adds a second question: "
    "is sentence B the one that followed sentence A, or a random one? Later work found NSP helps little, but it "
    "shows how a sentence-level task rides along with token-level denoising. Such a model cannot generate text "
    "left to right; it is pretrained to understand and then fine-tuned.")
MASKED_LOOK = Template("In the Objective step, the preview shows which tokens were masked, replaced or kept, and the "
                       "mask gallery shows that an encoder's tokens see each other both ways.")
# Lessons 2 and 3 check the same thing: the objective is learnable from raw text
LEARNS_CLAIM = Template("the validation loss falls below its first evaluation and well below a uniform guess over the "
                        "vocabulary (under 3/4 of ln |V|)")
LEARNS_MEASURED = Template("validation loss {loss} (first evaluation {first}, uniform guess ln |V| = {uniform}); "
                           "validation accuracy {accuracy}")

SEQ2SEQ_TITLE = Template("Sequence-to-sequence LM: span corruption and denoising")
SEQ2SEQ_TEXT = Template(
    "A sequence-to-sequence language model reads a source with its encoder and writes a target with its decoder, "
    "so it models P(Y | X). T5 turns pretraining into this shape with span corruption: random spans of the text "
    "are replaced by sentinel tokens, and the target lists each sentinel followed by the tokens it hid. BART "
    "instead deletes, masks and shuffles spans and sentences and asks the decoder to write the whole original. "
    "Either way the encoder learns to read a damaged text and the decoder learns to produce fluent text "
    "conditioned on it. The same model then fine-tunes on any task that can be written as text to text: "
    "translation, summarisation, even classification by writing the label. The target is short in span "
    "corruption, which keeps pretraining cheap.")
SEQ2SEQ_LOOK = Template("In the Objective step, the preview shows the sentinels in the input and the spans they hid "
                        "in the target; the Loss view shows the target loss falling.")

CROSS_TITLE = Template("The encoder-decoder and cross-attention")
CROSS_TEXT = Template(
    "In an encoder-decoder, the encoder reads the whole source with attention in both directions and hands the "
    "decoder one vector per source token. Each decoder layer has, besides its masked self-attention, a "
    "cross-attention: its queries come from the decoder, its keys and values from the encoder's output. So "
    "every output token can look up whichever source tokens it needs, wherever they are. For a task whose "
    "alignment is known, this is visible: to reverse a sequence, the first output token must read the last input "
    "token, the second the one before it, and so on. A trained model's cross-attention then draws the "
    "anti-diagonal. This is the mechanism the original Transformer introduced for translation, where the "
    "alignment is learned rather than given.")
CROSS_LOOK = Template("In the Attention view, choose the cross-attention: the brightest cells run from the top right "
                      "to the bottom left, the anti-diagonal.")
CROSS_CLAIM = Template("cross-attention follows the anti-diagonal: the later the output token, the earlier the "
                       "source token it reads most (correlation below -0.8)")
CROSS_MEASURED = Template("correlation of output position and most-read source position {correlation} (layer "
                          "{layer}); exact match on reversing {exact}")

SCALING_TITLE = Template("Scaled dot-product attention and why √d_k")
SCALING_TEXT = Template(
    "Attention compares each query with every key by a dot product, turns the scores into weights with a "
    "softmax, and averages the values with those weights. If queries and keys have d_k independent components "
    "of unit variance, their dot product has variance d_k, so wider heads produce larger scores. Large scores "
    "push the softmax towards a single winner, where its gradient almost vanishes and the head stops learning. "
    "Dividing by √d_k brings the scores back to unit variance whatever the head's width. The app can recompute a "
    "trained head without the division: the weights get sharper, with lower entropy and a larger top weight. "
    "That sharper head is what the network would have had to cope with from the first step.")
SCALING_LOOK = Template("In Attention › Step by step, compare the softmax as trained with the 'no scaling' what-if: "
                        "its rows are peakier, and the entropy and top weight under it say by how much.")
SCALING_CLAIM = Template("without the 1/√d_k scaling every head of the first layer is sharper: lower entropy and a "
                         "larger top weight")
SCALING_MEASURED = Template("mean entropy {entropy} → {unscaled} nats and mean top weight {top} → {unscaled_top} "
                            "without scaling, over {heads} heads ({sharper} sharper)")

HEADS_TITLE = Template("Multi-head attention: what separate heads buy")
HEADS_TEXT = Template(
    "Multi-head attention splits the model's width into several smaller heads, each with its own query, key and "
    "value projections. Each head computes its own attention pattern, and their outputs are concatenated and "
    "mixed by one output projection. The cost is the same as one wide head, but the model can attend to "
    "several things at once: one head to the previous token, another to a matching bracket, another to the "
    "start of the line. Heads are not equally useful; some can be removed with little loss and others carry "
    "much of the model's skill. The app measures this directly: it zeroes one head at a time on the trained "
    "model and reads the validation loss again. The spread of those losses shows how differently the heads are "
    "used.")
HEADS_LOOK = Template("In the Attention view, step through the heads of a layer: their patterns differ. The verdict "
                      "lists the loss with each head zeroed.")
HEADS_CLAIM = Template("the heads are not interchangeable: zeroing the most important head costs at least twice as "
                       "much validation loss as zeroing the least important one")
HEADS_MEASURED = Template("validation loss {base}; zeroing one head raises it by {least} (layer {least_layer}, head "
                          "{least_head}) up to {most} (layer {most_layer}, head {most_head})")

POSITIONS_TITLE = Template("Positional encoding: what a Transformer without positions cannot do")
POSITIONS_TEXT = Template(
    "Attention by itself treats its input as a set: shuffle the tokens and each token gets the same output, just "
    "moved. Word order, which carries much of language's meaning, would be invisible. A positional encoding "
    "fixes this by telling each token where it stands: a learned vector per position, fixed sinusoids, a "
    "rotation of queries and keys, or a bias on the scores that depends on distance. Reversing a sequence is a "
    "task that depends on nothing but order, so a model without any positional information cannot solve it. "
    "The lesson trains the same encoder-decoder twice, once with learned positions and once with none, and "
    "compares how often each reverses a sequence exactly. The gap is what positions buy.")
POSITIONS_LOOK = Template("In the Runs view, overlay the two runs: the run with positions climbs in exact match, the "
                          "run without stays near zero.")
POSITIONS_CLAIM = Template("with positions the model learns to reverse sequences; without them it stays near chance "
                           "(exact match at least 0.2 higher with positions, and below 0.1 without)")
POSITIONS_MEASURED = Template("exact match with positions {with_positions}, without {without_positions}")

RESIDUAL_TITLE = Template("Residual connections and layer normalisation")
RESIDUAL_TEXT = Template(
    "A residual connection adds each sub-layer's output to its input, so the layer learns a change to the "
    "representation rather than a new one. In the backward pass the addition is an identity path: the gradient "
    "reaches the bottom layers without being multiplied by every layer's Jacobian on the way. Layer "
    "normalisation rescales each token's vector to zero mean and unit variance, which keeps activations and "
    "gradients in a range where training is stable. Without both, a deep network's gradients shrink (or explode) "
    "layer by layer, and the bottom layers barely learn. The lesson trains a thin twelve-layer model twice, with "
    "pre-norm residual blocks and with neither, and compares the gradient norm of the bottom layer with the top "
    "one's.")
RESIDUAL_LOOK = Template("In the Loss view, choose 'gradient norm per layer' in the lower plot (log scale): with "
                         "residuals and norms the layers stay close; without, the bottom layers fall decades below.")
RESIDUAL_CLAIM = Template("without residuals and norms the bottom layer's gradient norm is below 1/1000 of the top "
                          "layer's; with them it is within a factor of 10")
RESIDUAL_MEASURED = Template("bottom ÷ top gradient norm: {with_both} with residuals and norms, {without} without")

MASKING_TITLE = Template("Masking: the decoder's mask and the encoder's [MASK]")
MASKING_TEXT = Template(
    "Two different things are called masking, and both decide what a model may use. The decoder's attention mask "
    "is a matrix added to the scores: minus infinity above the diagonal, so a token never sees the ones after it "
    "and the model can be trained on every position at once without cheating. The encoder has no such mask; its "
    "tokens see each other in both directions, and only padding is hidden. The encoder's [MASK] is a token in "
    "the input instead: it hides the word itself, not the attention, so the model has to infer it from the "
    "context on both sides. A prefix LM mixes the two, reading a prefix both ways and the rest causally. The "
    "mask gallery draws each kind side by side with the code training uses.")
MASKING_LOOK = Template("In the Objective step, open the mask gallery; then, after the run, the Attention view: this "
                        "encoder's weights fill both sides of the diagonal, unlike the decoder of the first lesson.")
MASKING_CLAIM = Template("an encoder attends both ways: a clear share of its attention (over 20%) lies above the "
                         "diagonal, where a decoder's is exactly 0")
MASKING_MEASURED = Template("share of attention above the diagonal {share} (averaged over layers and heads); "
                            "masked-token accuracy {accuracy}")

INIT_TITLE = Template("Pretraining as initialisation")
INIT_TEXT = Template(
    "Fine-tuning starts from the weights pretraining found instead of random ones. Those weights already encode "
    "what the pretraining text taught: which tokens go together, how sentences are built, which words are alike. "
    "A task head, usually one small layer, is added on top and everything is trained on the labelled data for a "
    "few hundred steps. To see what the starting point is worth, the lesson fine-tunes the same architecture on "
    "the same task, with the same seed and the same number of steps, once from the pretrained model and once "
    "from scratch. Any difference comes from the initialisation alone. On a small pretraining budget the gap can "
    "be modest; it grows with the pretraining.")
INIT_LOOK = Template("In the Runs view, overlay the two fine-tunes' validation accuracy: the pretrained run starts "
                     "higher and ends higher.")
INIT_CLAIM = Template("at equal steps, the fine-tune from the pretrained model ends with validation accuracy at "
                      "least that of the fine-tune from scratch")
INIT_MEASURED = Template("validation accuracy {pretrained} from the pretrained model vs {scratch} from scratch "
                         "(loss {pretrained_loss} vs {scratch_loss})")

DATA_TITLE = Template("Less data: the data-efficiency sweep")
DATA_TEXT = Template(
    "The first promise of fine-tuning is that it needs less labelled data: the model does not have to learn the "
    "language from the labels, only the task. The sweep repeats the pretrained-versus-scratch comparison at "
    "several training-set sizes, each a subset of the larger ones, with the same validation set and the same "
    "number of steps. If the promise holds, the pretrained model is ahead at every size, and most of all at the "
    "smallest, where a model from scratch has too few examples to learn anything general. As the data grows the "
    "scratch model catches up, because the labels alone start to teach what pretraining taught. The learning "
    "curves show the whole story in one picture.")
DATA_LOOK = Template("In the Runs view, the sweep's plot: two learning curves over the training-set size, the "
                     "pretrained one above, with the widest gap on the left.")
DATA_CLAIM = Template("pretrained ≥ scratch at every training-set size, with the largest gap at the smallest size")
DATA_MEASURED = Template("validation accuracy, pretrained vs scratch, by training-set size:\n{table}")

STEPS_TITLE = Template("Fewer steps: steps to reach a target score")
STEPS_TEXT = Template(
    "The third promise is speed: a good starting point needs fewer updates to reach a given quality. The lesson "
    "measures it directly. It takes the validation accuracy the model from scratch reached at the end of its "
    "run as the target, and finds the first evaluation at which the pretrained model reached it. The ratio of "
    "those step counts says what fraction of the training the pretrained start needed. A ratio of 0.3 means "
    "the pretrained model got there in under a third of the steps. If the pretrained model never reaches the "
    "target, the ratio is undefined and the claim did not hold in this run. Evaluations come every few steps, so "
    "the ratio is only as fine as their spacing.")
STEPS_LOOK = Template("In the Runs view, overlay the validation accuracy against the step: draw a horizontal line at "
                      "scratch's last value and see where the pretrained curve crosses it.")
STEPS_CLAIM = Template("the pretrained model reaches scratch's final validation accuracy in fewer steps (ratio "
                       "below 1)")
STEPS_MEASURED = Template("target {target} (scratch's accuracy at its last step, {scratch_steps}); {reached}: ratio "
                          "{ratio}")
REACHED_AT = Template("the pretrained model reached it at step {step}")
NEVER_REACHED = Template("the pretrained model never reached it")

ADAPTIVE_TITLE = Template("Discriminative and layer-wise adaptive fine-tuning")
ADAPTIVE_TEXT = Template(
    "Not every layer should change equally when fine-tuning. The bottom layers hold general features that the "
    "task can reuse; the top layers are more specific to the pretraining objective. Discriminative fine-tuning "
    "(ULMFiT's, also called layer-wise learning-rate decay) gives each lower layer a learning rate a constant "
    "factor smaller than the layer above it. Layer-wise adaptive optimisers such as LAMB go further and scale "
    "each layer's update by a trust ratio, the norm of its weights over the norm of its proposed update, so every "
    "layer moves by a similar fraction of itself. The lesson fine-tunes the same pretrained model three ways, "
    "AdamW, AdamW with layer-wise decay, and LAMB, and compares their final accuracy. The per-layer plot shows "
    "LAMB's trust ratio for each layer.")
ADAPTIVE_LOOK = Template("In the Runs view, compare the three fine-tunes; in the Loss view's lower plot, 'trust ratio "
                         "per layer' shows how LAMB scales each layer.")
ADAPTIVE_CLAIM = Template("a layer-wise method (learning-rate decay or LAMB) matches or beats plain AdamW on the same "
                          "fine-tune (within 0.01 accuracy or better)")
ADAPTIVE_MEASURED = Template("validation accuracy: AdamW {adamw}, layer-wise decay {llrd}, LAMB {lamb}")

LESSONS: tuple[Lesson, ...] = (
    Lesson("causal-lm", CAUSAL_TITLE, r"P(X) = \prod_{t=1}^{T} P(x_t \mid x_{<t})", CAUSAL_TEXT, CAUSAL_LOOK,
           "attention", TRAIN, _GPT, "causal", CAUSAL_CLAIM, CAUSAL_MEASURED),
    Lesson("masked-lm", MASKED_TITLE,
           r"\mathcal{L} = -\sum_{i \in \mathcal{M}} \log P(x_i \mid \tilde{X}) - \log P(\mathrm{IsNext} \mid A, B)",
           MASKED_TEXT, MASKED_LOOK, "objective", TRAIN, _BERT, "learns", LEARNS_CLAIM, LEARNS_MEASURED),
    Lesson("seq2seq-lm", SEQ2SEQ_TITLE, r"P(Y \mid X) = \prod_{t=1}^{T'} P(y_t \mid y_{<t}, X)", SEQ2SEQ_TEXT,
           SEQ2SEQ_LOOK, "objective", TRAIN,
           Experiment("t5-mini", ("model.d_model=64", "model.n_layers=2", "model.n_decoder_layers=2", "model.d_ff=192",
                                  "model.max_seq_len=64", "tokenizer.vocab_size=2000", "training.eval_every=100",
                                  "training.checkpoint_every=0"),
                      ("training.steps=300",), ("training.steps=2000",)),
           "learns", LEARNS_CLAIM, LEARNS_MEASURED),
    Lesson("cross-attention", CROSS_TITLE,
           r"\mathrm{CrossAttn}(H_{dec}, H_{enc}) = \mathrm{softmax}\left(\frac{(H_{dec}W_Q)(H_{enc}W_K)^\top}"
           r"{\sqrt{d_k}}\right) H_{enc} W_V",
           CROSS_TEXT, CROSS_LOOK, "attention", TRAIN, _REVERSE, "cross", CROSS_CLAIM, CROSS_MEASURED),
    Lesson("scaled-attention", SCALING_TITLE,
           r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{Q K^\top}{\sqrt{d_k}} + M\right) V",
           SCALING_TEXT, SCALING_LOOK, "stages", TRAIN, _GPT, "scaling", SCALING_CLAIM, SCALING_MEASURED),
    Lesson("multi-head", HEADS_TITLE,
           r"\begin{aligned} \mathrm{head}_i &= \mathrm{Attention}(Q W_i^Q, K W_i^K, V W_i^V) \\ "
           r"\mathrm{MultiHead}(Q, K, V) &= \mathrm{Concat}(\mathrm{head}_1, \ldots, \mathrm{head}_h) W^O "
           r"\end{aligned}",
           HEADS_TEXT, HEADS_LOOK, "attention", TRAIN, _GPT, "heads", HEADS_CLAIM, HEADS_MEASURED),
    Lesson("positions", POSITIONS_TITLE, r"h_i^{(0)} = E[x_i] + P[i]", POSITIONS_TEXT, POSITIONS_LOOK, "runs",
           COMPARE_VARIANTS, _REVERSE, "positions", POSITIONS_CLAIM, POSITIONS_MEASURED,
           variants=(Variant("learned positions", ("model.position=learned",)),
                     Variant("no positions", ("model.position=none",)))),
    Lesson("residual-norm", RESIDUAL_TITLE,
           r"h_{l+1} = h_l + F_l(\mathrm{LN}(h_l)),\quad \mathrm{LN}(x) = \gamma \odot "
           r"\frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta",
           RESIDUAL_TEXT, RESIDUAL_LOOK, "layers", COMPARE_VARIANTS,
           Experiment("deep-thin", ("training.eval_every=50",), ("training.steps=150",), ("training.steps=600",)),
           "residual", RESIDUAL_CLAIM, RESIDUAL_MEASURED,
           variants=(Variant("residual and pre-norm", ()),
                     Variant("neither", ("model.residual=false", "model.norm_position=none")))),
    Lesson("masking", MASKING_TITLE,
           r"M_{ij} = \begin{cases} 0 & j \le i \\ -\infty & j > i \end{cases},\quad "
           r"\tilde{x}_i = \text{[MASK]} \text{ for } i \in \mathcal{M}",
           MASKING_TEXT, MASKING_LOOK, "objective", TRAIN, _BERT, "both-ways", MASKING_CLAIM, MASKING_MEASURED),
    Lesson("initialisation", INIT_TITLE, r"\theta_0^{\mathrm{task}} = \theta^{\mathrm{pre}} \quad\mathrm{vs}\quad "
           r"\theta_0^{\mathrm{task}} \sim \mathcal{N}(0, \sigma^2)",
           INIT_TEXT, INIT_LOOK, "runs", COMPARE_INIT, _FINETUNE, "initialisation", INIT_CLAIM, INIT_MEASURED,
           pretraining=_PRETRAINED_ENCODER),
    Lesson("less-data", DATA_TITLE, r"\mathrm{acc}_{\mathrm{pre}}(n) - \mathrm{acc}_{\mathrm{scratch}}(n)"
           r"\ \mathrm{largest\ at\ small}\ n",
           DATA_TEXT, DATA_LOOK, "runs", SWEEP, _FINETUNE, "less-data", DATA_CLAIM, DATA_MEASURED,
           pretraining=_PRETRAINED_ENCODER, sizes=(50, 200, 0)),
    Lesson("fewer-steps", STEPS_TITLE,
           r"r = \frac{\min\{s : \mathrm{acc}_{\mathrm{pre}}(s) \ge \mathrm{acc}_{\mathrm{scratch}}(S)\}}{S}",
           STEPS_TEXT, STEPS_LOOK, "runs", COMPARE_INIT, _FINETUNE, "fewer-steps", STEPS_CLAIM, STEPS_MEASURED,
           pretraining=_PRETRAINED_ENCODER),
    Lesson("adaptive-finetuning", ADAPTIVE_TITLE,
           r"\eta_{l} = \eta\,\xi^{L-l},\qquad \Delta w_l = -\eta\,"
           r"\frac{\lVert w_l \rVert}{\lVert u_l \rVert}\, u_l",
           ADAPTIVE_TEXT, ADAPTIVE_LOOK, "runs", COMPARE_VARIANTS, _FINETUNE, "adaptive", ADAPTIVE_CLAIM,
           ADAPTIVE_MEASURED, pretraining=_PRETRAINED_ENCODER,
           variants=(Variant("AdamW", ()), Variant("layer-wise decay", ("finetune.layer_lr_decay=0.7",)),
                     Variant("LAMB", ("training.optimizer=lamb",)))),
)
LESSONS_BY_NAME = {lesson.name: lesson for lesson in LESSONS}
