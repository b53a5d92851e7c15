"""Generated exports for the end-to-end benchmark, made once into ``bench/_work/`` (git-ignored).

Each maker writes a file of the asked number of rows (a fixed seed: the same file every
time) unless it is already there, and returns its path:

* ``ticket_csv`` — a helpdesk export: id, three timestamps, status, channel, agent,
  priority, agent replies, CSAT (1-5, on 40 % of the solved tickets);
* ``european_csv`` — the same tickets as a Slovenian export: cp1250, ``;``, day-first
  date-times, decimal comma (handling time in hours), Slovenian headers and values;
* ``ticket_xlsx`` — the ticket export as a workbook (real date-time cells);
* ``calls_csv`` — a phone system's call-detail records (10,000,000 rows is about 1 GB);
* ``monthly_csvs`` — twelve monthly helpdesk exports whose periods overlap by a few days.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

WORK = Path(__file__).resolve().parent / "_work"

STATUSES = np.array(["Open", "Pending", "Solved", "Closed"])
CHANNELS = np.array(["Email", "Phone", "Chat", "Web form", "Social media"])
PRIORITIES = np.array(["Low", "Normal", "High", "Urgent"])
AGENTS = np.array(["Ana Novak", "Björn Ek", "Ioana Pop", "Marko Petrović", "Eva Horvat", "Luka Kovač"])
SL_STATUSES = np.array(["Odprto", "V čakanju", "Rešeno", "Zaprto"])
SL_CHANNELS = np.array(["E-pošta", "Telefon", "Klepet", "Spletni obrazec", "Družbena omrežja"])
SL_PRIORITIES = np.array(["Nizka", "Običajna", "Visoka", "Nujna"])
ISO = "%Y-%m-%d %H:%M:%S"
DAY_FIRST = "%d.%m.%Y %H:%M"
CHUNK = 500_000


def _path(name: str) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    return WORK / name


def _write_chunks(path: Path, chunks: Iterator[str | bytes]) -> Path:
    """Write ``chunks`` to a temporary name, then move it into place (a half-made file is never reused)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    with open(tmp, "wb") as f:
        for chunk in chunks:
            f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    tmp.replace(path)
    return path


def ticket_columns(rows: int, seed: int, start: str = "2024-01-01", days: int = 365) -> dict[str, np.ndarray]:
    """The ticket facts in numbers: created, first response and resolution moments, categories, counts."""
    rng = np.random.default_rng(seed)
    created = pd.Timestamp(start) + pd.to_timedelta(np.sort(rng.integers(0, days * 86400, rows)), unit="s")
    first = created + pd.to_timedelta(rng.integers(60, 8 * 3600, rows), unit="s")
    resolved = first + pd.to_timedelta(rng.integers(300, 5 * 86400, rows), unit="s")
    status = rng.integers(0, len(STATUSES), rows)
    done = status >= 2
    return {
        "created": created, "first": first, "resolved": resolved, "status": status, "done": done,
        "answered": status != 0,
        "channel": rng.integers(0, len(CHANNELS), rows), "agent": rng.integers(0, len(AGENTS), rows),
        "priority": rng.integers(0, len(PRIORITIES), rows), "replies": rng.integers(1, 6, rows),
        "csat": np.where(done & (rng.random(rows) < 0.4), rng.integers(1, 6, rows), 0),
        "handle_h": rng.exponential(1.5, rows),
    }


def ticket_frame(rows: int, seed: int = 1, first_id: int = 100000, **period) -> pd.DataFrame:
    c = ticket_columns(rows, seed, **period)
    return pd.DataFrame({
        "Ticket ID": np.arange(first_id, first_id + rows),
        "Created at": c["created"].strftime(ISO),
        "First response at": np.where(c["answered"], c["first"].strftime(ISO), ""),
        "Resolved at": np.where(c["done"], c["resolved"].strftime(ISO), ""),
        "Status": STATUSES[c["status"]],
        "Channel": CHANNELS[c["channel"]],
        "Agent": AGENTS[c["agent"]],
        "Priority": PRIORITIES[c["priority"]],
        "Agent replies": c["replies"],
        "CSAT": np.where(c["csat"] > 0, c["csat"].astype(str), ""),
    })


def european_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    c = ticket_columns(rows, seed)
    return pd.DataFrame({
        "Številka zahtevka": [f"Z-{i:07d}" for i in range(rows)],
        "Ustvarjeno": c["created"].strftime(DAY_FIRST),
        "Prvi odgovor": np.where(c["answered"], c["first"].strftime(DAY_FIRST), ""),
        "Rešeno": np.where(c["done"], c["resolved"].strftime(DAY_FIRST), ""),
        "Status": SL_STATUSES[c["status"]],
        "Kanal": SL_CHANNELS[c["channel"]],
        "Agent": AGENTS[c["agent"]],
        "Prioriteta": SL_PRIORITIES[c["priority"]],
        "Odgovori agenta": c["replies"],
        "Ocena zadovoljstva": np.where(c["csat"] > 0, c["csat"].astype(str), ""),
        "Čas obdelave (h)": np.char.replace(np.char.mod("%.2f", c["handle_h"]), ".", ","),
    })


