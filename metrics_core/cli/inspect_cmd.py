"""``kpidesk inspect FILE``: how a file was read, what it is, how its columns map, what is wrong.

Prints the format, encoding, delimiter, header row, data kind (with confidence and
the runner-up kinds), the column mapping with confidence and evidence, and the
validation report; ``--json`` prints the same as one JSON document.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..catalogue import KINDS_BY_NAME, kind_label
from ..dataset import Dataset
from ..errors import FileReadError, MappingError
from ..ingest.model import ReadOptions
from ..mapping.detect import Detection, rank_kinds
from ..mapping.evidence import found_by
from ..mapping.model import Mapping
from ..formatting import format_number
from ..i18n import N_, Message, _
from .console import print_json

_DELIMITER_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("pipe"),
                    "whitespace": N_("runs of spaces")}


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("inspect", help=_("show how a file is read, its data kind, column mapping and problems"),
                              description=_("Show how KPI Desk reads FILE: format, encoding, delimiter, header, "
                                          "data kind, column mapping and values it could not read."))
    p.add_argument("file", metavar="FILE", help=_("CSV, TXT or workbook to inspect (never modified)"))
    p.add_argument("--sheet", metavar="NAME", help=_("workbook sheet to read (default: the first table found)"))
    p.add_argument("--json", action="store_true", help=_("print one JSON document instead of text"))
    p.add_argument("--kind", choices=sorted(KINDS_BY_NAME), help=_("treat the file as this data kind"))
    p.add_argument("--map", metavar="FIELD=HEADER", action="append", default=[],
                   help=_("map a KPI Desk field to a column yourself (repeatable); FIELD= unmaps it"))
    p.set_defaults(run=run)


def _user_mapping(kind: str, pairs: list[str]) -> Mapping | None:
    if not pairs:
        return None
    mapping = Mapping(kind)
    for pair in pairs:
        field_name, sep, header = pair.partition("=")
        if not sep or not field_name.strip():
            raise MappingError(Message("--map expects FIELD=HEADER, got “{pair}”.", dict(pair=pair)))
        mapping.set_user(field_name.strip(), header.strip() or None)
    return mapping


def inspect_file(path: Path, sheet: str | None = None, kind: str | None = None, pairs: list[str] | None = None
                 ) -> tuple[Dataset, list[Any]]:
    """Read and map ``path``; return the dataset and the ranked kind guesses."""
    from ..ingest.reader import read_table
    from ..loading import build_dataset

    if not path.exists():
        raise FileReadError(Message("The file “{path}” does not exist.", dict(path=path)), path=path)
    if path.is_dir():
        raise FileReadError(Message("“{path}” is a folder, not a file.", dict(path=path)), path=path)
    table = read_table(path, ReadOptions(sheet=sheet))
    detection = Detection(table)
    guesses = rank_kinds(table, detection)
    chosen = kind or guesses[0].kind
    user = _user_mapping(chosen, pairs or [])
    dataset = build_dataset(table, user, kind=kind, name=path.name, detection=detection)
    return dataset, guesses


def report_dict(ds: Dataset, guesses: list[Any]) -> dict[str, Any]:
    t = ds.table
    return {
        "file": str(t.path),
        "format": t.file_format,
        "sheet": t.sheet,
        "sheets": list(t.sheets),
        "encoding": t.encoding,
        "encoding_note": t.encoding_note,
        "delimiter": t.delimiter,
        "decimal": t.decimal,
        "header_rows": [r + 1 for r in t.header_rows],
        "rows": int(len(t.frame)),
        "notes": list(t.notes),
        "kind": ds.mapping.kind,
        "kind_confidence": round(float(ds.mapping.kind_confidence), 3),
        "kind_evidence": ds.mapping.kind_evidence.english(),
        "other_kinds": [{"kind": g.kind, "score": g.score} for g in guesses if g.kind != ds.mapping.kind][:3],
        "also_kinds": list(ds.mapping.also_kinds),
        "preset": ds.mapping.preset,
        "mapping": ds.mapping.to_dict(),
        "unmapped_columns": _unmapped(ds),
        "validation": ds.validation.to_dict(),
    }


def _unmapped(ds: Dataset) -> list[str]:
    used = {c for fm in ds.mapping.fields.values() for c in fm.columns}
    return [p.header or p.name for p in ds.table.columns if p.name not in used]


def _aligned(pairs: list[tuple[str, str]]) -> list[str]:
    """``Label:  value`` lines, the values in one column whatever the language's label lengths."""
    width = max(len(label) for label, _value in pairs) + 1
    return [f"{label:<{width}}{value}" for label, value in pairs]


