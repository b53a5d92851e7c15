"""Benchmark: our ``read_table`` against plain pandas on big files.

Generates (into ``bench/_work/``, git-ignored) a 1,048,576-row ticket CSV, a European
export of the same length (cp1250, ``;``, decimal comma, day-first date-times, Slovenian
free-text subjects) and a 100,000-row xlsx, then times, in the same run and best of N:

- ``read_table(csv)`` (detection + typing of every column) vs ``pandas.read_csv(path)``
  (told the delimiter and encoding of the European file); target: at most 2x slower;
- ``read_table(xlsx)`` vs ``pandas.read_excel(path, engine="openpyxl")``; target: at least 4x faster.

Each file is timed in a fresh process (as the app reads big files in one), ours and the
plain read in that same process.

Run: ``/work/venv/bin/python bench/bench_ingest.py [--csv-rows N] [--xlsx-rows N] [--repeat N] [--only CASE]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from metrics_core.atomic import write_with_atomic
from metrics_core.ingest.reader import read_table
from metrics_core.progress import Reporter

WORK = Path(__file__).resolve().parent / "_work"
STATUSES = np.array(["Open", "Pending", "Solved", "Closed"])
CHANNELS = np.array(["Email", "Phone", "Chat", "Web form", "Social media"])
PRIORITIES = np.array(["Low", "Normal", "High", "Urgent"])
AGENTS = np.array(["Ana Novak", "Björn Ek", "Ioana Pop", "Marko Petrović", "Eva Horvat", "Luka Kovač"])


def ticket_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    """Realistic helpdesk tickets: ids, three timestamps, status, channel, agent, priority, CSAT."""
    rng = np.random.default_rng(seed)
    created = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, rows), unit="s")
    first = created + pd.to_timedelta(rng.integers(60, 8 * 3600, rows), unit="s")
    resolved = first + pd.to_timedelta(rng.integers(300, 5 * 86400, rows), unit="s")
    status = STATUSES[rng.integers(0, len(STATUSES), rows)]
    done = np.isin(status, ["Solved", "Closed"])
    csat = rng.integers(1, 6, rows).astype(str)
    fmt = "%Y-%m-%d %H:%M:%S"
    return pd.DataFrame({
        "Ticket ID": np.arange(100000, 100000 + rows),
        "Created at": created.strftime(fmt),
        "First response at": np.where(status == "Open", "", first.strftime(fmt)),
        "Resolved at": np.where(done, resolved.strftime(fmt), ""),
        "Status": status,
        "Channel": CHANNELS[rng.integers(0, len(CHANNELS), rows)],
        "Agent": AGENTS[rng.integers(0, len(AGENTS), rows)],
        "Priority": PRIORITIES[rng.integers(0, len(PRIORITIES), rows)],
        "CSAT": np.where(done & (rng.random(rows) < 0.4), csat, ""),
    })


SUBJECT_WORDS = np.array(["paket", "dostava", "račun", "vračilo", "reklamacija", "čakam", "že", "tretjič",
                          "pošiljka", "naročilo", "plačilo", "kartica", "zamuda", "poškodovan"])
SLOVENIAN_CHANNELS = np.array(["E-pošta", "Telefon", "Klepet", "Spletni obrazec"])


def european_frame(rows: int, seed: int = 3) -> pd.DataFrame:
    """A Slovenian helpdesk export: ids, day-first date-times, free-text subjects, amounts with decimal comma."""
    rng = np.random.default_rng(seed)
    created = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, rows), unit="s")
    words = SUBJECT_WORDS[rng.integers(0, len(SUBJECT_WORDS), (rows, 6))]
    return pd.DataFrame({
        "Številka": [f"Z-{i:07d}" for i in range(rows)],
        "Ustvarjeno": created.strftime("%d.%m.%Y %H:%M"),
        "Zadeva": [" ".join(row) for row in words.tolist()],
        "Kanal": SLOVENIAN_CHANNELS[rng.integers(0, len(SLOVENIAN_CHANNELS), rows)],
        "Znesek": np.char.replace(np.char.mod("%.2f", rng.random(rows) * 300), ".", ","),
        "Ocena": rng.integers(1, 6, rows),
    })


def make_european_csv(path: Path, rows: int) -> None:
    if path.exists():
        return
    frame = european_frame(rows)
    write_with_atomic(path, lambda tmp: tmp.write_bytes(frame.to_csv(index=False, sep=";").encode("cp1250")))


def make_csv(path: Path, rows: int) -> None:
    if path.exists():
        return
    frame = ticket_frame(rows)
    write_with_atomic(path, lambda tmp: frame.to_csv(tmp, index=False))


def make_xlsx(path: Path, rows: int) -> None:
    if path.exists():
        return
    frame = ticket_frame(rows, seed=2)
    created = pd.to_datetime(frame["Created at"]).dt.to_pydatetime()

    def write(tmp: Path) -> None:
        book = xlsxwriter.Workbook(tmp, {"constant_memory": True})
        sheet = book.add_worksheet("Tickets")
        stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        sheet.write_row(0, 0, list(frame.columns))
        values = frame.to_numpy(dtype=object)
        for r in range(rows):
            row = values[r]
            sheet.write_number(r + 1, 0, int(row[0]))
            sheet.write_datetime(r + 1, 1, created[r], stamp)
            sheet.write_row(r + 1, 2, [v for v in row[2:8]])
            if row[8]:
                sheet.write_number(r + 1, 8, int(row[8]))
        book.close()

    write_with_atomic(path, write)


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}   # cpu: less disturbed by a busy machine


def best_of(repeat: int, func) -> dict[str, float]:
    """Best wall-clock and best CPU time of ``func`` over ``repeat`` runs."""
    best = {name: float("inf") for name in CLOCKS}
    for _ in range(repeat):
        start = {name: clock() for name, clock in CLOCKS.items()}
        func()
        for name, clock in CLOCKS.items():
            best[name] = min(best[name], clock() - start[name])
    return best


def timed_read(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Per clock: best total time of ``read_table`` and, in that run, the time before typing began."""
    best = {name: (float("inf"), 0.0) for name in CLOCKS}
    for _ in range(repeat):
        marks: dict[str, float] = {}

        def progress(_fraction: float, text: str) -> None:
            if text.startswith("Reading column 1 of") and not marks:
                marks.update({name: clock() for name, clock in CLOCKS.items()})

        start = {name: clock() for name, clock in CLOCKS.items()}
        read_table(path, reporter=Reporter(progress))
        for name, clock in CLOCKS.items():
            total = clock() - start[name]
            if total < best[name][0]:
                best[name] = (total, marks.get(name, start[name] + total) - start[name])
    return best


