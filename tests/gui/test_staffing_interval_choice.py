"""Settings › Agents needed (Erlang C) › 'Interval to staff': the owner picks 'the busiest interval' or a time
of day from a list in their language; the value stays the contract's word ('busiest', '10:30')."""

from desktop_app.dialogs.param_editor import ParamEditor
from metrics_core.i18n import language
from metrics_core.metrics.registry import get_metric


def _interval_spec():
    return next(p for p in get_metric("staffing").params if p.name == "interval")


def test_the_busiest_interval_is_shown_in_slovenian_and_kept_as_busiest(qtbot):
    with language("sl"):
        editor = ParamEditor(_interval_spec())
    qtbot.addWidget(editor)
    assert editor.input.currentText() == "najbolj obremenjen interval"
    assert editor.value() == "busiest" and editor.is_default()


def test_a_time_of_day_can_be_picked_or_typed(qtbot):
    editor = ParamEditor(_interval_spec())
    qtbot.addWidget(editor)
    editor.set_value("10:30")
    assert editor.input.currentText() == "10:30" and editor.value() == "10:30"
    editor.input.setEditText("10:15")
    assert editor.value() == "10:15"
    editor.set_value("busiest")
    assert editor.input.currentText() == "the busiest interval" and editor.value() == "busiest"
