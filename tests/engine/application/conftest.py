from tests.engine.finetune.conftest import pretrained_encoder  # noqa: F401  (a session fixture shared here)
