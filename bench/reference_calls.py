"""The reference for the call-detail file: a hand-written pandas script that knows the export.

    python bench/reference_calls.py FILE

Reads the call-detail CSV of ``bench/datasets.py``, parses its start times and prints, as
JSON, the answer and abandonment rates, the average wait of answered inbound calls (ASA), the
average handle time of answered calls, and the number of calls per month and queue.
"""

from __future__ import annotations

import json
import sys

import pandas as pd


def kpis(path: str) -> dict:
    calls = pd.read_csv(path)
    started = pd.to_datetime(calls["Start time"], format="%Y-%m-%d %H:%M:%S")
    inbound = calls[calls["Direction"] == "inbound"]
    answered = inbound["Outcome"] == "answered"
    handled = calls[calls["Outcome"] == "answered"]          # inbound and outbound
    per_month = calls.groupby([started.dt.to_period("M").astype(str), calls["Queue"]]).size()
    return {
        "calls": len(calls),
        "answer_rate_pct": float(100 * answered.mean()),
        "abandonment_rate_pct": float(100 * (inbound["Outcome"] == "abandoned").mean()),
        "asa_s": float(inbound.loc[answered, "Wait time"].mean()),
        "aht_s": float((handled["Talk time"] + handled["Hold time"] + handled["Wrap-up time"]).mean()),
        "per_month_queue": {f"{month} {queue}": int(n) for (month, queue), n in per_month.items()},
    }


def main() -> int:
    json.dump(kpis(sys.argv[1]), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
