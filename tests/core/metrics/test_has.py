"""``has`` (a column with at least one value) looks at a column's first rows first; the answer is the same
when the only value lies past them, or when there is none."""

import pandas as pd

from metrics_core.metrics.results import HAS_HEAD, has


def test_a_value_past_the_first_rows_counts():
    frame = pd.DataFrame({"late": pd.array([None] * (HAS_HEAD + 5) + ["x"], dtype="string"),
                          "empty": pd.array([None] * (HAS_HEAD + 6), dtype="string"),
                          "early": [1.0] + [float("nan")] * (HAS_HEAD + 5)})
    assert has(frame, "late") and has(frame, "early")
    assert not has(frame, "empty") and not has(frame, "absent") and not has(None, "late")
    assert not has(frame.iloc[0:0], "late")
