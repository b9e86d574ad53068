"""Our MLM corruption against transformers' DataCollatorForLanguageModeling on the same sequences."""

import numpy as np
import pytest

from lmstudio_app.engine.objectives import IGNORE

transformers = pytest.importorskip("transformers")


def test_mlm_statistics_match_transformers_collator(docs_wordpiece):
    import torch

    _, data, objective = docs_wordpiece
    special = data.tokenizer.special
    hf_tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=data.tokenizer.backend, pad_token="[PAD]", mask_token="[MASK]", cls_token="[CLS]",
        sep_token="[SEP]", unk_token="[UNK]")
    collator = transformers.DataCollatorForLanguageModeling(hf_tokenizer, mlm_probability=0.15)
    rng = np.random.default_rng(0)
    sequences = [objective.example(data.train, rng).original for _ in range(400)]
    torch.manual_seed(0)
    hf = collator([{"input_ids": s.tolist()} for s in sequences])

    ours_selected = ours_masked = ours_total = 0
    for sequence in sequences:
        inputs, labels, _ = objective.corrupt(sequence, rng)
        chosen = labels != IGNORE
        ours_selected += chosen.sum()
        ours_masked += (inputs[chosen] == special.mask).sum()
        ours_total += (~np.isin(sequence, list(special.all()))).sum()
    real = hf["attention_mask"].bool() & ~torch.isin(hf["input_ids"], torch.tensor([special.cls, special.sep]))
    hf_chosen = hf["labels"] != IGNORE
    hf_selected = int(hf_chosen.sum())
    hf_masked = int((hf["input_ids"][hf_chosen] == special.mask).sum())
    hf_maskable = int((real | hf_chosen).sum())
    assert abs(ours_selected / ours_total - hf_selected / hf_maskable) < 0.01
    assert abs(ours_masked / ours_selected - hf_masked / hf_selected) < 0.02
