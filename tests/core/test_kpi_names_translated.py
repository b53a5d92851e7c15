"""No Swedish KPI name is left in English (issue 14).

The Swedish window showed "Customer churn rate", "Referral rate", "Ticket backlog" and "First Response Time (FRT)"
beside "Återköpsgrad": the names had been copied from the seed article, which leaves them in English. A name fails
when it is the English name, or when a word of it (four letters or more, outside parentheses) is a word of any
English KPI name, short of the few words Swedish shares with English listed here. docs/glossary/sv.md has the names.
"""

import re

import pytest

from metrics_core.i18n import _, language
from metrics_core.metrics.registry import REGISTRY

BRANDS = ("Net Promoter Score",)            # a registered name, used as it is in Swedish
SHARED_WORDS = {"csat", "erlang"}           # an acronym written into a Swedish word (CSAT-betyg), a person's name
WORD = re.compile(r"[^\W\d_]{4,}")


def _words(text: str) -> set[str]:
    for brand in BRANDS:
        text = text.replace(brand, "")
    return {w.lower() for w in WORD.findall(re.sub(r"\([^)]*\)", "", text))}


ENGLISH_WORDS = set().union(*(_words(spec.label) for spec in REGISTRY)) - SHARED_WORDS


@pytest.mark.parametrize("code", ["sv"])
def test_no_kpi_name_is_left_in_english(code):
    left = []
    with language(code):
        for spec in REGISTRY:
            name = _(spec.label)
            english = _words(name) & ENGLISH_WORDS
            if name == spec.label or english:
                left.append(f"{spec.id}: {name!r} ({', '.join(sorted(english)) or 'the English name'})")
    assert not left, f"{code} KPI names left in English:\n" + "\n".join(left)


def test_the_check_finds_english_words():
    assert _words("Customer churn rate") & ENGLISH_WORDS == {"customer", "churn", "rate"}
    assert _words("Kundbortfall (churn)") & ENGLISH_WORDS == set()          # a gloss in parentheses is allowed
    assert _words("Net Promoter Score (NPS)") & ENGLISH_WORDS == set()
