"""A path field: a line edit and a button beside it that opens a file or folder chooser."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from .. import file_dialogs


class PathRow(QWidget):
    """``edit`` holds the path; the button (``button_text``, translated by the caller) asks for a folder
    (``file_filter`` empty) or for a file of ``file_filter`` ("Images (*.png *.jpg)"), starting where
    ``edit`` points, with ``caption``."""

    def __init__(self, text: str, placeholder: str, button_text: str, caption: str, file_filter: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.file_filter = caption, file_filter
        self.edit = QLineEdit(text)
        self.edit.setPlaceholderText(placeholder)
        self.button = QPushButton(button_text)
        self.button.clicked.connect(self._on_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)

    def _on_button_clicked(self) -> None:
        if self.file_filter:
            path = file_dialogs.open_file_name(self, self.caption, self.edit.text(), self.file_filter)
        else:
            path = file_dialogs.existing_directory(self, self.caption, self.edit.text())
        if path:
            self.edit.setText(path)
