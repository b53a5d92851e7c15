"""The reference: what a competent analyst writes by hand in pandas for a known ticket export.

    python bench/reference_tickets.py FILE... [--european]

Reads the file (told its format: nothing is detected; several files are one table, a ticket in
two overlapping exports counted once), parses its three timestamps and
prints, as JSON, first response time and resolution time (mean, median, 90th percentile,
seconds), FCR (% of solved tickets closed with one agent reply), CSAT (% of answers 4 or 5
of 5) and the number of tickets per month and channel. ``--european`` reads the Slovenian
export of ``bench/datasets.py``: cp1250, ``;``, decimal comma, day-first date-times.
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

FORMATS = {
    "plain": {"read": {}, "dates": "%Y-%m-%d %H:%M:%S",
              "id": "Ticket ID",
              "columns": ("Created at", "First response at", "Resolved at", "Status", "Channel", "Agent replies",
                          "CSAT"),
              "done": ("Solved", "Closed")},
    "european": {"read": {"sep": ";", "encoding": "cp1250", "decimal": ","}, "dates": "%d.%m.%Y %H:%M",
                 "id": "Številka zahtevka",
                 "columns": ("Ustvarjeno", "Prvi odgovor", "Rešeno", "Status", "Kanal", "Odgovori agenta",
                             "Ocena zadovoljstva"),
                 "done": ("Rešeno", "Zaprto")},
}


def spread(seconds: pd.Series) -> dict[str, float]:
    seconds = seconds[seconds >= 0].dropna()
    return {"mean": float(seconds.mean()), "median": float(seconds.median()), "p90": float(seconds.quantile(0.9))}


def kpis(paths: list[str], style: str) -> dict:
    fmt = FORMATS[style]
    created_col, first_col, resolved_col, status_col, channel_col, replies_col, csat_col = fmt["columns"]
    if len(paths) == 1:
        t = pd.read_csv(paths[0], **fmt["read"])
    else:
        t = pd.concat([pd.read_csv(p, **fmt["read"]) for p in paths], ignore_index=True)
        t = t.drop_duplicates(fmt["id"], keep="last", ignore_index=True)
    created = pd.to_datetime(t[created_col], format=fmt["dates"])
    first = pd.to_datetime(t[first_col], format=fmt["dates"])
    resolved = pd.to_datetime(t[resolved_col], format=fmt["dates"])
    done = t[status_col].isin(fmt["done"]) | resolved.notna()
    replies = t.loc[done, replies_col]
    csat = t[csat_col].dropna()
    per_month = t.groupby([created.dt.to_period("M").astype(str), t[channel_col]]).size()
    return {
        "tickets": len(t),
        "first_response_time_s": spread((first - created).dt.total_seconds()),
        "resolution_time_s": spread((resolved - created).dt.total_seconds()),
        "fcr_pct": float(100 * (replies == 1).sum() / replies.notna().sum()),
        "csat_pct": float(100 * (csat >= 4).mean()),
        "per_month_channel": {f"{month} {channel}": int(n) for (month, channel), n in per_month.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--european", action="store_true")
    args = parser.parse_args()
    json.dump(kpis(args.files, "european" if args.european else "plain"), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