def _frame_chunks(make, rows: int, **csv) -> Iterator[str | bytes]:
    encoding = csv.pop("encoding", "utf-8")
    for start in range(0, rows, CHUNK):
        frame = make(start, min(CHUNK, rows - start))
        yield frame.to_csv(index=False, header=start == 0, **csv).encode(encoding)


def ticket_csv(rows: int) -> Path:
    path = _path(f"tickets_{rows}.csv")
    if not path.exists():
        _write_chunks(path, [ticket_frame(rows).to_csv(index=False)])
    return path


def european_csv(rows: int) -> Path:
    path = _path(f"european_tickets_{rows}.csv")
    if not path.exists():
        _write_chunks(path, [european_frame(rows).to_csv(index=False, sep=";").encode("cp1250")])
    return path


def ticket_xlsx(rows: int) -> Path:
    """The ticket export as a workbook; written row by row (constant memory), a minute or two for a million."""
    import xlsxwriter

    path = _path(f"tickets_{rows}.xlsx")
    if path.exists():
        return path
    frame = ticket_frame(rows, seed=2)
    created = pd.to_datetime(frame["Created at"]).dt.to_pydatetime()
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.part.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    sheet = book.add_worksheet("Tickets")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, list(frame.columns))
    ids, texts, replies, csat = (frame["Ticket ID"].tolist(), frame.iloc[:, 2:8].to_numpy(dtype=object).tolist(),
                                 frame["Agent replies"].tolist(), frame["CSAT"].tolist())
    for r in range(rows):
        sheet.write_number(r + 1, 0, ids[r])
        sheet.write_datetime(r + 1, 1, created[r], stamp)
        sheet.write_row(r + 1, 2, texts[r])
        sheet.write_number(r + 1, 8, replies[r])
        if csat[r]:
            sheet.write_number(r + 1, 9, int(csat[r]))
    book.close()
    tmp.replace(path)
    return path


CALL_QUEUES = np.array(["Sales", "Support", "Billing", "Returns"])
CALL_OUTCOMES = np.array(["answered", "abandoned", "voicemail"])


def call_frame(start_row: int, rows: int, total: int) -> pd.DataFrame:
    """Call-detail records ``start_row`` … of a year of ``total`` calls."""
    rng = np.random.default_rng(start_row + 7)
    offsets = np.sort(rng.integers(0, 365 * 86400, rows))
    span = 365 * 86400 * rows // total
    offsets = start_row * 365 * 86400 // total + offsets * span // (365 * 86400)
    started = pd.Timestamp("2025-01-01") + pd.to_timedelta(offsets, unit="s")
    outcome = rng.choice(3, rows, p=[0.86, 0.11, 0.03])
    answered = outcome == 0
    wait = rng.exponential(35, rows).astype(int)
    talk = np.where(answered, rng.exponential(240, rows).astype(int) + 10, 0)
    return pd.DataFrame({
        "Call ID": np.arange(start_row, start_row + rows) + 5_000_000_000,
        "Start time": started.strftime(ISO),
        "Direction": np.where(rng.random(rows) < 0.8, "inbound", "outbound"),
        "Caller": rng.integers(38640000000, 38649999999, rows),
        "Queue": CALL_QUEUES[rng.integers(0, len(CALL_QUEUES), rows)],
        "Agent": np.where(answered, AGENTS[rng.integers(0, len(AGENTS), rows)], ""),
        "Outcome": CALL_OUTCOMES[outcome],
        "Wait time": wait,
        "Talk time": talk,
        "Hold time": np.where(answered, rng.integers(0, 60, rows), 0),
        "Wrap-up time": np.where(answered, rng.integers(5, 90, rows), 0),
    })


def calls_csv(rows: int) -> Path:
    path = _path(f"calls_{rows}.csv")
    if not path.exists():
        _write_chunks(path, _frame_chunks(lambda start, n: call_frame(start, n, rows), rows))
    return path


def monthly_csvs(rows_per_month: int, months: int = 12, overlap_days: int = 3) -> list[Path]:
    """Monthly exports of 2025: each covers its month plus ``overlap_days`` of the next (the same tickets again)."""
    folder = _path(f"monthly_{rows_per_month}")
    folder.mkdir(exist_ok=True)
    first = ticket_frame(rows_per_month * months + rows_per_month // 2, seed=5, start="2025-01-01", days=365 + 20)
    created = pd.to_datetime(first["Created at"])
    paths = []
    for m in range(months):
        path = folder / f"helpdesk_2025-{m + 1:02d}.csv"
        paths.append(path)
        if path.exists():
            continue
        begin = pd.Timestamp(2025, m + 1, 1)
        end = begin + pd.offsets.MonthBegin(1) + pd.Timedelta(days=overlap_days)
        part = first[(created >= begin) & (created < end)]
        _write_chunks(path, [part.to_csv(index=False)])
    return paths
