"""Corpora, tokenizers and the tokenized cache."""
