"""The application layer: what a person does, written once for both front ends.

Both front ends call one entry point, ``requests.handle(request, context)``: the
command line builds a request from its arguments and prints the events; the
window's worker runs it in its thread and hands the events to the session
model. Neither assembles sinks, prepares data or formats model inputs itself.

- ``data``: summarize a corpus, train and diagnose its tokenizer, preview an objective.
- ``training``: train, resume or fine-tune a run (``TrainingRun``), recorded by ``records``.
- ``models``: open a saved run's model, or use a live one, to generate, fill masks, classify or tag, probe.
- ``compare``: fine-tune from a pretrained run and from scratch (or with several strategies).
- ``evaluate``, ``export``, ``bench``: a saved run's metrics, a self-contained copy, the presets' speed.
"""
