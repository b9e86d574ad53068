"""Views draw only what can be seen: nothing behind another tab while training, once when shown again."""

import gc

import numpy as np


def test_views_behind_another_tab_get_no_redraw_work_while_training(qtbot, window):
    views = {"loss": window.loss_view, "attention": window.attention_view, "evaluation": window.evaluation_view}
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.controller.start()
    assert gc.get_freeze_count() > 0  # no full collection walks the window's and torch's objects mid-run
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        window.dashboard.setCurrentWidget(window.playground)
        before = {name: view.redraws.count for name, view in views.items()}
    session = window.session
    # 400 logged steps, 8 evaluations and 16 attention probes arrived while the views were hidden.
    assert session.train.rows == 400 and session.validation.rows >= 8 and len(session.snapshots) >= 16
    assert {name: view.redraws.count for name, view in views.items()} == before
    assert all(view.redraws.stale for view in views.values())
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0)  # unfrozen when the run ends: its leftovers can go

    for name, view in views.items():
        window.dashboard.setCurrentWidget(view)
        qtbot.waitUntil(lambda: view.redraws.count == before[name] + 1)
        assert not view.redraws.stale
    steps, _ = window.loss_view.loss_raw.getData()
    np.testing.assert_array_equal(steps, np.arange(1, 401))
    assert window.attention_view.when.text().startswith(f"step {session.snapshots[-1].step} ")
    assert window.evaluation_view.title.text().startswith(f"Validation at step {session.validation.get('step')[-1]:,.0f}")
