"""Controls in a form are named for screen readers by the label beside them (a combo box otherwise says
only its current choice, "automatic"; a line edit nothing)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


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
    if isinstance(item, QWidget):
        return [item]
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
    text = widget.text() if callable(getattr(widget, "text", None)) else ""
    return isinstance(text, str) and any(ch.isalpha() for ch in text) and not hasattr(widget, "setEditText")
