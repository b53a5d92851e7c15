"""The Conversion after support contact card without an orders file names what it needs in the owner's words: the
English reason read "(orders to join on customer_id)", the internal field id (s12-shots-sl1, s13-shots-en
64_issue_date_only_tickets_cards)."""

from __future__ import annotations

import pytest

from metrics_core.report_view.words import readable_reason
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


def test_a_field_is_named_once_and_the_same_word_later_stays_a_word() -> None:
    """s15-shots-a (en 66_issue_no_dates_no_channel, 63_issue_pwc_cards): "needs a Channel column (or contacts from
    more than one Channel)": every bare "channel" became the field's label, the second one being the ordinary word."""
    apply_language("en")
    frame = tickets_frame(60).drop(columns=["channel"])
    result = compute_metric(DataBundle([make_dataset("t", "tickets", frame)]), "volume_by_channel")
    assert result.value is None and "channel" in (result.missing_fields or [])
    assert readable_reason(result) == "needs a Channel column (or contacts from more than one channel)"
