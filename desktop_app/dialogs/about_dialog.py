"""The About dialog: version, and the licences of the components KPI Desk ships."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from metrics_core.about import app_version, components, licence_texts_dir
from metrics_core.i18n import _
from metrics_core.resources import resources_dir
from ..window_size import resize_to_fit


SPARE_LINES_PX = 8          # left under the licence note when the dialog is fitted to it


class AboutDialog(QDialog):
    """Shows the version, what KPI Desk is, and every bundled component with its licence."""

    PREFERRED_SIZE = (640, 620)      # all of it in view in every language (Serbian scrolled at 620 x 520)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About KPI Desk"))
        resize_to_fit(self, *self.PREFERRED_SIZE)
        layout = QVBoxLayout(self)

        head = QHBoxLayout()
        icon = QLabel()
        pix = QPixmap(str(resources_dir() / "icons" / "kpidesk.png"))
        if not pix.isNull():
            icon.setPixmap(pix.scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        head.addWidget(icon)
        title = QLabel(
            "<h2>" + escape(_("KPI Desk {version}", version=app_version())) + "</h2><p>"
            + escape(_("Customer-service KPIs from your helpdesk, phone, survey and shop exports \u2014 "
                       "offline, on your own computer. No account, no cloud.")) + "</p>"
        )
        title.setWordWrap(True)
        head.addWidget(title, 1)
        layout.addLayout(head)

        self.components_view = QTextBrowser()
        self.components_view.setOpenExternalLinks(False)
        self.components_view.setTabChangesFocus(True)     # Tab goes on to "Close" (it cycled through links)
        self.components_view.setAccessibleName(_("About KPI Desk"))
        self.components_view.setStyleSheet("QTextBrowser:focus { border: 2px solid palette(highlight); }")
        self.components_view.setHtml(self._components_html())
        layout.addWidget(self.components_view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the components and the licence note need, at most the preferred height (sized for the
        longest language, it left an empty band under the English note: shots11 51_about)."""
        view = self.components_view
        spare = view.viewport().height() - math.ceil(view.document().size().height()) - SPARE_LINES_PX
        if spare > 0:
            self.resize(self.width(), self.height() - spare)

    @staticmethod
    def _components_html() -> str:
        rows = "".join(
            f"<tr><td>{escape(c.name)}</td><td>{escape(c.version)}</td><td>{escape(c.translated_licence)}</td></tr>"
            for c in components()
        )
        folder = escape(str(licence_texts_dir()))
        heads = "".join(f"<th align='left'>{escape(h)}</th>" for h in (_("Component"), _("Version"), _("Licence")))
        qt_note = escape(_("Qt and Qt for Python (PySide6) are used under the GNU Lesser General Public License v3. "
                           "They are shipped as separate shared libraries, which you may replace with your own build. "
                           "The full licence texts (LGPL-3.0, GPL-3.0 and every component's notice) are in:"))
        heading = escape(_("Bundled components"))
        return (
            f"<h3>{heading}</h3>"
            "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>"
            f"<tr>{heads}</tr>{rows}</table>"
            f"<p>{qt_note}<br><code>{folder}</code></p>"
        )
