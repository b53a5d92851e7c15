"""Family A — customer experience: CSAT, NPS, CES, feedback response rate, brand attributes.

Scores count wherever they appear (survey answers, score columns on tickets
and calls); pre-aggregated ``survey_buckets`` (HCAHPS style 0-6 / 7-8 / 9-10
percentages or counts) feed NPS and top-box CSAT when no single answers are loaded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..i18n import N_, Message
from .common import Terms, terms_compute, terms_rows
from .model import MetricInputs, MetricResult, MetricSpec, ParamSpec, RowTerms
from ..formatting_dates import PeriodName
from .periods import PERIODS, label, period_start, previous_window_start, same_period_last_year
from .results import flag, missing_field, no_value, ratio_result
from .scores import (SCALE_CHOICES, WEIGHTING_NOTES, bucket_shares, collect_scores, detect_scale, in_scale,
                     top_two_threshold)
from .stats import nps_margin_of_error
from .textwords import brand_attributes_compute


def _scale_name(scale: tuple[float, float]) -> str:
    return f"{scale[0]:g}-{scale[1]:g}"


def _group_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """The columns a breakdown may group the answers by, as the frame holds them (text stays text: turned into
    Python objects, each would be read again to find its type, 50 ms a KPI at 200,000 answers)."""
    return {c: frame[c].array for c in frame.columns if c not in ("score", "num", "den")}


def _answers(scores: pd.DataFrame, num: np.ndarray, valid: np.ndarray, details: dict[str, Any]) -> Terms:
    """Terms of collected answers (``collect_scores``): one row per answer in ``valid``, which carries the
    columns breakdowns group by (the answers come from several kinds). Each row is one answer, whichever file it
    came from: the result counts answers (``counted``: its card and slide say "from 2,588 answers", not "rows")."""
    return Terms(scores, num, np.ones(len(scores)), valid, None, details={**details, "counted": "surveys"}, kind="",
                 columns=_group_columns(scores))


def _score_terms(field: str, inputs: MetricInputs, scale_setting: str, positive) -> Terms | None:
    """Terms for a score metric: ``positive(scores, scale)`` gives each answer's numerator; ``None``
    without answers."""
    scores = collect_scores(inputs, field)
    if scores.empty:
        return None
    values, scale, valid, distribution = score_facts(inputs, field, scale_setting)
    details = {"scale": _scale_name(scale), "distribution": dict(distribution)}
    terms = _answers(scores, positive(values, scale), valid.copy(), details)
    dropped = int((~valid).sum())
    if dropped:
        terms.excluded.append((dropped, Message("answers outside the {scale} scale", {"scale": _scale_name(scale)})))
    return terms


def score_facts(inputs: MetricInputs, field: str, scale_setting: str
                ) -> tuple[np.ndarray, tuple[float, float], np.ndarray, dict[str, int]]:
    """The answers' scores (:func:`collect_scores`), their scale, which of them are on it and how many gave each
    score: worked out once per inputs, field and scale setting for every score KPI that reads them (CSAT, average
    CSAT, overall satisfaction and the satisfaction trend each counted the distribution again: 1-2 ms a KPI at a
    filter's 100,000 answers; issue 15, session 19). Shared: read, never changed."""
    def make() -> tuple[np.ndarray, tuple[float, float], np.ndarray, dict[str, int]]:
        values = collect_scores(inputs, field)["score"].to_numpy(dtype=float)
        scale = detect_scale(values, scale_setting)
        valid = in_scale(values, scale)
        valid.flags.writeable = False
        return values, scale, valid, {f"{k:g}": int(v) for k, v in
                                      pd.Series(values[valid]).value_counts().sort_index().items()}
    return inputs.derived(f"score facts:{field}:{scale_setting}", make)


def _bucket_terms(inputs: MetricInputs, share: str, metric_id: str, unit: str, question: Any
                  ) -> Terms | MetricResult | None:
    """Terms from survey buckets: ``share`` is "top" (top-box CSAT) or "net" (NPS: top − bottom), over the
    rows of one question (:func:`one_question`); ``None`` without buckets."""
    buckets = bucket_shares(inputs)
    if buckets is None:
        return None
    b, chosen, failure = one_question(buckets.frame, question, metric_id, unit)
    if failure is not None:
        return failure
    per_row = b["top"] if share == "top" else b["top"] - b["bottom"]
    weight = b["weight"].to_numpy(dtype=float)
    tot = float(weight.sum()) or 1.0
    details = {"source": "survey buckets", "weighting": buckets.weighting, "question": chosen,
               "note": WEIGHTING_NOTES[buckets.weighting],
               "top_share": 100 * float((b["top"] * weight).sum()) / tot,
               "middle_share": 100 * float((b["middle"] * weight).sum()) / tot,
               "bottom_share": 100 * float((b["bottom"] * weight).sum()) / tot}
    return Terms(b, per_row.to_numpy(dtype=float) * weight, weight, np.ones(len(b), dtype=bool), None,
                 details=details, kind="survey_buckets",
                 columns={c: b[c].to_numpy() for c in b.columns if c not in ("bottom", "middle", "top", "weight")})


def one_question(frame: pd.DataFrame, question: Any, metric_id: str, unit: str
                 ) -> tuple[pd.DataFrame, str | None, MetricResult | None]:
    """The bucket rows of one question (the ``group`` column: HCAHPS "Measure ID"), its name, or why not.

    Different questions are never pooled: with several and none chosen there is no value, and the
    reason says how to choose (the ``question`` setting, or a filter on the question column).
    """
    if "group" not in frame.columns:
        return frame, (str(question) if question else None), None
    labels = frame["group"].astype("string").str.strip()
    questions = sorted(labels.dropna().unique().tolist())
    if question is not None and str(question).strip():
        keep = (labels.str.casefold() == str(question).strip().casefold()).fillna(False).to_numpy(dtype=bool)
        if not keep.any():
            return frame, None, no_value(metric_id, unit, Message(
                "The survey buckets have no question “{question}”; their questions are: {questions}.",
                {"question": str(question), "questions": ", ".join(questions)}))
        return frame[keep], str(labels[keep].iloc[0]), None
    if len(questions) > 1:
        return frame, None, no_value(metric_id, unit, Message(
            "The survey buckets hold {count} different questions ({questions}); a KPI reads one question at a "
            "time: choose it with the setting “Question (survey buckets)” (on the command line --param "
            "global.question={example}) or filter on the question column.",
            {"count": len(questions), "questions": ", ".join(questions), "example": questions[0]}))
    return frame, (questions[0] if questions else None), None


def _csat_like(metric_id: str, top_box: bool):
    def terms_fn(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
        def positive(values: np.ndarray, scale: tuple[float, float]) -> np.ndarray:
            if top_box:
                cut = p.get("top_box_from") or scale[1]
            else:
                cut = p.get("threshold") or top_two_threshold(scale)
            return (values >= cut).astype(float)

        terms = _score_terms("csat_score", inputs, p["scale"], positive)
        if terms is not None:
            scale = tuple(float(x) for x in terms.details["scale"].split("-"))
            terms.details["threshold"] = (p.get("top_box_from") or scale[1]) if top_box else \
                (p.get("threshold") or top_two_threshold(scale))
            return terms
        buckets = _bucket_terms(inputs, "top", metric_id, "%", p.get("question"))
        if buckets is not None:
            return buckets
        return missing_field(metric_id, "%", ["csat_score"], N_("a satisfaction score column"))
    return terms_fn


def _csat_mean_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    terms = _score_terms("csat_score", inputs, p["scale"], lambda v, s: v)
    if terms is None:
        return missing_field("csat_mean", "score", ["csat_score"], N_("a satisfaction score column"))
    return terms


def _nps_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    scores = collect_scores(inputs, "nps_score")
    if scores.empty:
        buckets = _bucket_terms(inputs, "net", "nps", "score", p.get("question"))
        if buckets is None:
            return missing_field("nps", "score", ["nps_score"], N_("a 0-10 likelihood-to-recommend column"))
        return buckets
    values = scores["score"].to_numpy(dtype=float)
    valid = np.isfinite(values) & (values >= 0) & (values <= 10)
    num = np.where(values >= 9, 1.0, np.where(values <= 6, -1.0, 0.0))
    terms = _answers(scores, num, valid, {"scale": "0-10"})
    if (~valid).sum():
        terms.excluded.append((int((~valid).sum()), N_("answers outside 0-10")))
    return terms


def _nps_finish(result: MetricResult, terms: RowTerms, p: Mapping[str, Any]) -> None:
    d = result.details
    if d.get("source") == "survey buckets":
        promoter, detractor = d["top_share"] / 100, d["bottom_share"] / 100
        result.details = d.with_(promoters_pct=d["top_share"], passives_pct=d["middle_share"],
                                 detractors_pct=d["bottom_share"])
        if d.weighting != "equal":
            result.margin_of_error = nps_margin_of_error(promoter, detractor, float(terms.frame["den"].sum()))
        return
    num = terms.frame["num"].to_numpy()
    n = len(num)
    promoters, detractors = int((num > 0).sum()), int((num < 0).sum())
    passives = n - promoters - detractors
    result.details = d.with_(promoters=promoters, passives=passives, detractors=detractors,
                             promoters_pct=100 * promoters / n, passives_pct=100 * passives / n,
                             detractors_pct=100 * detractors / n)
    result.margin_of_error = nps_margin_of_error(promoters / n, detractors / n, n)
    result.ci_low = result.value - result.margin_of_error
    result.ci_high = result.value + result.margin_of_error


def _ces_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    terms = _score_terms("ces_score", inputs, p["scale"], lambda v, s: v)
    if terms is None:
        return missing_field("ces", "score", ["ces_score"], N_("a customer-effort score column"))
    terms.details["direction"] = p["direction"]
    return terms


def _ces_finish(result: MetricResult, terms: RowTerms, p: Mapping[str, Any]) -> None:
    values = terms.frame["num"].to_numpy()
    low, high = (float(x) for x in result.details["scale"].split("-"))
    middle = (low + high) / 2
    easy = values > middle if p["direction"] == "ease" else values < middle
    result.details = result.details.with_(low_effort_pct=100 * float(easy.mean()), low_effort=int(easy.sum()))
    result.higher_is_better = p["direction"] == "ease"


def _feedback_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    frame = inputs.frames.get("surveys")
    if frame is None or not ({"feedback_answered", "responded_at"} & set(frame.columns)):
        return missing_field("feedback_response_rate", "%", ["feedback_answered", "responded_at"],
                             N_("whether each feedback item was answered"))
    rows = _feedback_files(frame)
    if p["only_with_comment"] and "comment" in rows.columns:
        rows = rows[rows["comment"].fillna("").astype(str).str.strip() != ""]
    answered = np.zeros(len(rows), dtype=bool)
    if "feedback_answered" in rows.columns:
        answered |= flag(rows["feedback_answered"])
    if "responded_at" in rows.columns:
        answered |= rows["responded_at"].notna().to_numpy()
    return Terms(rows, answered.astype(float), np.ones(len(rows)), np.ones(len(rows), dtype=bool), None,
                 kind="surveys")


def _feedback_files(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of the files that record whether feedback was answered.

    A ticket or call file that also feeds ``surveys`` (for its score column) has
    neither ``feedback_answered`` nor ``responded_at``: its rows are not feedback
    items and would inflate the denominator.
    """
    if "_dataset" not in frame.columns:
        return frame
    columns = [c for c in ("feedback_answered", "responded_at") if c in frame.columns]
    recorded = frame[columns].notna().any(axis=1)
    files = frame.loc[recorded.to_numpy(), "_dataset"].dropna().unique()
    return frame[frame["_dataset"].isin(files).to_numpy(dtype=bool)] if len(files) else frame


TWO_PERIODS_NEEDED = {
    "day": N_("compares days: needs answers on at least two days to show a change"),
    "week": N_("compares weeks: needs answers in at least two weeks to show a change"),
    "month": N_("compares months: needs answers in at least two months to show a change"),
    "quarter": N_("compares quarters: needs answers in at least two quarters to show a change"),
    "year": N_("compares years: needs answers in at least two years to show a change"),
}


def _trend_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    terms = _csat_like("satisfaction_trend", False)(inputs, p)
    if isinstance(terms, MetricResult):
        return terms
    dated = replace(terms, columns={k: v for k, v in terms.columns.items() if k == "date"})  # (no group columns
    frame, details = dated.row_terms(100.0).frame, terms.details                         # copied: 10-20 ms)
    if frame["date"].isna().all():
        return missing_field("satisfaction_trend", "%", ["submitted_at"], N_("the date of each answer"))
    keys = period_start(frame["date"], p["period"])
    sums = frame.groupby(keys)[["num", "den"]].sum()
    answered = [(k, r) for k, r in sums.iterrows() if r.den > 0]
    series = [{"period": label(k, p["period"]), "value": 100 * r.num / r.den, "n": int(r.den)} for k, r in answered]
    details.update(series=series, unit_note="percentage points")
    if inputs.period and inputs.period[0] is not None and inputs.period[1] is not None:
        return _window_change(frame, details, pd.Timestamp(inputs.period[0]), pd.Timestamp(inputs.period[1]),
                              p["against"])
    if len(series) < 2:       # its own period (a setting), not the trend's grain: say which
        return no_value("satisfaction_trend", "%", TWO_PERIODS_NEEDED.get(p["period"], TWO_PERIODS_NEEDED["month"]),
                        n=len(frame), details=details)
    last, previous = series[-1], series[-2]
    names = [PeriodName(pd.Timestamp(k).date(), p["period"]) for k, _r in answered[-2:]]
    details.update(last=last, previous=previous, compared=(names[1], names[0]),   # (partial ones named by the view)
                   caveat=Message("{period} against {previous}", {"period": names[1], "previous": names[0]}))
    return MetricResult("satisfaction_trend", last["value"] - previous["value"], "%", n=len(frame),
                        numerator=last["value"], denominator=previous["value"], details=details)


def _window_change(frame: pd.DataFrame, details: dict[str, Any], start: pd.Timestamp,
                   stop: pd.Timestamp, against: str = "previous") -> MetricResult:
    """CSAT over the chosen dates ``[start, stop)`` less CSAT over the period the view compares with, in
    percentage points: the equally long period before (October against September under "Latest month"), not two
    months inside the chosen one; or, ``against="last_year"``, the same dates a year earlier — as every card's
    change under Compare: "same period last year" (it read "+3.2 pp Oct vs Sep" beside the hint that the files
    hold nothing a year earlier, 25_compare_last_year)."""
    day = pd.Timedelta(days=1)
    before, until = same_period_last_year(start, stop) if against == "last_year" else (
        previous_window_start(start, stop), start)
    parts = []
    for a, b in ((start, stop), (before, until)):
        inside = ((frame["date"] >= a) & (frame["date"] < b)).to_numpy(dtype=bool)
        parts.append((float(frame["num"].to_numpy()[inside].sum()), float(frame["den"].to_numpy()[inside].sum()),
                      PeriodName.of_days(a.date(), (b - day).date())))
    (num, den, name), (num_before, den_before, name_before) = parts
    names = {"period": name, "previous": name_before}
    if not den or not den_before:
        return no_value("satisfaction_trend", "%", Message("needs answers in {period} and in {previous} to show "
                                                           "a change", names), n=int(den + den_before),
                        details=details)
    now, then = 100 * num / den, 100 * num_before / den_before
    details.update(last={"period": str(name), "value": now, "n": int(den)},
                   previous={"period": str(name_before), "value": then, "n": int(den_before)},
                   compared=(name, name_before), caveat=Message("{period} against {previous}", names))
    return MetricResult("satisfaction_trend", now - then, "%", n=int(den + den_before), numerator=now,
                        denominator=then, details=details)


def _calc_ratio(metric_id: str, num_key: str, den_key: str, scale: float = 100.0, unit: str = "%"):
    def calc(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
        return ratio_result(metric_id, totals[num_key], totals[den_key], unit=unit, scale=scale,
                            proportion=scale == 100.0, empty_reason=Message("{name} is zero", {"name": den_key}))
    return calc


def _calc_nps(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    pro, pas, det = (float(totals[k]) for k in ("promoters", "passives", "detractors"))
    n = pro + pas + det
    result = ratio_result("nps", pro - det, n, unit="score", proportion=False, empty_reason=N_("no answers"))
    if result.value is not None:
        result.margin_of_error = nps_margin_of_error(pro / n, det / n, n)
        result.details = result.details.with_(promoters_pct=100 * pro / n, passives_pct=100 * pas / n,
                                              detractors_pct=100 * det / n)
    return result


def _calc_trend(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    cur, prev = float(totals["current"]), float(totals["previous"])
    return MetricResult("satisfaction_trend", cur - prev, "%", numerator=cur, denominator=prev,
                        details={"unit_note": "percentage points"})


_SCALE = ParamSpec(name="scale", default="auto", label=N_("Score scale"), kind="choice", choices=SCALE_CHOICES, help=N_("“automatic”: the smallest usual scale that holds every answer"))
_KINDS = ("surveys", "tickets", "calls", "survey_buckets")
_QUESTION = ParamSpec(name="question", default=None, label=N_("Question (survey buckets)"), kind="text",
                      help=N_("pre-aggregated survey files with several questions (HCAHPS measures): the question "
                              "to read, as written in the question column (e.g. H_HSP_RATING); questions are never "
                              "pooled"))
_CSAT, _TOP_BOX = _csat_like("csat", False), _csat_like("overall_satisfaction", True)
_NO_CSAT = N_("no CSAT answers")
_csat_compute = terms_compute("csat", "%", 100.0, True, _CSAT, empty_reason=_NO_CSAT)
_top_compute = terms_compute("overall_satisfaction", "%", 100.0, True, _TOP_BOX, empty_reason=_NO_CSAT)
_mean_compute = terms_compute("csat_mean", "score", 1.0, True, _csat_mean_terms, empty_reason=_NO_CSAT)
_nps_compute = terms_compute("nps", "score", 100.0, True, _nps_terms, empty_reason=N_("no NPS answers"),
                             finish=_nps_finish)
_ces_compute = terms_compute("ces", "score", 1.0, True, _ces_terms, empty_reason=N_("no CES answers"),
                             finish=_ces_finish)
_fb_compute = terms_compute("feedback_response_rate", "%", 100.0, True, _feedback_terms,
                            empty_reason=N_("no feedback items"))
_csat_rows, _top_rows, _mean_rows = terms_rows(_CSAT, 100.0), terms_rows(_TOP_BOX, 100.0), terms_rows(_csat_mean_terms, 1.0)
_nps_rows, _ces_rows, _fb_rows = terms_rows(_nps_terms, 100.0), terms_rows(_ces_terms, 1.0), terms_rows(_feedback_terms, 100.0)

SPECS: tuple[MetricSpec, ...] = (
    MetricSpec(id="csat", label=N_("CSAT (% satisfied)"), family="customer_experience", unit="%", higher_is_better=True,
               kinds=_KINDS, required_fields=("csat_score",), source="S0 S1 S2 S3",
               description=N_("Satisfied answers (score at or above the threshold) divided by all answers, times 100."),
               compute=_csat_compute, row_terms=_csat_rows,
               calculator=_calc_ratio("csat", "positive", "responses"), calculator_inputs=("positive", "responses"),
               params=(_SCALE, ParamSpec(name="threshold", default=None, label=N_("Satisfied from score"), help=N_("default: the top two points of the scale")),
                       _QUESTION)),
    MetricSpec(id="csat_mean", label=N_("CSAT mean score"), family="customer_experience", unit="score", higher_is_better=True,
               kinds=_KINDS[:3], required_fields=("csat_score",), source="S0",
               description=N_("The mean of all satisfaction scores."),
               compute=_mean_compute, row_terms=_mean_rows,
               calculator=_calc_ratio("csat_mean", "score_sum", "responses", 1.0, "score"), calculator_inputs=("score_sum", "responses"),
               params=(_SCALE,)),
    MetricSpec(id="overall_satisfaction", label=N_("Very satisfied (top box)"), family="customer_experience", unit="%", higher_is_better=True,
               kinds=_KINDS, required_fields=("csat_score",), source="S3",
               description=N_("Answers with the top score of the scale (or at least a set score) divided by all answers, times 100."),
               compute=_top_compute, row_terms=_top_rows,
               calculator=_calc_ratio("overall_satisfaction", "top_box", "responses"), calculator_inputs=("top_box", "responses"),
               params=(_SCALE, ParamSpec(name="top_box_from", default=None, label=N_("Top box from score"), help=N_("default: the scale maximum")),
                       _QUESTION)),
    MetricSpec(id="satisfaction_trend", label=N_("Satisfaction improvement"), family="customer_experience", unit="%", higher_is_better=True, rate=False,
               kinds=_KINDS[:3], required_fields=("csat_score",), source="S3",
               description=N_("CSAT per period and its change from the previous period, in percentage points."),
               compute=_trend_compute,
               calculator=_calc_trend, calculator_inputs=("current", "previous"),
               period_aware=True,          # chosen dates: against the period before them, as every comparison
               params=(_SCALE, ParamSpec(name="threshold", default=None, label=N_("Satisfied from score")),
                      ParamSpec(name="period", default="month", label=N_("Period"), kind="choice", choices=PERIODS),
                      # chosen dates: what the view compares with (report_view.compute sets it from Compare)
                      ParamSpec(name="against", default="previous", label=N_("Compare with"), kind="choice",
                                choices=("previous", "last_year"), shown=False))),
    MetricSpec(id="nps", label=N_("Net Promoter Score"), family="customer_experience", unit="score", higher_is_better=True,
               kinds=_KINDS, required_fields=("nps_score",), source="S0 S1 S2 S3",
               description=N_("Percent promoters (9-10) minus percent detractors (0-6); passives (7-8) count in the base. Range -100 to 100."),
               compute=_nps_compute, row_terms=_nps_rows,
               calculator=_calc_nps, calculator_inputs=("promoters", "passives", "detractors"),
               params=(_QUESTION,)),
    MetricSpec(id="ces", label=N_("Customer Effort Score"), family="customer_experience", unit="score", higher_is_better=None,
               kinds=_KINDS[:3], required_fields=("ces_score",), source="S0 S1 S2 S4",
               description=N_("The sum of effort ratings divided by the number of answers; also the share of low-effort answers."),
               compute=_ces_compute, row_terms=_ces_rows,
               calculator=_calc_ratio("ces", "score_sum", "responses", 1.0, "score"), calculator_inputs=("score_sum", "responses"),
               params=(ParamSpec(name="scale", default="auto", label=N_("Score scale"), kind="choice", choices=("auto", "1-5", "1-7", "1-10")),
                      ParamSpec(name="direction", default="effort", label=N_("Question asks about"), kind="choice", choices=("effort", "ease"),
                          help=N_("effort: lower is better; ease/agree: higher is better")))),
    MetricSpec(id="feedback_response_rate", label=N_("Feedback response rate"), family="customer_experience", unit="%", higher_is_better=True,
               kinds=("surveys",), required_fields=(), source="S0",
               description=N_("Feedback items answered divided by all feedback items, times 100."),
               compute=_fb_compute, row_terms=_fb_rows,
               calculator=_calc_ratio("feedback_response_rate", "answered", "feedback"), calculator_inputs=("answered", "feedback"),
               params=(ParamSpec(name="only_with_comment", default=False, label=N_("Only items with a comment"), kind="bool"),)),
    MetricSpec(id="brand_attributes", label=N_("Brand attributes"), family="customer_experience", unit="count", higher_is_better=None,
               kinds=("surveys",), required_fields=("comment",), source="S3",
               description=N_("The most frequent words and two-word phrases in free-text answers, stop-words removed, with the share of answers mentioning each."),
               compute=brand_attributes_compute,
               params=(ParamSpec(name="top", default=20, label=N_("Words to show"), kind="int", minimum=1, maximum=200),
                      ParamSpec(name="min_length", default=3, label=N_("Shortest word"), kind="int", minimum=1, maximum=20))),
)
