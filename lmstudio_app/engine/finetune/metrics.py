"""Evaluation metrics for downstream tasks, in numpy and plain Python."""

from __future__ import annotations

import collections

import numpy as np


def confusion_matrix(truth: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    """(classes, classes): rows are the true class, columns the predicted one."""
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (truth, predicted), 1)
    return matrix


def f1_per_class(matrix: np.ndarray) -> np.ndarray:
    true_positive = np.diag(matrix).astype(float)
    predicted = matrix.sum(0)
    actual = matrix.sum(1)
    precision = np.divide(true_positive, predicted, out=np.zeros_like(true_positive), where=predicted > 0)
    recall = np.divide(true_positive, actual, out=np.zeros_like(true_positive), where=actual > 0)
    total = precision + recall
    return np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)


def macro_f1(matrix: np.ndarray) -> float:
    """Mean F1 over the classes that occur (in truth or prediction)."""
    present = (matrix.sum(0) + matrix.sum(1)) > 0
    return float(f1_per_class(matrix)[present].mean()) if present.any() else 0.0


def _ngrams(text: str, n: int) -> collections.Counter:
    return collections.Counter(text[i:i + n] for i in range(len(text) - n + 1))


def chrf(hypothesis: str, reference: str, max_n: int = 6, beta: float = 2.0) -> float:
    """Character n-gram F-score (Popović, 2015) on text without whitespace, in [0, 1]."""
    hypothesis, reference = "".join(hypothesis.split()), "".join(reference.split())
    if not hypothesis or not reference:
        return float(hypothesis == reference)
    precisions, recalls = [], []
    for n in range(1, max_n + 1):
        hyp, ref = _ngrams(hypothesis, n), _ngrams(reference, n)
        if not hyp or not ref:
            continue
        overlap = sum((hyp & ref).values())
        precisions.append(overlap / sum(hyp.values()))
        recalls.append(overlap / sum(ref.values()))
    precision, recall = np.mean(precisions), np.mean(recalls)
    if precision + recall == 0:
        return 0.0
    return float((1 + beta**2) * precision * recall / (beta**2 * precision + recall))
