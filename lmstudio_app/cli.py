"""The ``lmstudio`` command line: every GUI action has a headless twin here.

Errors a person can cause end as one sentence on stderr and an exit code:
0 success, 2 bad config, input or path, 1 training failure; a run stopped by a
signal saves a checkpoint and exits 130 (Ctrl-C), 143 (SIGTERM) or 129 (SIGHUP).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import signal
import sys
import time
from pathlib import Path

from lmstudio_app.config import (
    DEFAULT_PRESET,
    ExperimentConfig,
    apply_overrides,
    load_config,
    load_preset,
    preset_names,
)
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.lessons import LESSONS_BY_NAME
from lmstudio_app.config.messages import problem
from lmstudio_app.config.objectives import MASKED_LM_HEAD
from lmstudio_app.config.model_stats import (
    ffn_width,
    forward_flops_per_token,
    head_specs,
    memory_estimate,
    parameter_table,
    resolved_vocab_size,
    training_flops_per_token,
    training_seq_len,
)
from lmstudio_app.config.runs import parse_sizes, read_run_config
from lmstudio_app.config.validate import override_value
from lmstudio_app.console import ConsoleProgress, ConsoleSink
from lmstudio_app.errors import (
    ConfigError,
    LmStudioError,
    TrainingError,
    os_error_sentence,
)
from lmstudio_app.events import (
    Classified,
    Event,
    Failed,
    Finished,
    GenerationStarted,
    LessonJudged,
    SweepFinished,
    VariantsCompared,
)
from lmstudio_app.formatting import human
from lmstudio_app.model_requests import Classify, FillMasks, Generate, HeadImportance, Probe, ProbeLayers
from lmstudio_app.requests import (
    CompareInit,
    CompareVariants,
    Evaluate,
    Export,
    Import,
    JudgeLesson,
    OpenRun,
    PrepareTokenizer,
    PreviewObjective,
    Request,
    Resume,
    RunLesson,
    Sweep,
    Train,
    Variant,
)

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_FOR_STOP = {"interrupted": EXIT_INTERRUPTED, "terminated": 143, "hung up": 129}  # 128 + the signal


def resolve_experiment(spec: str, overrides: list[str] | None = None) -> ExperimentConfig:
    """An experiment from a TOML path or a preset name, with ``--set`` overrides applied."""
    if Path(spec).exists() or spec.endswith(".toml"):
        config = load_config(spec)
    elif spec in preset_names():
        config = load_preset(spec)
    else:
        raise ConfigError(problem("", refusals.NO_FILE_OR_PRESET, presets=", ".join(preset_names())), spec)
    return apply_overrides(config, overrides) if overrides else config


def describe_model(config: ExperimentConfig) -> str:
    m = config.model
    depth = f"{m.n_layers}+{m.n_decoder_layers or m.n_layers}" if m.family == "encoder-decoder" else str(m.n_layers)
    lines = [
        f"{config.name}: {m.family}, {depth} layers × {m.n_heads} heads, d_model {m.d_model}, "
        f"d_ff {ffn_width(m)} ({m.activation}), {m.norm} ({m.norm_position}-norm), "
        f"{m.position} positions, context {m.max_seq_len}",
        f"objective {config.objective.name}"
        + (" + next-sentence prediction" if config.objective.next_sentence_prediction else "")
        + f"; vocabulary {resolved_vocab_size(config)}"
        + ("" if m.vocab_size else " (tokenizer.vocab_size; the trained tokenizer sets the final size)"),
        "",
        f"{'part':<24}{'each':>12}{'×':>4}{'total':>13}",
    ]
    rows = parameter_table(config)
    for row in rows:
        lines.append(f"{row.name:<24}{row.count:>12,}{row.repeat:>4}{row.total:>13,}")
    total = sum(row.total for row in rows)
    lines.append(f"{'total parameters':<40}{total:>13,}")
    if m.tie_embeddings:
        lines.append("(output projections tied to the token embedding are counted once)")
    seq_len = training_seq_len(config)
    memory = memory_estimate(config)
    lines += [
        "",
        f"FLOPs per token at length {seq_len}: forward {human(forward_flops_per_token(config))}, "
        f"training {human(training_flops_per_token(config))}",
        f"memory to train, batch {config.training.batch_size}, fp32 (estimate): "
        f"weights {human(memory.parameters, 'B')}, gradients {human(memory.gradients, 'B')}, "
        f"AdamW {human(memory.optimizer, 'B')}, activations {human(memory.activations, 'B')}, "
        f"PyTorch itself {human(memory.runtime, 'B')}, "
        f"total {human(memory.total, 'B')}",
    ]
    return "\n".join(lines)


def cmd_info(args: argparse.Namespace) -> int:
    print(describe_model(resolve_experiment(args.experiment, args.set)))
    return EXIT_OK


def cmd_data_summary(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.data import corpus_summary

    config = resolve_experiment(args.experiment, args.set)
    progress = ConsoleProgress()
    summary, first = corpus_summary(config, progress)
    progress.done()
    print(summary)
    preview = first.text[:300].replace("\n", "\n    ")
    print(f"first document ({first.origin}):\n    {preview}{'…' if len(first.text) > 300 else ''}")
    return EXIT_OK


def outcome(request: Request, context=None) -> Event:
    """Handle ``request`` to its end, as the window's worker does; its last event, the outcome."""
    from lmstudio_app.engine.application.requests import Context, handle

    *_, last = handle(request, context or Context())
    return last


