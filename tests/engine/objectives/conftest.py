import pytest

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data.prepare import prepare_data
from lmstudio_app.engine.objectives import build_objective


def make(corpus: str, kind: str, objective: str, *extra: str, seq_len: int = 64):
    config = apply_overrides(ExperimentConfig(), [
        f"data.corpus={corpus}", f"tokenizer.kind={kind}", "tokenizer.vocab_size=800", "tokenizer.sentinels=16",
        f"objective.name={objective}", f"model.max_seq_len={seq_len}",
        f"model.family={'encoder' if objective == 'mlm' else 'decoder' if 'lm' in objective else 'encoder-decoder'}",
        *(["model.n_segments=2"] if "objective.next_sentence_prediction=true" in extra else []), *extra])
    data = prepare_data(config)
    return config, data, build_objective(config.objective, data.tokenizer, seq_len)


@pytest.fixture(scope="session")
def docs_wordpiece():
    return make("python-docs", "wordpiece", "mlm")
