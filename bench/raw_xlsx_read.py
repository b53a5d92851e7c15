"""The fastest raw workbook read available to Python: calamine through Arrow (fastexcel).

    python bench/raw_xlsx_read.py FILE

Loads the first sheet and builds its Arrow columns (the sheet's Arrow C array), with the
types fastexcel infers from a sample; no detection of the header or the data kind, no
typing rules of KPI Desk. Prints the shape. Needs ``fastexcel`` (in the ``dev`` extras).
"""

from __future__ import annotations

import sys

import fastexcel


def main() -> int:
    sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0)
    sheet.__arrow_c_array__()                   # the record batch: every cell converted to its Arrow column
    print(f"{sheet.height} rows x {sheet.width} columns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