def with_model(run_dir: str, checkpoint: str = "latest", context=None):
    """``context`` (a new one if None) with the run's model in use, opened as the window's Open run does."""
    from lmstudio_app.engine.application.requests import Context

    context = context or Context()
    outcome(OpenRun(run_dir, checkpoint), context)
    return context


def cmd_tokenizer_train(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.requests import Context

    config = resolve_experiment(args.experiment, args.set)
    progress = ConsoleProgress()
    report = outcome(PrepareTokenizer(config, save_to=args.out), Context(progress=progress))
    progress.done()
    print(f"saved {config.tokenizer.kind} tokenizer to {args.out}")
    print(report.diagnostics.describe())
    return EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.requests import Context
    from lmstudio_app.events import TaskPreview

    config = resolve_experiment(args.experiment, args.set)
    progress = ConsoleProgress()
    preview = outcome(PreviewObjective(config, args.seed, args.split), Context(progress=progress))
    progress.done()
    print(preview.describe() if isinstance(preview, TaskPreview) else
          preview.inspection.render(color=sys.stdout.isatty()))
    return EXIT_OK


def _train_until_done(request: Train | Resume | CompareVariants | RunLesson, console: ConsoleSink,
                      show_outcome=lambda outcome: None) -> int:
    """Train (or run a lesson) with progress on the console; ``show_outcome`` prints the last event unless it is
    a failure. Ctrl-C, SIGTERM and SIGHUP stop after the current step and a checkpoint; a second Ctrl-C aborts."""
    from lmstudio_app.engine.application.requests import Context, handle
    from lmstudio_app.engine.application.training import stop_on_signals

    main_process = os.environ.get("RANK", "0") == "0"
    context = Context(progress=console.progress)

    def stopping(reason: str) -> None:
        doing = "stopping after this step and saving a checkpoint" if context.training_began else \
            "stopping the preparation"
        console.say(f"{reason}: {doing}" + (" (Ctrl-C again to abort)" if reason == "interrupted" else ""))

    last = None
    with stop_on_signals(context.control, stopping):
        for last in handle(request, context):
            if main_process:
                console(last)
    if isinstance(last, Failed):
        console.say(f"error: {last.message.english()}")
        return EXIT_BAD_INPUT if last.bad_input else EXIT_FAILURE
    show_outcome(last)
    if isinstance(last, Finished) and last.reason in EXIT_FOR_STOP:
        return EXIT_FOR_STOP[last.reason]
    if context.control.stop_requested and context.control.stop_reason in EXIT_FOR_STOP:  # between runs
        return EXIT_FOR_STOP[context.control.stop_reason]
    return EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    console = ConsoleSink()
    config = resolve_experiment(args.experiment, args.set)
    return _train_until_done(Train(config, args.out or ""), console)


def cmd_resume(args: argparse.Namespace) -> int:
    return _train_until_done(Resume(args.run_dir, args.checkpoint, tuple(args.set)), ConsoleSink())


def _read_book_noting_damage():
    """The lesson book; when its file is damaged, a note says so: its verdicts were lost, not never earned."""
    from lmstudio_app.lesson_book import read_book

    book = read_book()
    if book.problem:
        print(f"note: {book.problem.english()}", file=sys.stderr)
    return book


def cmd_lessons(args: argparse.Namespace) -> int:
    from lmstudio_app.config.lessons import LESSONS, NO_RUN

    book = _read_book_noting_damage()
    for number, lesson in enumerate(LESSONS, 1):
        judged = book.verdicts.get(lesson.name)
        state = [NO_RUN] if judged is None else judged.describe().split("\n")[:2]  # the verdict, its numbers
        if judged is not None and judged.long:
            state[0] += " (longer variant)"
        print(f"{number:>2}. {lesson.name:<20} {lesson.title}\n" + "".join(f"    {line}\n" for line in state), end="")
    print("\nrun one: lmstudio lesson NAME [--long]; its verdict again: lmstudio lesson NAME --verdict")
    return EXIT_OK


def cmd_lesson(args: argparse.Namespace) -> int:
    if args.verdict:
        _read_book_noting_damage()
        print(outcome(JudgeLesson(args.name)).describe())
        return EXIT_OK
    lesson = LESSONS_BY_NAME.get(args.name)
    if lesson is not None:
        print(f"{lesson.title}\n  {lesson.formula}\n\n{lesson.explanation}\n\nwhat to look for: {lesson.look_for}\n")
    return _train_until_done(RunLesson(args.name, args.long, tuple(args.set)), ConsoleSink(), _show_verdict)


def _show_verdict(judged: LessonJudged) -> None:
    offered = judged.held is False and not judged.long  # as the verdict's own lines: the long run was the offer
    longer = f"\nthe longer variant: lmstudio lesson {judged.lesson} --long" if offered else ""
    runs = f"\nruns: {', '.join(run for _, run in judged.runs)}" if judged.runs else ""  # a stopped lesson may have none
    print(f"\nverdict: {judged.describe()}{longer}{runs}")


def cmd_runs(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.runs import delete_run, list_runs, rename_run
    from lmstudio_app.run_index import RunIndex

    if (args.delete or args.rename is not None) and not args.run_dir:
        raise ConfigError(problem("", refusals.NAME_RUN_TO_DELETE if args.delete else refusals.NAME_RUN_TO_RENAME))
    if args.delete:
        delete_run(args.run_dir)
        print(f"deleted {args.run_dir}")
        return EXIT_OK
    if args.rename is not None:
        rename_run(args.run_dir, args.rename)
        print(f"renamed {args.run_dir} to {args.rename.strip()}")
        return EXIT_OK
    if args.rebuild_index:
        index = RunIndex()
        try:
            print(f"read {index.rebuild()} run folders back into the run index {index.path}")
        finally:
            index.close()
    if args.run_dir:
        index = RunIndex()
        if index.notice:
            print(f"note: {index.notice.english()}", file=sys.stderr)
        record = index.get(str(Path(args.run_dir)))
        if record is None:
            raise ConfigError(problem("", refusals.NOT_INDEXED), args.run_dir)
        print(f"{record.name} ({record.live_status}), {record.family} / {record.objective}, "
              f"step {record.step}/{record.total_steps}, {record.parameters:,} parameters\n{record.run_dir}")
        baselines = {}
        for split, name in index.metric_names(record.run_dir):
            steps, values = index.series(record.run_dir, name, split)
            if split == "baseline":
                baselines[name] = values[-1]
                continue
            print(f"  {split:<10} {name:<20} {len(steps):>5} points, last {values[-1]:.5g} at step {steps[-1]}")
        if baselines:
            print("  n-gram baselines on the validation batches (nats/token): " + ", ".join(
                f"{order} {baselines[order]:.4f}" for order in ("unigram", "bigram", "trigram") if order in baselines))
        print("\n" + record.config)
        return EXIT_OK
    listing = list_runs()
    if listing.notice:
        print(f"note: {listing.notice.english()}", file=sys.stderr)
    records = listing.runs
    if not records:
        print("no runs yet; start one with: lmstudio train gpt-nano")
        return EXIT_OK
    print(f"{'name':<24}{'family':<17}{'objective':<17}{'status':<12}{'steps':>13}{'best val':>10}  started")
    for r in records:
        best = f"{r.best_validation_loss:.4f}" if r.best_validation_loss is not None else "-"
        started = time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created))
        print(f"{r.name[:23]:<24}{r.family:<17}{(r.task or r.objective)[:16]:<17}{r.live_status:<12}"
              f"{f'{r.step}/{r.total_steps}':>13}{best:>10}  {started}\n    {r.run_dir}")
    return EXIT_OK


