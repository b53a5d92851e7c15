"""The Conversion after support contact card without an orders file names what it needs in the owner's words: the
English reason read "(orders to join on customer_id)", the internal field id (s12-shots-sl1, s13-shots-en
64_issue_date_only_tickets_cards)."""

from __future__ import annotations

import pytest

from desktop_app.formatting import readable_reason
from desktop_app.i18n import apply_language
from metrics_core.dataset import DataBundle
from metrics_core.metrics.engine import compute_metric

from .helpers import make_dataset, tickets_frame


@pytest.mark.parametrize("lang", ["en", "sl", "sv"])
def test_the_reason_names_no_internal_field_id(lang) -> None:
    apply_language(lang)
    frame = tickets_frame(60)
    frame["customer_id"] = [f"C{i % 7}" for i in range(len(frame))]
    bundle = DataBundle([make_dataset("tickets", "tickets", frame)])
    result = compute_metric(bundle, "conversion_after_contact")
    assert result.value is None
    words = readable_reason(result)
    assert words and "customer_id" not in words and "order_date" not in words, words
