"""The NPS chart's title, its tooltip and its legend name the three groups with the same words in every
language (Slovenian said 'kritiki' in the title and 'Detraktorji' in the legend, Swedish 'ambassadörer' and
'Promotorer')."""

import pytest

from metrics_core.i18n import _, language


@pytest.mark.parametrize("code", ("sl", "ro", "sv", "sr", "sr-Latn"))
def test_title_and_tooltip_use_the_legend_s_words(code, qapp):
    with language(code):
        groups = [_("Promoters").casefold(), _("Passives").casefold(), _("Detractors").casefold()]
        title = _("NPS: promoters, passives, detractors").casefold()
        tip = _("{period}: NPS {nps}\npromoters {promoters} %, passives {passives} %, detractors {detractors} %",
                period="P", nps=1, promoters=1, passives=1, detractors=1).casefold()
    assert title != "nps: promoters, passives, detractors"
    assert all(word in title and word in tip for word in groups), (title, tip, groups)
