"""Data files shipped with lmstudio_app (presets, images); installed as lmstudio_app.resources."""
