"""Controls in a form are named for screen readers by the label beside them (a combo box otherwise says
only its current choice, "automatic"; a line edit its text, or nothing)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QFormLayout, QLabel, QLayout, QLineEdit, QWidget


def name_fields_by_labels(form: QFormLayout) -> None:
    """Each field of ``form`` without an accessible name takes its row's label text (in a row of several
    controls: the ones without words of their own)."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(label.widget(), QLabel):
            continue
        name = label.widget().text().replace("&", "").rstrip(":").strip()
        if name:
            for widget in _controls(field.widget() or field.layout()):
                if not widget.accessibleName():
                    widget.setAccessibleName(name)


def _controls(item: QWidget | QLayout | None) -> list[QWidget]:
    if isinstance(item, QWidget):           # a row of its own (a path and its "Browse…"): the controls in it
        return _controls(item.layout()) if item.layout() is not None and not item.focusPolicy() else [item]
    if not isinstance(item, QLayout):
        return []
    found: list[QWidget] = []
    for i in range(item.count()):
        child = item.itemAt(i)
        widget = child.widget()
        if widget is not None and not isinstance(widget, QLabel) and not _has_words(widget):
            found.append(widget)
        elif child.layout() is not None:
            found += _controls(child.layout())
    return found


def _has_words(widget: QWidget) -> bool:
    """A button's words name it; a box's choice, a text field's text or a spin box's value do not."""
    if isinstance(widget, (QComboBox, QLineEdit, QAbstractSpinBox)):
        return False
    text = widget.text() if callable(getattr(widget, "text", None)) else ""
    return isinstance(text, str) and any(ch.isalpha() for ch in text)