def cmd_attention(args: argparse.Namespace) -> int:
    snapshot = outcome(Probe(args.text), with_model(args.run_dir))
    print(f"step {snapshot.step}, {len(snapshot.tokens)} tokens: {list(snapshot.tokens)}")
    if snapshot.target_tokens:
        print(f"decoder tokens: {list(snapshot.target_tokens)}")
    for kind, layers in snapshot.attention.items():
        for index, weights in enumerate(layers):
            strongest = [int(row.argmax()) for row in weights.mean(0)]
            print(f"{kind} layer {index}: {weights.shape[0]} heads; head-mean argmax key per query {strongest}")
    if args.out:
        snapshot.save_npz(args.out)
        print(f"saved {args.out} (arrays: heads × queries × keys)")
    return EXIT_OK


def unread_prompt(started: GenerationStarted) -> str:
    """What a prompt longer than the model's context lost, in a sentence."""
    where = "first" if started.continues_prompt else "last"
    return (f"the prompt is longer than the model's context: its {where} {started.unread_tokens:,} tokens were not "
            f"read")


def cmd_generate(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.requests import handle

    request = Generate(args.prompt, max_tokens=args.max_tokens, temperature=0.0 if args.greedy else args.temperature,
                       top_k=args.top_k, top_p=args.top_p, seed=args.seed)
    for event in handle(request, with_model(args.run_dir)):
        if isinstance(event, GenerationStarted):
            if event.unread_tokens:
                print(f"note: {unread_prompt(event)}", file=sys.stderr)
            sys.stdout.write(event.prompt if event.continues_prompt else f"{event.prompt}\n→ ")
        else:
            sys.stdout.write(event.text)
        sys.stdout.flush()
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_fill_mask(args: argparse.Namespace) -> int:
    filled = outcome(FillMasks(args.text, args.top_k), with_model(args.run_dir))
    for number, candidates in enumerate(filled.masks, 1):
        print(f"[MASK] {number}: " + ", ".join(f"{text!r} {p:.1%}" for text, p in candidates))
    return EXIT_OK


def cmd_classify(args: argparse.Namespace) -> int:
    answer = outcome(Classify(args.text, args.pair), with_model(args.run_dir, args.checkpoint))
    if isinstance(answer, Classified):
        for label, probability in answer.labels:
            print(f"{label:<24} {probability:7.1%}")
    else:
        for token, tag, probability in answer.tokens:
            print(f"{token!r:<24} {tag:<16} {probability:7.1%}")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.bench import HEADER, benchmark_preset

    names = args.presets.split(",") if args.presets else preset_names()
    progress = ConsoleProgress()
    results = []
    for name in names:
        results.append(benchmark_preset(name, steps=args.steps, progress=progress))
        progress.done()
    print(f"training throughput on {results[0].device}, {args.steps} steps per preset (first 5 left out)")
    print(HEADER)
    for result in results:
        print(result.row())
    return EXIT_OK


def cmd_compare_init(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.compare import comparison_table, sweep_table
    from lmstudio_app.engine.application.requests import Context, handle

    config = resolve_experiment(args.experiment, args.set)
    strategies = tuple(args.strategies.split(",")) if args.strategies else ()
    request = Sweep(config, args.pretrained, tuple(args.examples), args.out or "", strategies) if args.examples \
        else CompareInit(config, args.pretrained, args.out or "", strategies)
    console = ConsoleSink()
    for last in handle(request, Context(progress=console.progress)):
        console(last)
    if isinstance(last, SweepFinished):
        print(sweep_table(last))
        run_dirs = last.run_dirs
    else:
        results = last.variants
        metrics = ["loss", "accuracy"] if "accuracy" in results[0].final else ["loss"]
        print(comparison_table(results, metrics))
        run_dirs = tuple(r.run_dir for r in results)
    print(f"\nruns: {', '.join(run_dirs)}")
    return EXIT_OK


def variant(text: str) -> Variant:
    """ "label:section.field=value,section.field=value" (values in TOML syntax, as --set) → a Variant."""
    label, _, assignments = text.partition(":")
    if not label.strip():
        raise argparse.ArgumentTypeError(f"'{text}' names no variant: write LABEL:section.field=value,…")
    overrides = {}
    for assignment in re.split(r",(?=\s*\w+\.\w+\s*=)", assignments) if assignments.strip() else []:
        path, sep, value = assignment.partition("=")
        if not sep or "." not in path:
            raise argparse.ArgumentTypeError(f"'{assignment}' in '{text}' is not section.field=value")
        overrides[path.strip()] = override_value(value)
    return Variant(label.strip(), overrides)


def cmd_compare_variants(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.compare import variants_table

    config = resolve_experiment(args.experiment, args.set)

    def show(compared: VariantsCompared) -> None:
        print(variants_table(compared.rows))
        print(f"\nruns: {', '.join(row.run_dir for row in compared.rows)}")

    return _train_until_done(CompareVariants(config, tuple(args.variant), args.out or ""), ConsoleSink(), show)


def cmd_eval(args: argparse.Namespace) -> int:
    result = outcome(Evaluate(args.run_dir, args.data or "", args.checkpoint))
    print(result.describe())
    if args.predictions:
        result.save_predictions(args.predictions)
        print(f"saved each example's prediction to {args.predictions}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    target = outcome(Export(args.run_dir, args.out, args.format, args.checkpoint, args.force)).out
    if args.format == "transformers":
        print(f"exported {target}: loads with transformers' AutoModelFor….from_pretrained (see config.json's "
              f"architectures) and AutoTokenizer.from_pretrained")
    else:
        print(f"exported {target}: model.safetensors, config.toml, tokenizer.json")
    return EXIT_OK


def cmd_probe_layers(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.requests import Context

    progress = ConsoleProgress()
    context = with_model(args.run_dir, args.checkpoint, Context(progress=progress))
    found = outcome(ProbeLayers(args.task or "", args.max_examples), context)
    progress.done()
    print(found.describe())
    return EXIT_OK


def cmd_heads(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.application.requests import Context

    progress = ConsoleProgress()
    context = with_model(args.run_dir, args.checkpoint, Context(progress=progress))
    measured = outcome(HeadImportance(args.batches), context)
    progress.done()
    print(measured.describe())
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    report = outcome(Import(args.source, args.out or ""))
    print(report.description)
    print("next:")
    for command in import_hints(report.run_dir):
        print(f"  {command}")
    return EXIT_OK


# a fine-tune of an imported model's kind: the task and a built-in dataset for it
_FINE_TUNE_OF = {"encoder": ("sequence-classification", "docstring-family"),
                 "token-classification": ("token-classification", "python-token-types")}


def import_hints(run_dir: str) -> list[str]:
    """Commands that use an imported model, each one that runs as printed."""
    config = read_run_config(run_dir)
    run = shlex.quote(run_dir)
    heads = head_specs(config)
    text = "The quick brown fox jumps over the lazy dog."
    commands = [f"lmstudio attention {run} --text {shlex.quote(text)}"]
    if "lm" in heads:
        commands.append(f"lmstudio generate {run} --prompt {shlex.quote('The quick brown fox')} --greedy "
                        f"--max-tokens 20")
    if MASKED_LM_HEAD in heads:
        commands.append(f"lmstudio fill-mask {run} --text {shlex.quote('The quick brown [MASK] jumps.')}")
    if "classifier" in heads or "tagger" in heads:
        commands.append(f"lmstudio classify {run} --text {shlex.quote(text)}")
    task, dataset = _FINE_TUNE_OF.get(config.finetune.task) or _FINE_TUNE_OF.get(config.model.family) or \
        ("seq2seq", "docstring-to-name")
    commands.append(f"lmstudio train {DEFAULT_PRESET} --set finetune.from_run={run} --set finetune.task={task} "
                    f"--set finetune.dataset={dataset} --set training.steps=300")
    return commands


def example_counts(text: str) -> list[int]:
    try:
        return parse_sizes(text)
    except ConfigError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def window_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)x(\d+)", text.strip())
    if not match or min(int(match[1]), int(match[2])) < 200:
        raise argparse.ArgumentTypeError(f"'{text}' is not a window size such as 1280x800")
    return int(match[1]), int(match[2])


def cmd_gui(args: argparse.Namespace) -> int:
    config = resolve_experiment(args.preset or DEFAULT_PRESET, args.set) if (args.preset or args.set) else None
    if args.screenshot:
        from lmstudio_app.gui.app import screenshot

        return screenshot(args.screenshot, config, train_steps=args.train_steps, view=args.view, prompt=args.prompt,
                          runs=args.runs.split(",") if args.runs else None, size=args.size,
                          model_folder=args.open_model, detail=args.detail,
                          sweep=(args.sweep_from, args.sweep_sizes) if args.sweep_from else None,
                          language_code=args.language, lesson=args.lesson, run_lesson=args.run_lesson)
    from lmstudio_app.gui.app import run_gui

    return run_gui(config, model_folder=args.open_model, language_code=args.language)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lmstudio", description="A desktop lab for Transformer language models.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def experiment_command(group, name: str, handler, help: str) -> argparse.ArgumentParser:
        command = group.add_parser(name, help=help, description=help)
        command.add_argument("experiment", nargs="?", default=DEFAULT_PRESET,
                             help=f"experiment .toml or preset name (default {DEFAULT_PRESET})")
        command.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE",
                             help="override a config field (TOML value syntax); repeatable")
        command.set_defaults(handler=handler)
        return command

    gui = commands.add_parser("gui", help="open the window (the default command)")
    gui.add_argument("--preset", metavar="NAME_OR_TOML", help="start with this experiment")
    gui.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE")
    gui.add_argument("--open-model", metavar="DIR", help="import this transformers checkpoint folder (or a model id "
                                                         "in the local Hugging Face cache) into a new run and show "
                                                         "its attention (as File › Open model folder…)")
    gui.add_argument("--language", choices=("en", "zh_CN"), help="the window's language (default: the one last "
                                                                 "chosen in View › Language, else the system's)")
    gui.add_argument("--screenshot", metavar="FILE.png", help="render the window to a PNG and exit")
    gui.add_argument("--train-steps", type=int, default=0, help="with --screenshot: train this many steps first")
    gui.add_argument("--view", default="loss", help="with --screenshot: the tab or step to show")
    gui.add_argument("--sweep-from", metavar="RUN_DIR", help="with --screenshot: run a data-efficiency sweep of "
                                                             "the experiment from this pretrained run first")
    gui.add_argument("--sweep-sizes", type=example_counts, default=[50, 100, 300, 0], metavar="N,N,…,all",
                     help="with --sweep-from: the training-set sizes (default 50,100,300,all)")
    gui.add_argument("--detail", help="with --screenshot: what the loss view's lower plot shows, e.g. "
                                      "'gradient norm per layer'")
    gui.add_argument("--size", type=window_size, default=(1280, 800), metavar="WIDTHxHEIGHT",
                     help="with --screenshot: the window's size (default 1280x800)")
    gui.add_argument("--runs", metavar="RUN_DIR,RUN_DIR", help="with --screenshot: runs to select in the Runs view")
    gui.add_argument("--prompt", help="with --screenshot and --train-steps: ask the trained model this in the "
                                      "playground")
    gui.add_argument("--lesson", metavar="NAME", choices=LESSONS_BY_NAME,
                     help="with --screenshot: Help › Lessons open on this lesson")
    gui.add_argument("--run-lesson", action="store_true", help="with --lesson: run the lesson (its short variant) "
                                                                 "first; the view that shows its point is in front")
    gui.set_defaults(handler=cmd_gui)
    experiment_command(commands, "info", cmd_info, "print a model's parameters, FLOPs and memory from its config")
    data = commands.add_parser("data", help="corpora").add_subparsers(dest="data_command", metavar="ACTION",
                                                                       required=True)
    experiment_command(data, "summary", cmd_data_summary, "read the corpus and print its summary and split")
    tokenizer = commands.add_parser("tokenizer", help="tokenizers").add_subparsers(
        dest="tokenizer_command", metavar="ACTION", required=True)
    train_tokenizer = experiment_command(tokenizer, "train", cmd_tokenizer_train,
                                         "train the experiment's tokenizer and print diagnostics")
    train_tokenizer.add_argument("--out", default="tokenizer.json", help="where to save it (tokenizer.json)")
    inspect = experiment_command(commands, "inspect", cmd_inspect,
                                 "show one example as the objective corrupts it, with its targets (for a fine-tune: "
                                 "as the task frames it, with its answer)")
    inspect.add_argument("--seed", type=int, default=0, help="which example (default 0)")
    inspect.add_argument("--split", choices=("train", "validation"), default="train")
    train = experiment_command(commands, "train", cmd_train,
                               "train an experiment headlessly (on the CPU with every core, unless "
                               "training.threads says otherwise; the window leaves one core free)")
    train.add_argument("--out", metavar="RUN_DIR", help="run folder (default: a new folder in the user data folder)")
    resume = commands.add_parser("resume", help="continue a stopped run from its latest (or a chosen) checkpoint")
    resume.add_argument("run_dir")
    resume.add_argument("--checkpoint", default="latest", metavar="STEP|latest|best",
                        help="the checkpoint to continue from; later ones are moved to the run's quarantine folder")
    resume.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE",
                        help="override a config field, e.g. training.steps=5000")
    resume.set_defaults(handler=cmd_resume)
    lessons = commands.add_parser("lessons", help="the lessons, each with its last verdict")
    lessons.set_defaults(handler=cmd_lessons)
    lesson = commands.add_parser("lesson", help="run a lesson's experiment headlessly and print its verdict")
    lesson.add_argument("name", help="a lesson, as 'lmstudio lessons' lists them")
    lesson.add_argument("--long", action="store_true", help="the longer, more reliable variant")
    lesson.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE",
                        help="override a config field of every run of the lesson (TOML value syntax); repeatable")
    lesson.add_argument("--verdict", action="store_true",
                        help="judge the lesson's last runs again from their files, without training")
    lesson.set_defaults(handler=cmd_lesson)
    runs = commands.add_parser("runs", help="list runs, or show one run's metrics and config")
    runs.add_argument("run_dir", nargs="?")
    runs.add_argument("--rebuild-index", action="store_true",
                      help="read every run folder back into the index (it is a cache of the folders)")
    runs.add_argument("--rename", metavar="NAME", help="give RUN_DIR a new name (in its config.toml and the index)")
    runs.add_argument("--delete", action="store_true", help="delete RUN_DIR and its folder (refused while another "
                                                            "process writes it)")
    runs.set_defaults(handler=cmd_runs)
    attention = commands.add_parser("attention", help="attention of a trained model on a text")
    attention.add_argument("run_dir")
    attention.add_argument("--text", required=True)
    attention.add_argument("--out", metavar="FILE.npz", help="save the matrices")
    attention.set_defaults(handler=cmd_attention)
    generate = commands.add_parser("generate", help="continue a prompt with a trained decoder or encoder-decoder")
    generate.add_argument("run_dir")
    generate.add_argument("--prompt", default="")
    generate.add_argument("--max-tokens", type=int, default=200)
    generate.add_argument("--temperature", type=float, default=0.8)
    generate.add_argument("--top-k", type=int, default=0)
    generate.add_argument("--top-p", type=float, default=1.0)
    generate.add_argument("--greedy", action="store_true", help="always take the most likely token")
    generate.add_argument("--seed", type=int)
    generate.set_defaults(handler=cmd_generate)
    fill = commands.add_parser("fill-mask", help="predict the [MASK] tokens of a text with a trained encoder")
    fill.add_argument("run_dir")
    fill.add_argument("--text", required=True)
    fill.add_argument("--top-k", type=int, default=5, help="candidates to show per mask")
    fill.set_defaults(handler=cmd_fill_mask)
    classify = commands.add_parser("classify", help="label a text (or a text pair), or tag its tokens, with a "
                                                    "fine-tuned classifier or tagger")
    classify.add_argument("run_dir")
    classify.add_argument("--text", required=True)
    classify.add_argument("--pair", help="the second text, for pair classification")
    classify.add_argument("--checkpoint", choices=("latest", "best"), default="best")
    classify.set_defaults(handler=cmd_classify)
    compare = experiment_command(commands, "compare-init", cmd_compare_init,
                                 "fine-tune from a pretrained run and from scratch (or with several strategies) "
                                 "and compare")
    compare.add_argument("--pretrained", required=True, metavar="RUN_DIR")
    compare.add_argument("--strategies", help="comma-separated, e.g. full,lora (each from the pretrained run)")
    compare.add_argument("--out", metavar="DIR", help="folder for the runs")
    compare.add_argument("--examples", type=example_counts, metavar="N,N,…,all",
                         help="a data-efficiency sweep: the comparison at each training-set size (the same "
                              "validation set and steps), e.g. 50,100,300,all")
    variants = experiment_command(commands, "compare-variants", cmd_compare_variants,
                                  "train variants of an experiment one after another (an ablation: no positions, "
                                  "no residuals, another optimizer…) and compare their final numbers")
    variants.add_argument("--variant", type=variant, action="append", required=True, metavar="LABEL:KEY=VALUE,…",
                          help="a label and the fields it changes, e.g. 'no positions:model.position=none' "
                               "(just the label: the experiment as it is); repeatable")
    variants.add_argument("--out", metavar="DIR", help="folder for the runs")
    evaluate = commands.add_parser("eval", help="evaluate a run on its validation split or on a task file")
    evaluate.add_argument("run_dir")
    evaluate.add_argument("--data", metavar="FILE", help="a .csv/.jsonl task file (fine-tuned runs)")
    evaluate.add_argument("--checkpoint", choices=("latest", "best"), default="best")
    evaluate.add_argument("--predictions", metavar="FILE.jsonl", help="save each example's predicted label or tags")
    evaluate.set_defaults(handler=cmd_eval)
    export = commands.add_parser("export", help="write a run's model (LoRA merged) with its config and tokenizer")
    export.add_argument("run_dir")
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument("--checkpoint", choices=("latest", "best"), default="best")
    export.add_argument("--force", action="store_true", help="replace an earlier export in DIR (never a run)")
    export.add_argument("--format", choices=("lmstudio", "transformers"), default="lmstudio",
                        help="lmstudio: this app's files; transformers: a folder Hugging Face transformers loads "
                             "(GPT-2, Llama, BERT, BART and T5 shapes)")
    export.set_defaults(handler=cmd_export)
    probing = commands.add_parser("probe-layers", help="which layer knows the labels: a linear classifier on each "
                                                       "layer's frozen features")
    probing.add_argument("run_dir")
    probing.add_argument("--task", help="a built-in sentence classification dataset (default: the run's own task)")
    probing.add_argument("--max-examples", type=int, default=2000, help="examples to read (train + validation)")
    probing.add_argument("--checkpoint", choices=("latest", "best"), default="best")
    probing.set_defaults(handler=cmd_probe_layers)
    heads = commands.add_parser("heads", help="which attention heads matter: the validation loss with each head's "
                                              "output zeroed in turn")
    heads.add_argument("run_dir")
    heads.add_argument("--checkpoint", default="best", choices=("latest", "best"))
    heads.add_argument("--batches", type=int, default=0,
                       help="validation batches per loss (default: the run's training.eval_batches)")
    heads.set_defaults(handler=cmd_heads)
    importing = commands.add_parser("import", help="read a local transformers checkpoint into a new run")
    importing.add_argument("source", metavar="FOLDER_OR_MODEL_ID",
                           help="a folder with config.json, model.safetensors (or pytorch_model.bin) and "
                                "tokenizer.json, or a model id (gpt2, google-t5/t5-small) already in the local "
                                "Hugging Face cache; nothing is downloaded")
    importing.add_argument("--out", metavar="RUN", help="the new run's folder (default: under the runs folder)")
    importing.set_defaults(handler=cmd_import)
    bench = commands.add_parser("bench", help="measure training tokens/s, FLOP/s and probe cost of the presets")
    bench.add_argument("--presets", help="comma-separated preset names (default: all)")
    bench.add_argument("--steps", type=int, default=40)
    bench.set_defaults(handler=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    import sqlite3

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui"])
    if hasattr(signal, "SIGXFSZ"):  # past a file-size limit, a write fails (and is reported) instead of killing us
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):  # names from the file system may hold bytes that are not UTF-8
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.handler(args)
    except TrainingError as error:
        return _report(str(error), EXIT_FAILURE)
    except LmStudioError as error:
        return _report(str(error), EXIT_BAD_INPUT)
    except OSError as error:
        return _report(os_error_sentence(error).english(), EXIT_BAD_INPUT)
    except sqlite3.Error as error:
        from lmstudio_app.run_index import index_path

        return _report(f"the run index {index_path()} cannot be used ({error}); if it is damaged, "
                       f"'lmstudio runs --rebuild-index' sets it aside and reads the run folders back", EXIT_FAILURE)
    except KeyboardInterrupt:
        return _report("interrupted", EXIT_INTERRUPTED)


def _report(message: str, code: int) -> int:
    try:
        print(f"error: {message}" if code != EXIT_INTERRUPTED else message, file=sys.stderr)
    except OSError:
        pass  # no terminal left to tell (a hang-up)
    return code