def report_text(ds: Dataset, guesses: list[Any]) -> str:
    t, m = ds.table, ds.mapping
    head = [(_("File:"), str(t.path)), (_("Format:"), t.file_format)]
    if t.sheet:
        sheets = _(" (sheets: {names})", names=", ".join(t.sheets)) if t.sheets else ""
        head.append((_("Sheet:"), f"{t.sheet}{sheets}"))
    if t.encoding:
        head.append((_("Encoding:"), str(t.encoding_note or t.encoding)))
    if t.delimiter:
        name = _DELIMITER_NAMES.get(t.delimiter)
        head.append((_("Delimiter:"), _(name) if name else repr(t.delimiter)))
    header = (", ".join(str(r + 1) for r in t.header_rows) if t.header_rows
              else _("none (columns named by position)"))
    head += [(_("Header row:"), header), (_("Rows:"), format_number(len(t.frame)))]
    head += [(_("Note:"), str(n)) for n in t.notes]
    others = ", ".join([f"{kind_label(g.kind)} {format_number(g.score, 2)}" for g in guesses if g.kind != m.kind][:3])
    kind = (_("Data kind:"), _("{kind} (confidence {confidence}) — {evidence}", kind=f"{kind_label(m.kind)} [{m.kind}]",
                                 confidence=format_number(m.kind_confidence, 2), evidence=m.kind_evidence))
    tail = [kind, (_("Runner-up:"), others)]
    if m.also_kinds:
        tail.append((_("Also feeds:"), ", ".join(kind_label(k) for k in m.also_kinds)))
    aligned = _aligned(head + tail)
    lines = aligned[:len(head)] + [""] + aligned[len(head):]
    lines += ["", _("Column mapping:")]
    spec = KINDS_BY_NAME[m.kind]
    names = {name: f"{_(spec.field(name).label)} ({name})" if name in spec.field_names() else name for name in m.fields}
    width = max((len(n) for n in names.values()), default=10)
    for name, fm in m.fields.items():
        cols = " + ".join(f"'{c}'" for c in fm.columns)
        unit = f" [{fm.unit}]" if fm.unit else ""
        lines.append(f"  {names[name]:<{width}}  ← {cols}{unit}  {format_number(fm.confidence, 2)} "
                     f"{found_by(fm.source)}: {fm.evidence}")
    missing = _("(missing)")
    for field_name, vm in m.value_maps.items():
        shown = ", ".join(f"{k} → {v or missing}" for k, v in list(vm.items())[:8])
        lines.append("  " + _("values of {field}: {values}", field=field_name, values=shown))
    unmapped = _unmapped(ds)
    if unmapped:
        lines.append("  " + _("not mapped (kept as they are): {columns}",
                              columns=", ".join(f"'{h}'" for h in unmapped)))
    lines += ["", _("Validation:"), *("  " + line for line in ds.validation.to_text().splitlines())]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    dataset, guesses = inspect_file(Path(args.file), args.sheet, args.kind, args.map)
    if args.json:
        print_json(report_dict(dataset, guesses), default=str)
    else:
        print(report_text(dataset, guesses))
    return 0
