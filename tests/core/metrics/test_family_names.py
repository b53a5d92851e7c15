"""A calls-only file showed its request volume, peak hours and productivity under the heading 'Tickets': the
owner had loaded no tickets (issue 14, shots 10_dashboard_01_calls, 10_dashboard_08_social_mentions). The family
counts every contact (tickets, calls, social items), and its name says so in every language."""

from __future__ import annotations

import pytest

from metrics_core.i18n import language
from metrics_core.metrics.model import family_label


@pytest.mark.parametrize("code, name", [("en", "Contacts and tickets"), ("sl", "Stiki in zahtevki"),
                                        ("ro", "Contacte și tichete"), ("sv", "Kontakter och ärenden"),
                                        ("sr", "Контакти и захтеви"), ("sr-Latn", "Kontakti i zahtevi")])
def test_the_contacts_family_is_not_named_tickets_alone(code, name) -> None:
    with language(code):
        assert family_label("tickets") == name
