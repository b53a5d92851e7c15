from PySide6.QtWidgets import QLabel

from desktop_app.dialogs.about_dialog import AboutDialog
from metrics_core import __version__


def test_about_dialog_lists_version_and_licences(qtbot):
    dlg = AboutDialog()
    qtbot.addWidget(dlg)
    text = dlg.components_view.toPlainText()
    assert "PySide6-Essentials" in text and "LGPL" in text
    assert "pyqtgraph" in text
    labels = " ".join(label.text() for label in dlg.findChildren(QLabel))
    assert f"KPI Desk {__version__}" in labels