def report(label: str, ours: dict[str, tuple[float, float]], theirs: dict[str, float], their_name: str) -> None:
    for clock in CLOCKS:
        total, before_typing = ours[clock]
        print(f"     [{clock:4s}] read_table {total:6.2f} s (= {before_typing:.2f} s detection+parsing+table "
              f"+ {total - before_typing:.2f} s typing)   {their_name} {theirs[clock]:6.2f} s   "
              f"{label} {_ratio(label, total, theirs[clock], before_typing)}")


def verdict(target: str, ours: dict[str, tuple[float, float]], theirs: dict[str, float], their_name: str) -> str:
    """One line per target: the measured factor by wall clock and by CPU time, the aim, and whether it is met."""
    if target != "XLSX":
        factors = {clock: ours[clock][0] / theirs[clock] for clock in CLOCKS}
        met = {clock: factor <= 2.0 for clock, factor in factors.items()}
        return (f"{target}: {factors['wall']:.2f}x {their_name} by wall clock, {factors['cpu']:.2f}x by CPU time "
                f"(aim <= 2x) {_met(met)}")
    factors = {clock: theirs[clock] / ours[clock][0] for clock in CLOCKS}
    met = {clock: factor >= 4.0 for clock, factor in factors.items()}
    return (f"XLSX: {factors['wall']:.1f}x faster than {their_name} by wall clock, {factors['cpu']:.1f}x by CPU time "
            f"(aim >= 4x) {_met(met)}")


def _met(met: dict[str, bool]) -> str:
    if all(met.values()):
        return "OK"
    if met["cpu"]:
        return "OK by CPU time only (wall clock disturbed by a busy machine?)"
    return "NOT MET"


def _ratio(label: str, ours: float, theirs: float, before_typing: float) -> str:
    if label == "ratio":
        return f"{ours / theirs:.2f} (target <= 2.0; without typing {before_typing / theirs:.2f})"
    return f"{theirs / ours:.1f}x (target >= 4x)"


CASES = ("csv", "european", "xlsx")
VERDICT_MARK = "VERDICT "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-rows", type=int, default=1_048_576)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=CASES, help="time one file in this process (the default runs each "
                                                      "file in a fresh process, as the app reads big files)")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    paths = {"csv": WORK / f"tickets_{args.csv_rows}.csv", "european": WORK / f"european_{args.csv_rows}.csv",
             "xlsx": WORK / f"tickets_{args.xlsx_rows}.xlsx"}
    if args.only:
        print(VERDICT_MARK + time_case(args.only, paths[args.only], args), flush=True)
        return
    make_csv(paths["csv"], args.csv_rows)
    make_european_csv(paths["european"], args.csv_rows)
    make_xlsx(paths["xlsx"], args.xlsx_rows)
    verdicts = []
    for case in CASES:          # a fresh process each: no file is timed in what the one before left behind
        done = subprocess.run([sys.executable, __file__, "--only", case, "--csv-rows", str(args.csv_rows),
                               "--xlsx-rows", str(args.xlsx_rows), "--repeat", str(args.repeat)],
                              capture_output=True, text=True, check=True)
        lines = done.stdout.splitlines()
        print("\n".join(line for line in lines if not line.startswith(VERDICT_MARK)))
        verdicts += [line[len(VERDICT_MARK):] for line in lines if line.startswith(VERDICT_MARK)]
    print("\n".join(verdicts))
    print(f"generated at {dt.datetime.now():%Y-%m-%d %H:%M}")


def time_case(case: str, path: Path, args: argparse.Namespace) -> str:
    """Time ``read_table`` and the plain pandas read of one file; print the figures, return the verdict."""
    if case == "xlsx":
        ours = timed_read(path, args.repeat)
        openpyxl_read = best_of(max(1, args.repeat - 1), lambda: pd.read_excel(path, engine="openpyxl"))
        print(f"XLSX {args.xlsx_rows:,} rows ({path.stat().st_size / 2**20:.1f} MB)")
        report("speed-up", ours, openpyxl_read, "read_excel(openpyxl)")
        return verdict("XLSX", ours, openpyxl_read, "pandas.read_excel(openpyxl)")
    label, plain_options = {"csv": ("CSV", {}), "european": ("European CSV", {"sep": ";", "encoding": "cp1250"})}[case]
    ours = timed_read(path, args.repeat)
    plain = best_of(args.repeat, lambda: pd.read_csv(path, **plain_options))
    table = read_table(path)
    print(f"{label} {args.csv_rows:,} rows x {table.frame.shape[1]} cols ({path.stat().st_size / 2**20:.0f} MB, "
          f"{table.encoding}), types {[c.col_type for c in table.columns]}")
    report("ratio", ours, plain, "pandas.read_csv")
    return verdict(label, ours, plain, "plain pandas.read_csv")


if __name__ == "__main__":
    main()
