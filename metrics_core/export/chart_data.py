"""What every chart writer (PowerPoint, Excel, PNG) shares: how a unit is drawn on an
axis, a sensible value-axis range, the colours, and thinning of crowded labels."""

from __future__ import annotations

import math
import re
from datetime import date
from dataclasses import dataclass

import pandas as pd

from ..formatting import format_day, format_day_month, format_month, month_names, percent_affixes, symbol_before
from ..i18n import N_, _, babel_locale, current_language
from ..metrics.model import WHOLE_UNITS
from ..report_view.words import BETTER, NEUTRAL as NEUTRAL_GREY, WORSE
from .model import ChartData
from .text_width import text_width

# The series colours of every chart (window, PNG, deck, workbook): Okabe-Ito, told apart with the
# common colour-vision deficiencies; its yellow (F0E442) left out, it does not read on white (hex, no '#').
PALETTE = ("0072B2", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9", "000000")
# Better / worse / neutral: the colour-blind-safe colours of metrics_core.report_view.words.
GOOD, BAD, NEUTRAL = BETTER, WORSE, NEUTRAL_GREY
# NPS: promoters, passives, detractors.
NPS_COLOURS = {"Promoters": "009E73", "Passives": "E69F00", "Detractors": "D55E00"}

# Heat maps: white for none, dark blue for the most (fraction of the largest value -> RGB).
HEAT_STOPS = ((0.0, (255, 255, 255)), (0.35, (198, 219, 239)), (0.7, (66, 146, 198)), (1.0, (8, 48, 107)))

TARGET = "C0392B"
TARGET_SERIES = N_("Target")

MAX_CATEGORY_LABELS = 14
# Date axes: the label format per period, (time unit, one period's length in it), label steps that read well
# (every 1, 2, 3, 4, 6 … months; every 1, 2 … weeks in days) and how wide a label is on a slide (inches, with its gap).
DATE_FORMATS = {"day": "d mmm", "week": "d mmm", "month": "mmm yyyy", "quarter": "mmm yyyy", "year": "yyyy"}
TIME_UNITS = {"day": ("days", 1), "week": ("days", 7), "month": ("months", 1), "quarter": ("months", 3),
              "year": ("years", 1)}
ROUND_STEPS = {"months": (1, 2, 3, 4, 6, 12, 24, 36, 60), "days": (1, 2, 7, 14, 28, 56, 91, 182, 364),
               "years": (1, 2, 5, 10, 20, 50)}
LABEL_WIDTHS = {"mmm yyyy": 0.8, "d mmm": 0.6, "d mmm yyyy": 0.95, "yyyy": 0.5}
AXIS_LABEL_PT = 11          # the size of a chart's axis labels on a slide
# What a chart's value axis and margins take of its width (inches): the rest is its categories' room.
AXIS_MARGINS_IN = 1.0
# The least space between two written period labels (points), each on one line: about one of their letters.
LABEL_GAP_PT = 6

#: Office's language tags for number and date formats: with one, LibreOffice and PowerPoint/Excel write
#: decimal marks and month names the language's way, whatever the viewer's own settings.
LOCALE_CODES = {"sl": "[$-424]", "ro": "[$-418]", "sv": "[$-41D]", "sr": "[$-281A]", "sr-Latn": "[$-241A]"}


def office_format(number_format: str) -> str:
    """``number_format`` tagged with the current language (``0.0`` -> ``[$-424]0.0`` in Slovenian).

    >>> office_format("mmm yyyy")
    'mmm yyyy'
    """
    return LOCALE_CODES.get(current_language(), "") + number_format


#: The Office date formats of chart axes and the CLDR skeletons that say how each language writes them.
_DATE_SKELETONS = {"d mmm": "MMMd", "d mmm yyyy": "yMMMd", "mmm yyyy": "yMMM", "yyyy": "y"}
_CLDR_TO_OFFICE = {"d": "d", "dd": "dd", "M": "m", "MM": "mm", "MMM": "mmm", "LLL": "mmm", "MMMM": "mmmm",
                   "LLLL": "mmmm", "y": "yyyy", "yyyy": "yyyy", "yy": "yy"}


def office_date_format(english: str) -> str:
    """An axis's date format (``d mmm``, ``mmm yyyy``, ``yyyy``) as the current language writes it, from
    CLDR's pattern and tagged with the language, so that PowerPoint, Excel and LibreOffice all write
    ``1. jun.``-style days and ``јун 2026.`` (sr) with the language's month names and periods.

    >>> office_date_format("mmm yyyy")
    'mmm yyyy'
    """
    if current_language() not in LOCALE_CODES or english not in _DATE_SKELETONS:
        return office_format(english)
    pattern = babel_locale().datetime_skeletons[_DATE_SKELETONS[english]].pattern
    parts = []
    for match in re.finditer(r"([A-Za-z])\1*|'[^']*'|[^A-Za-z']+", pattern):
        token = match.group(0)
        if token[0].isalpha():
            parts.append(_CLDR_TO_OFFICE.get(token, ""))
        elif token.strip("'"):
            parts.append('"' + token.strip("'").replace('"', "") + '"')
    return office_format("".join(parts))


def _percent_sign() -> str:
    """The percent sign as the deck's and the workbook's texts write it after a number (``"\xa0%"`` in English and
    Slovenian, ``"%"`` in Serbian: :func:`~metrics_core.formatting.percent_affixes`). From CLDR alone an English
    chart read "85%" on its axis and "87.4%" on its bars beside "84.7 %" on the same slide."""
    return f'"{percent_affixes()[1]}"'


@dataclass(frozen=True)
class AxisUnit:
    """How a KPI unit is drawn on a chart: values are multiplied by ``factor``."""

    factor: float
    label: str            # axis title ("minutes", "%", "")
    number_format: str    # Excel / PowerPoint number format of the drawn values
    whole: bool = False   # a count: ticked at whole numbers only (agents needed were ticked 0.2 … 1.0)


def axis_unit(unit: str, values: list[float | None] | None = None, currency: str = "€") -> AxisUnit:
    """The drawing unit for ``unit``; durations pick seconds, minutes, hours or days by size.

    >>> axis_unit("seconds", [600, 14400]).label
    'hours'
    >>> axis_unit("%").number_format
    '0.0"\\xa0%"'
    """
    if unit == "seconds":
        top = max((abs(v) for v in (values or []) if v is not None and not math.isnan(v)), default=0)
        if top < 120:
            return AxisUnit(1.0, N_("seconds"), "0")
        if top < 3 * 3600:
            return AxisUnit(1 / 60, N_("minutes"), "0.0")
        if top < 3 * 86400:
            return AxisUnit(1 / 3600, N_("hours"), "0.0")
        return AxisUnit(1 / 86400, N_("days"), "0.0")
    if unit == "%":
        return AxisUnit(1.0, "%", "0.0" + _percent_sign())
    if unit == "count":
        return AxisUnit(1.0, N_("count"), "#,##0", whole=True)
    if unit == "currency":
        shown = f'"{currency}"#,##0' if symbol_before(currency) else f'#,##0" {currency.strip()}"'
        return AxisUnit(1.0, currency, shown)
    if unit == "days":
        return AxisUnit(1.0, N_("days"), "0.0")
    return AxisUnit(1.0, {"per_day": N_("per day"), "erlang": N_("Erlang")}.get(unit, ""), "#,##0.0#")


def drawn_frame(chart: ChartData, currency: str = "€") -> tuple[pd.DataFrame, AxisUnit]:
    """The chart's frame in drawing units (durations in minutes/hours…), and that unit.

    A trend with a target gets a flat ``Target`` series (drawn dashed).
    """
    every = [v for name in chart.series_names for v in chart.values(name)]
    if chart.target is not None:
        every.append(float(chart.target))
    au = axis_unit(chart.unit, every, currency)
    frame = chart.frame.astype("float64") * au.factor
    if chart.kind == "line" and chart.target is not None and TARGET_SERIES not in frame.columns:
        frame[TARGET_SERIES] = float(chart.target) * au.factor
    return frame, au


def date_axis_labels(by: str, starts: list[date], width_in: float = 11.0) -> tuple[str, str, int]:
    """(label format, time unit, step in that unit) of a date axis over the periods starting at ``starts``
    (grain ``by``) on a chart ``width_in`` inches wide: as many labels as fit, at most 12, one every round step.

    Days and weeks are labelled by their day ("27 Apr", with the year when the axis crosses one), by month only
    when the first period starts a month: a month label sits on the first period's day of each month, so weeks
    from Monday 27 Apr read "Apr … Sep" for May to October, with October unnamed.

    >>> from datetime import timedelta
    >>> date_axis_labels("week", [date(2026, 4, 27) + timedelta(days=7 * i) for i in range(27)], 8.5)
    ('d mmm', 'days', 28)
    >>> date_axis_labels("day", [date(2024, 1, 1) + timedelta(days=i) for i in range(366)], 8.5)
    ('mmm yyyy', 'months', 2)
    >>> date_axis_labels("month", [date(2026, m, 1) for m in range(1, 13)])
    ('mmm yyyy', 'months', 1)
    """
    unit, per_period = TIME_UNITS[by]
    number_format = DATE_FORMATS[by]
    if unit == "days" and starts[0].year != starts[-1].year:
        number_format = "d mmm yyyy"
    fit = min(12, max(2, int((width_in - 1.0) / LABEL_WIDTHS[number_format])))
    needed = label_skip(len(starts), fit) * per_period
    if unit == "days" and needed > 14 and starts[0].day == 1:
        unit, needed, number_format = "months", math.ceil(needed / 30.4), "mmm yyyy"
    return number_format, unit, next((s for s in ROUND_STEPS[unit] if s >= needed), needed)


WRITTEN_PERIODS = 24        # a trend of more periods keeps its date axis (:func:`written_period_labels`)
#: How the deck's texts write a date axis's label (CLDR through babel: :mod:`metrics_core.formatting_dates`).
_WRITTEN_DATES = {"d mmm": format_day_month, "d mmm yyyy": format_day, "mmm yyyy": format_month,
                  "yyyy": lambda day: str(day.year)}           # (as formatting_dates.format_period names a year)


def written_period_labels(by: str, starts: list[date], width_in: float) -> list[str] | None:
    """A trend's period labels written as the deck's other dates are ("okt. 2026", sl, beside "31. okt. 2026"): the
    periods its date axis would label (:func:`date_axis_labels`: every one, or every few months from the first),
    the others left blank; None for more than :data:`WRITTEN_PERIODS` periods or when that axis would label other
    days than the periods' own (a long daily trend labelled at month starts): those keep their date axis. A date
    axis's month names are the viewing application's (LibreOffice wrote sl "okt 2026"); text categories are thinned
    here because LibreOffice ignores ``c:tickLblSkip`` on them, and over many of them it hides labels itself (of 180
    categories, one labelled in 14, it drew one label in three).

    >>> written_period_labels("month", [date(2026, m, 1) for m in (5, 6)], 8.5)
    ['May 2026', 'Jun 2026']
    >>> written_period_labels("month", [date(2026, m, 1) for m in range(1, 13)], 8.5)[:4]
    ['Jan 2026', '', 'Mar 2026', '']
    >>> written_period_labels("day", [date(2026, 1, 1) + pd.Timedelta(days=i) for i in range(366)], 8.5) is None
    True
    """
    if not starts or by not in TIME_UNITS or len(starts) > WRITTEN_PERIODS:
        return None
    number_format, unit, step = date_axis_labels(by, starts, width_in)
    own_unit, per_period = TIME_UNITS[by]
    if unit != own_unit or step % per_period:
        return None
    write = _WRITTEN_DATES[number_format]
    widest = max(text_width(write(day), AXIS_LABEL_PT, bold=False) for day in starts)
    per_category = (width_in - AXIS_MARGINS_IN) * 72 / len(starts)
    steps = [s for s in ROUND_STEPS[unit] if s >= step] or [step]
    # The first round step whose labels, each on one line, keep a gap between them (sl "11. okt." every second day
    # of 24 touched its neighbours, s20); measured, not LABEL_WIDTHS' guess, in the language's own words.
    step = next((s for s in steps if per_category * (s // per_period) >= widest + LABEL_GAP_PT), steps[-1])
    every = step // per_period
    return [write(day) if i % every == 0 else "" for i, day in enumerate(starts)]


def _nice_step(span: float) -> float:
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def value_axis_range(values: list[float | None], unit: str = "") -> tuple[float, float] | None:
    """A value-axis (minimum, maximum) that frames a trend line instead of starting at 0.

    The range is padded a little and rounded to a round step; it starts at 0 when
    the data are near 0 anyway, and stays within 0..100 for percentages.

    >>> value_axis_range([82.0, 85.5, 88.0], "%")
    (80.0, 90.0)
    >>> value_axis_range([2.0, 40.0], "count")
    (0.0, 50.0)
    >>> value_axis_range([2.0, 2.0, 2.0], "count")
    (1.0, 3.0)
    """
    clean = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not clean:
        return None
    lo, hi = min(clean), max(clean)
    span = hi - lo or (abs(hi) * 0.2 or 1.0)
    step = _nice_step(span * 1.3)
    if unit in WHOLE_UNITS:            # (2 agents every month: 1 to 3, not 1.9 to 2.1 ticked in hundredths)
        step = max(step, 1.0)
    low = math.floor((lo - span * 0.15) / step) * step
    high = math.ceil((hi + span * 0.15) / step) * step
    if lo >= 0 and (low < 0 or lo < span * 0.6):
        low = 0.0
    if unit == "%" and lo >= 0 and hi <= 100:
        low, high = max(low, 0.0), min(high, 100.0)
    if high <= low:
        high = low + step
    return float(low), float(high)


def axis_step(low: float, high: float) -> float:
    """A round distance between value-axis ticks (about five steps).

    >>> axis_step(75.0, 95.0)
    5.0
    """
    return float(_nice_step(high - low)) if high > low else 1.0


def axis_ticks(low: float, high: float, whole: bool = False) -> list[float]:
    """Round value-axis ticks from ``low`` to ``high``, both ends among them (3 to 8 steps, about 5); ``whole``:
    whole numbers only (a count).

    >>> axis_ticks(12.0, 24.0)
    [12.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0]
    >>> axis_ticks(80.0, 90.0)
    [80.0, 82.0, 84.0, 86.0, 88.0, 90.0]
    >>> axis_ticks(1.0, 3.0, whole=True)
    [1.0, 2.0, 3.0]
    """
    span = high - low
    if span <= 0:
        return [low]
    power = 10 ** math.floor(math.log10(span))
    steps = [m * power * 10 ** k for k in (-2, -1, 0) for m in (1, 2, 2.5, 5)]
    if whole:
        steps = [step for step in steps if step >= 1 and float(step).is_integer()]
    fitting = [(abs(span / step - 5), step) for step in steps
               if 3 <= round(span / step) <= 8 and abs(span / step - round(span / step)) < 1e-6]
    step = min(fitting)[1] if fitting else axis_step(low, high)
    if whole and not fitting:
        step = float(max(1, math.ceil(step)))
    return [round(low + i * step, 10) for i in range(int(round(span / step)) + 1)]


def tick_step(low: float, high: float, whole: bool = False) -> float:
    """The distance between the ticks of :func:`axis_ticks`: a value axis from ``low`` whose every tick is
    round (an abandonment axis from 14 % stepped by 2.5 read "16,5 %, 19 %, 21,5 %" on a slide).

    >>> tick_step(14.0, 24.0), tick_step(42.5, 57.5), tick_step(0.0, 1.0, whole=True)
    (2.0, 2.5, 1.0)
    """
    ticks = axis_ticks(low, high, whole)
    return ticks[1] - ticks[0] if len(ticks) > 1 else 1.0


def label_skip(count: int, limit: int = MAX_CATEGORY_LABELS) -> int:
    """Show every n-th category label so that at most ``limit`` are drawn.

    >>> label_skip(12), label_skip(365)
    (1, 27)
    """
    return max(1, math.ceil(count / limit))


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def slide_labels(labels: list[str], every: int = 1) -> list[str]:
    """Shorter category labels for a slide: months '2024-03' read 'Mar' ('mar.' in Slovenian), with the year
    on the first label and on every January; other labels are kept. When only every
    n-th label is shown (``every`` > 1) each month keeps its year.

    >>> slide_labels(["2023-12", "2024-01", "2024-02"])
    ['Dec 2023', 'Jan 2024', 'Feb']
    >>> slide_labels(["2023-12", "2024-01", "2024-02"], every=2)
    ['Dec 2023', 'Jan 2024', 'Feb 2024']
    >>> slide_labels(["Email", "2024-01"])
    ['Email', '2024-01']
    """
    matches = [_MONTH.match(str(label)) for label in labels]
    if not labels or not all(matches):
        return [str(label) for label in labels]
    out = []
    for i, m in enumerate(matches):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            out.append(m.group(0))
        elif i == 0 or month == 1 or every > 1:
            out.append(format_month(date(year, month, 1)))       # "jun. 2026", "јун 2026." as CLDR writes it
        else:
            out.append(month_names()[month - 1])
    return out


def tick_format(axis: AxisUnit, low: float | None, high: float | None) -> str:
    """The value-axis tick format: no decimals when every tick is a whole number, and as many as
    the step needs when it is a fraction (so that 67.2 and 67.4 never both read "67").

    >>> tick_format(axis_unit("seconds", [67.0]), 66.0, 68.0)
    '0.0'
    >>> tick_format(axis_unit("%"), 80.0, 90.0)
    '0"\\xa0%"'
    """
    if low is None or high is None:
        return axis.number_format
    step = float(tick_step(low, high, axis.whole))
    if not step.is_integer():
        decimals = len(f"{step:g}".partition(".")[2]) if "e" not in f"{step:g}" else 3
        body = "0." + "0" * decimals
        fmt = axis.number_format
        for whole in ("#,##0.0#", "0.0", "#,##0", "0"):
            if whole in fmt:
                return fmt.replace(whole, ("#,##" if whole.startswith("#") else "") + body, 1)
        return fmt
    if not float(low).is_integer():
        return axis.number_format
    return axis.number_format.replace("0.0", "0").replace("#,##0.0#", "#,##0")


def series_title(name: str) -> str:
    """A series' name as a legend or a table header shows it: the target line and the NPS parts in the
    current language, names that come from the data (channels, agents, KPI labels) as they are.

    >>> series_title("Target"), series_title("Email")
    ('Target', 'Email')
    """
    return _(name) if name == TARGET_SERIES or name in NPS_COLOURS else name


def series_colour(chart: ChartData, index: int, name: str) -> str:
    """The hex colour of series ``name`` (NPS parts keep their conventional colours)."""
    if name == TARGET_SERIES:
        return TARGET
    return NPS_COLOURS.get(name, PALETTE[index % len(PALETTE)])


#: How much of its part's colour a partial period's bar keeps (the rest white); it is outlined dashed in the
#: part's colour: the bars' counterpart of a trend's hollow point on a dashed step, in the window and every export.
PARTIAL_BAR_SHARE = 0.35
#: The colour of the legend's sample of a partial period's bar (a paler bar, dashed outline): no part's own.
PARTIAL_SAMPLE = "6B6B6B"


def paler(colour: str, share: float = PARTIAL_BAR_SHARE) -> str:
    """A colour (hex, no '#') mixed with white, ``share`` of it kept: a partial period's bar.

    >>> paler("009E73"), paler("000000", 0.5)
    ('A6DDCE', '808080')
    """
    rgb = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * share):02X}" for v in rgb)


def partial_rows(chart: ChartData) -> set[int]:
    """The positions of a chart's periods its data covers only in part (``chart.partial``): a trend's points,
    the stacked shares' bars; none for other charts."""
    return {i for i in chart.partial if 0 <= i < len(chart.categories)} if chart.kind in ("line", "stacked") \
        else set()


def heat_colour(fraction: float) -> str:
    """The heat-map colour (hex, no '#') of a value at ``fraction`` of the largest one.

    >>> heat_colour(0.0), heat_colour(1.0), heat_colour(0.35)
    ('FFFFFF', '08306B', 'C6DBEF')
    """
    fraction = min(1.0, max(0.0, fraction))
    for (low, low_rgb), (high, high_rgb) in zip(HEAT_STOPS, HEAT_STOPS[1:]):
        if fraction <= high:
            share = (fraction - low) / (high - low)
            return "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(low_rgb, high_rgb))
    return "%02X%02X%02X" % HEAT_STOPS[-1][1]


def busiest_cell(chart: ChartData) -> tuple[str, str, float] | None:
    """(row label, column label, value) of a heat map's largest cell, or None when it is all zero."""
    values = chart.frame.to_numpy(dtype=float)
    if not values.size or not (values > 0).any():
        return None
    row, col = divmod(int(values.argmax()), values.shape[1])
    return str(chart.frame.index[row]), str(chart.frame.columns[col]), float(values[row, col])
