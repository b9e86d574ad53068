#!/bin/sh
# Regenerates the README's screenshots in docs/screenshots (about 5 minutes on 2 cores).
# Runs go to a throwaway LMSTUDIO_HOME, so your own runs and settings are not touched.
set -eu
LMSTUDIO=${LMSTUDIO:-.venv/bin/lmstudio}
OUT=docs/screenshots
LMSTUDIO_HOME=$(mktemp -d)
export LMSTUDIO_HOME QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8  # English pictures whatever the locale
trap 'rm -rf "$LMSTUDIO_HOME"' EXIT
mkdir -p "$OUT"

$LMSTUDIO gui --screenshot "$OUT/loss.png" --train-steps 400
$LMSTUDIO gui --screenshot "$OUT/architecture.png" --preset t5-mini --view architecture --size 1280x1100
$LMSTUDIO gui --screenshot "$OUT/attention.png" --preset reverse-attention --train-steps 400 --view attention
$LMSTUDIO gui --screenshot "$OUT/stages.png" --preset reverse-attention --train-steps 400 --view stages
$LMSTUDIO gui --screenshot "$OUT/objective.png" --set objective.name=plm --view objective --size 1280x1100
$LMSTUDIO gui --screenshot "$OUT/positions.png" --set model.position=sinusoidal --train-steps 200 --view positions
$LMSTUDIO gui --screenshot "$OUT/evaluation.png" --preset bert-mini-docstring-family --train-steps 300 \
    --view evaluation
$LMSTUDIO gui --screenshot "$OUT/playground.png" --train-steps 400 --prompt "def " --view playground

# Two runs side by side in the run browser, and a fine-tune at 1024x700 showing the architecture it adopts.
$LMSTUDIO train gpt-nano --out "$LMSTUDIO_HOME/narrow" --set training.steps=300 --set model.d_model=32 > /dev/null
$LMSTUDIO train gpt-nano --out "$LMSTUDIO_HOME/wide" --set training.steps=300 > /dev/null
$LMSTUDIO gui --screenshot "$OUT/runs.png" --view runs --runs "$LMSTUDIO_HOME/narrow,$LMSTUDIO_HOME/wide"
$LMSTUDIO train bert-mini --out "$LMSTUDIO_HOME/bert" --set training.steps=40 --set training.eval_every=0 > /dev/null
$LMSTUDIO gui --screenshot "$OUT/finetune-1024x700.png" --size 1024x700 --preset bert-mini-docstring-family \
    --set "finetune.from_run=\"$LMSTUDIO_HOME/bert\"" --view architecture
$LMSTUDIO gui --screenshot "$OUT/finetune-objective.png" --size 1024x700 --preset bert-mini-docstring-family \
    --set "finetune.from_run=\"$LMSTUDIO_HOME/bert\"" --view objective

# Ten runs in the run browser of a small window: a learning-rate sweep of a narrow gpt-nano, two overlaid.
for rate in 3e-4 6e-4 1e-3 2e-3 3e-3 4e-3 6e-3 8e-3 1e-2 2e-2; do
    $LMSTUDIO train gpt-nano --out "$LMSTUDIO_HOME/lr-$rate" --set name="\"gpt-nano lr $rate\"" \
        --set training.steps=100 --set model.d_model=32 --set training.learning_rate=$rate \
        --set training.eval_every=25 --set training.probe_every=0 > /dev/null
done
$LMSTUDIO gui --screenshot "$OUT/runs-1024x700.png" --view runs --size 1024x700 \
    --runs "$LMSTUDIO_HOME/lr-3e-4,$LMSTUDIO_HOME/lr-3e-3"

# Bring your own model: a GPT-2-shaped run exported for transformers, then opened as a model folder.
$LMSTUDIO train gpt-nano --out "$LMSTUDIO_HOME/gpt" --set training.steps=400 > /dev/null
$LMSTUDIO export "$LMSTUDIO_HOME/gpt" --format transformers --out "$LMSTUDIO_HOME/my-gpt2" > /dev/null
$LMSTUDIO gui --screenshot "$OUT/imported.png" --open-model "$LMSTUDIO_HOME/my-gpt2" --view attention

# A deep thin stack without normalisation or residual connections: its gradients vanish layer by layer.
$LMSTUDIO gui --screenshot "$OUT/layers.png" --preset deep-thin --set model.norm_position=none \
    --set model.residual=false --train-steps 200 --detail "gradient norm per layer"

# A data-efficiency sweep: a briefly pretrained small bert-mini against scratch at five training-set sizes.
SMALL_BERT="--set model.d_model=64 --set model.n_heads=4 --set model.n_layers=2 --set model.max_seq_len=64 \
--set tokenizer.vocab_size=1000 --set training.batch_size=32 --set training.probe_every=0 \
--set training.checkpoint_every=0 --set training.log_every=50"
# shellcheck disable=SC2086
$LMSTUDIO train bert-mini --out "$LMSTUDIO_HOME/small-bert" $SMALL_BERT --set objective.next_sentence_prediction=false \
    --set training.steps=800 --set training.eval_every=0 --set training.learning_rate=2e-3 > /dev/null
# shellcheck disable=SC2086
$LMSTUDIO gui --screenshot "$OUT/sweep.png" --preset bert-mini-docstring-family $SMALL_BERT --set training.steps=200 \
    --set training.eval_every=200 --set training.eval_batches=20 --set training.learning_rate=1e-3 \
    --view runs --size 1280x1000 --sweep-from "$LMSTUDIO_HOME/small-bert" --sweep-sizes 50,100,300,1000,all

# What the layers of that small bert-mini represent once fine-tuned: validation examples by label, and CKA.
# shellcheck disable=SC2086
$LMSTUDIO gui --screenshot "$OUT/representations.png" --preset bert-mini-docstring-family $SMALL_BERT \
    --set "finetune.from_run=\"$LMSTUDIO_HOME/small-bert\"" --train-steps 150 --view representations

# The window in Chinese (needs a font that covers Chinese, e.g. apt-get install fonts-noto-cjk): bert-zh-mini
# training, its attention on a Chinese sentence, and the objective preview with its whole-word groups.
for view in loss attention; do
    $LMSTUDIO gui --screenshot "$OUT/zh-$view.png" --language zh_CN --preset bert-zh-mini --train-steps 200 \
        --set training.probe_every=50 --set training.eval_every=50 --set training.eval_batches=5 \
        --set training.batch_size=16 --set 'training.probe_text="自回归语言模型逐字预测下一个字。"' --view "$view"
done
$LMSTUDIO gui --screenshot "$OUT/zh-objective.png" --language zh_CN --preset bert-zh-mini --view objective \
    --size 1280x1300

# Help › Lessons: three lessons run in the window (their short variants), then their verdicts; one in Chinese.
$LMSTUDIO gui --screenshot "$OUT/lessons.png" --lesson scaled-attention --run-lesson --size 1500x950
$LMSTUDIO gui --screenshot "$OUT/lessons-causal.png" --lesson causal-lm --run-lesson --size 1500x950
$LMSTUDIO gui --screenshot "$OUT/lessons-zh.png" --language zh_CN --lesson masking --run-lesson --size 1500x950
