"""Family F — social media: sentiment shares and what people write about.

Headline: % of mentions with a sentiment that are positive. Details: positive /
neutral / negative shares, % technical questions, % answerable by existing
content, competitor mentions, % answered, the most active hours and top topics.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..i18n import N_, Message
from .common import Terms, terms_compute, terms_rows
from .model import MetricInputs, MetricResult, MetricSpec
from .results import flag, missing_field, ratio_result

_POSITIVE = ("pos", "good", "happy", "pozit", "bra", "dobr", "добр", "позит")
_NEGATIVE = ("neg", "bad", "angry", "slab", "rău", "rau", "dålig", "los", "лош", "негат")
_NEUTRAL = ("neu", "neutr", "mixed", "неутр")


def sentiment_classes(values: pd.Series) -> np.ndarray:
    """Each mention as "positive", "neutral", "negative" or "" (unknown); numbers: > 0, 0, < 0.

    >>> sentiment_classes(pd.Series(["Positive", "neg", "Neutral", None, "0.6"])).tolist()
    ['positive', 'negative', 'neutral', '', 'positive']
    """
    text = values.astype("string").str.strip().str.lower().fillna("")
    numbers = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    out = np.full(len(values), "", dtype=object)
    for name, stems in (("neutral", _NEUTRAL), ("negative", _NEGATIVE), ("positive", _POSITIVE)):
        hit = text.str.startswith(stems).to_numpy(dtype=bool)
        out[(out == "") & hit] = name
    num_ok = np.isfinite(numbers) & (out == "")
    out[num_ok & (numbers > 0)] = "positive"
    out[num_ok & (numbers < 0)] = "negative"
    out[num_ok & (numbers == 0)] = "neutral"
    return out


def _social_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    social = inputs.frames.get("social")
    if social is None or "sentiment" not in social.columns:
        return missing_field("social_sentiment", "%", ["sentiment"], N_("the sentiment of each mention"))
    classes = sentiment_classes(social["sentiment"])
    known = classes != ""
    terms = Terms(social, (classes == "positive").astype(float), np.ones(len(social)), known, None,
                  details=_insights(social, classes), kind="social")
    if (~known).sum():
        terms.excluded.append((int((~known).sum()), N_("mentions without a recognisable sentiment")))
    return terms


def _insights(social: pd.DataFrame, classes: np.ndarray) -> dict[str, Any]:
    n = len(social)
    known = int((classes != "").sum())
    details: dict[str, Any] = {"mentions": n}
    for name in ("positive", "neutral", "negative"):
        count = int((classes == name).sum())
        details[name] = count
        details[f"{name}_pct"] = 100.0 * count / known if known else None
    # the one figure is a share: say of what ('Social media sentiment 45.9 %' named neither)
    details["caveat"] = Message("share of mentions that are positive")
    for col, key in (("is_technical", "technical_pct"), ("answerable_by_content", "answerable_by_content_pct"),
                     ("answered", "answered_pct"), ("mentions_competitor", "competitor_mentions_pct")):
        if col in social.columns and social[col].notna().any():
            rated = social[col].notna().to_numpy()
            details[key] = 100.0 * float(flag(social[col])[rated].sum()) / int(rated.sum())
    if "mentions_competitor" in social.columns:
        details["competitor_mentions"] = int(flag(social["mentions_competitor"]).sum())
    if "posted_at" in social.columns and social["posted_at"].notna().any():
        hours = social["posted_at"].dt.hour.value_counts().reindex(range(24), fill_value=0)
        details["mentions_by_hour"] = [int(v) for v in hours.to_numpy()]
        details["most_active_hours"] = [int(h) for h in hours.sort_values(ascending=False, kind="stable").index[:3]]
    if "topic" in social.columns:
        topics = social["topic"].dropna().astype(str).value_counts().head(10)
        details["top_topics"] = [{"topic": t, "mentions": int(c)} for t, c in topics.items()]
    return details


def _calc_social(t: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    pos, neu, neg = (float(t[k]) for k in ("positive", "neutral", "negative"))
    return ratio_result("social_sentiment", pos, pos + neu + neg, empty_reason=N_("no mentions"))


_compute = terms_compute("social_sentiment", "%", 100.0, True, _social_terms,
                         empty_reason=N_("no mentions with a sentiment"))
_rows = terms_rows(_social_terms, 100.0)

SPECS: tuple[MetricSpec, ...] = (
    MetricSpec(id="social_sentiment", label=N_("Social media sentiment"), family="social", unit="%", higher_is_better=True,
               kinds=("social",), required_fields=("sentiment",), source="S0",
               description=N_("Share of mentions that are positive (also neutral and negative), with % technical questions, "
                           "% answerable by existing content, competitor mentions, most active hours and top topics."),
               compute=_compute, row_terms=_rows,
               calculator=_calc_social, calculator_inputs=("positive", "neutral", "negative")),
)
