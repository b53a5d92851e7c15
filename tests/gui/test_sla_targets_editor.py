"""Settings › Ticket SLA compliance › 'Target per priority (seconds)': the owner types "urgent=3600, high=14400",
as the help says; the editor asked for JSON ('JSON, e.g. {"high": 3600}', help 'e.g. {"urgent": 3600, …}') and
dropped anything else silently (s16-words read-through). JSON typed before still reads; the value is the table
the KPI reads (numbers by priority)."""

from desktop_app.dialogs.param_editor import ParamEditor
from metrics_core.i18n import language
from metrics_core.metrics.registry import get_metric


TARGETS = {p.name: p for p in get_metric("sla_compliance").params}["targets"]


def test_targets_are_typed_as_priority_equals_seconds(qtbot):
    with language("sl"):
        editor = ParamEditor(TARGETS)
    qtbot.addWidget(editor)
    assert editor.input.placeholderText() == "npr. urgent=3600, high=14400" and "JSON" not in editor.toolTip()
    assert editor.value() is None and editor.is_default()
    editor.input.setText("urgent=3600, high = 14400, default=86400")
    assert editor.value() == {"urgent": 3600, "high": 14400, "default": 86400} and not editor.is_default()
    editor.input.setText('{"urgent": 1800}')                 # JSON, as a saved project or an old habit has it
    assert editor.value() == {"urgent": 1800}
    editor.input.setText("urgent 3600")                      # not a table: the setting stays as it was
    assert editor.value() is None


def test_a_saved_table_is_shown_the_way_it_is_typed(qtbot):
    editor = ParamEditor(TARGETS)
    qtbot.addWidget(editor)
    editor.set_value({"urgent": 3600, "default": 86400.0})
    assert editor.input.text() == "urgent=3600, default=86400"
    assert editor.value() == {"urgent": 3600, "default": 86400}
