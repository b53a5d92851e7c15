"""ro start page (s19-words, read at 1366 x 768): "… instrumentul de sondaje sau magazin și vedeți …" left the shop
without its article beside "helpdesk, sistemul telefonic, instrumentul": "sau magazinul online"."""

from __future__ import annotations

from metrics_core.i18n import _, language


def test_romanian_start_page_names_the_shop_with_its_article() -> None:
    from desktop_app.i18n import register_catalogue

    register_catalogue()
    with language("ro"):
        text = _("Open the exports of your helpdesk, phone system, survey tool or shop and see every customer-"
                 "service KPI. Your files never leave this computer.")
    assert "instrumentul de sondaje sau magazinul online și vedeți" in text, text
