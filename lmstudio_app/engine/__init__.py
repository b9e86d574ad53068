"""The engine: PyTorch models, data, objectives and training. Never imports Qt."""
