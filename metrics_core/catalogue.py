"""Data kinds and their canonical fields (``../shared/spec/METRICS.md``).

Imported columns are mapped onto these field names. Each field has a value
type that says how the canonical frame stores it:

``id``        text, kept exactly (leading zeros, 18-digit IDs)
``datetime``  ``datetime64`` (naive, local time of the export)
``duration``  float seconds
``number``    float
``count``     float (whole numbers; float so that missing values stay NaN)
``score``     float survey score on the scale of the file
``percent``   float on 0..100
``bool``      pandas ``boolean`` (True / False / <NA>)
``category``  text with few distinct values (channel, agent, status …)
``text``      free text

The registry is a literal table (no import side effects), as STYLE.md asks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .i18n import N_, Message, TextList, _

VALUE_TYPES = ("id", "datetime", "duration", "number", "count", "score", "percent", "bool", "category", "text")


@dataclass(frozen=True)
class FieldSpec:
    """One canonical field of a data kind."""

    name: str
    value_type: str
    label: str
    required: bool = False
    description: str = ""
    multiple: bool = False  # True: several source columns may map to it (QA criteria, engagement inputs)


@dataclass(frozen=True)
class KindSpec:
    """A data kind: what one row is, its fields, and the field that dates a row."""

    name: str
    label: str
    row_is: str
    fields: tuple[FieldSpec, ...]
    date_field: str | None
    id_field: str | None = None
    aggregated: bool = False
    alternatives: tuple[tuple[str, ...], ...] = field(default=())  # groups where one of the fields is enough

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def required_fields(self) -> list[str]:
        return [f.name for f in self.fields if f.required]


def F(name: str, value_type: str, label: str, required: bool = False, description: str = "", multiple: bool = False) -> FieldSpec:
    """Short constructor used by the table below."""
    assert value_type in VALUE_TYPES, value_type
    return FieldSpec(name, value_type, label, required, description, multiple)


_SCORES = (
    F("csat_score", "score", N_("CSAT score"), description=N_("satisfaction rating (1-5, 1-7, 1-10, 0-10, or Good/Bad)")),
    F("nps_score", "score", N_("NPS score (0-10)"), description=N_("likelihood to recommend, 0-10")),
    F("ces_score", "score", N_("CES score"), description=N_("customer effort rating (1-7 or 1-10)")),
)

KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "tickets", N_("Tickets"), "one ticket (conversation, case, incident)",
        (
            F("ticket_id", "id", N_("Ticket ID"), True),
            F("created_at", "datetime", N_("Created at"), True),
            F("first_response_at", "datetime", N_("First response at")),
            F("first_response_s", "duration", N_("First response time")),
            F("resolved_at", "datetime", N_("Resolved at")),
            F("resolution_s", "duration", N_("Resolution time")),
            F("closed_at", "datetime", N_("Closed at")),
            F("status", "category", N_("Status"), description=N_("normalised to open / pending / solved / closed; the original is kept as “Status (as in the file)”")),
            F("channel", "category", N_("Channel")),
            F("agent", "category", N_("Agent")),
            F("team", "category", N_("Team / group")),
            F("priority", "category", N_("Priority")),
            F("queue", "category", N_("Queue")),
            F("customer_id", "id", N_("Customer")),
            F("subject", "text", N_("Subject")),
            F("agent_replies", "count", N_("Agent replies")),
            F("interactions", "count", N_("Interactions")),
            F("reopens", "count", N_("Reopens")),
            F("type", "category", N_("Type / category")),
            F("tags", "text", N_("Tags")),
            F("is_complaint", "bool", N_("Complaint"), description=N_("flag or type marking a complaint")),
            F("escalated", "bool", N_("Escalated")),
            F("escalated_at", "datetime", N_("Escalated at")),
            F("fcr_flag", "bool", N_("Resolved on first contact")),
            F("sla_met", "bool", N_("SLA met"), description=N_("the export's own SLA verdict (e.g. made_sla)")),
            F("sla_first_response_s", "duration", N_("First-response target")),
            F("average_reply_s", "duration", N_("Average reply time"), description=N_("a per-ticket average reply time column")),
            F("handle_s", "duration", N_("Handling time")),
            *_SCORES,
        ),
        date_field="created_at", id_field="ticket_id",
        alternatives=(("first_response_at", "first_response_s"), ("resolved_at", "resolution_s")),
    ),
    KindSpec(
        "messages", N_("Messages"), "one message in a ticket",
        (
            F("ticket_id", "id", N_("Ticket ID"), True),
            F("sent_at", "datetime", N_("Sent at"), True),
            F("author_role", "category", N_("Author role"), True, N_("customer or agent")),
            F("agent", "category", N_("Agent")),
            F("channel", "category", N_("Channel")),
        ),
        date_field="sent_at",
    ),
    KindSpec(
        "calls", N_("Calls"), "one phone call",
        (
            F("call_id", "id", N_("Call ID"), True),
            F("started_at", "datetime", N_("Started at"), True, N_("or a date column plus a time column")),
            F("date", "datetime", N_("Date (date part)")),
            F("time", "duration", N_("Time of day"), description=N_("time of day as seconds after midnight")),
            F("direction", "category", N_("Direction"), description=N_("inbound / outbound")),
            F("outcome", "category", N_("Outcome"), description=N_("answered / abandoned / missed / blocked / voicemail")),
            F("answered", "bool", N_("Answered (Y/N)")),
            F("answered_at", "datetime", N_("Answered at")),
            F("ended_at", "datetime", N_("Ended at")),
            F("wait_s", "duration", N_("Wait time")),
            F("talk_s", "duration", N_("Talk time")),
            F("hold_s", "duration", N_("Hold time")),
            F("wrap_s", "duration", N_("Wrap-up time")),
            F("duration_s", "duration", N_("Total duration")),
            F("agent", "category", N_("Agent")),
            F("queue", "category", N_("Queue")),
            F("topic", "category", N_("Topic")),
            F("caller_id", "id", N_("Caller")),
            F("resolved", "bool", N_("Resolved")),
            F("channel", "category", N_("Channel")),
            *_SCORES,
        ),
        date_field="started_at", id_field="call_id",
    ),
    KindSpec(
        "surveys", N_("Survey answers"), "one survey response",
        (
            F("response_id", "id", N_("Response ID")),
            F("submitted_at", "datetime", N_("Submitted at")),
            *_SCORES,
            F("comment", "text", N_("Comment")),
            F("customer_id", "id", N_("Customer")),
            F("agent", "category", N_("Agent")),
            F("channel", "category", N_("Channel")),
            F("segment", "category", N_("Segment / market")),
            F("responded_at", "datetime", N_("Feedback answered at")),
            F("feedback_answered", "bool", N_("Feedback answered")),
        ),
        date_field="submitted_at", id_field="response_id",
    ),
    KindSpec(
        "customers", N_("Customers"), "one customer",
        (
            F("customer_id", "id", N_("Customer ID"), True),
            F("joined_at", "datetime", N_("Joined at")),
            F("churned_at", "datetime", N_("Churned at")),
            F("churned", "bool", N_("Churned (Yes/No)")),
            F("tenure_months", "number", N_("Tenure (months)")),
            F("revenue_per_period", "number", N_("Revenue per month")),
            F("total_revenue", "number", N_("Total revenue")),
            F("referral_source", "category", N_("Referral source")),
            F("loyalty_member", "bool", N_("Loyalty programme member")),
            F("training_participant", "bool", N_("Training participant")),
            F("segment", "category", N_("Segment / plan")),
            F("engagement_inputs", "number", N_("Engagement inputs"), multiple=True),
        ),
        date_field="joined_at", id_field="customer_id",
    ),
    KindSpec(
        "orders", N_("Orders"), "one order (or order line)",
        (
            F("customer_id", "id", N_("Customer ID"), True),
            F("order_date", "datetime", N_("Order date"), True),
            F("amount", "number", N_("Amount"), True, N_("order value; quantity x unit price when only those are given")),
            F("quantity", "number", N_("Quantity")),
            F("unit_price", "number", N_("Unit price")),
            F("gross_margin", "number", N_("Gross margin"), description=N_("fraction (0.3) or percent (30)")),
            F("order_id", "id", N_("Order ID")),
            F("channel", "category", N_("Channel")),
            F("country", "category", N_("Country")),
        ),
        date_field="order_date", id_field="order_id",
    ),
    KindSpec(
        "reviews", N_("Quality reviews"), "one quality review of an agent's conversation",
        (
            F("review_id", "id", N_("Review ID")),
            F("agent", "category", N_("Agent")),
            F("reviewed_at", "datetime", N_("Reviewed at")),
            F("criteria", "number", N_("Quality criteria"), True, N_("one numeric column per criterion"), multiple=True),
        ),
        date_field="reviewed_at", id_field="review_id",
    ),
    KindSpec(
        "social", N_("Social mentions"), "one social-media mention",
        (
            F("mention_id", "id", N_("Mention ID")),
            F("posted_at", "datetime", N_("Posted at"), True),
            F("platform", "category", N_("Platform")),
            F("sentiment", "category", N_("Sentiment"), description=N_("positive / neutral / negative")),
            F("topic", "category", N_("Topic")),
            F("is_technical", "bool", N_("Technical question")),
            F("answerable_by_content", "bool", N_("Answerable by existing content")),
            F("mentions_competitor", "bool", N_("Mentions a competitor")),
            F("answered", "bool", N_("Answered")),
        ),
        date_field="posted_at", id_field="mention_id",
    ),
    KindSpec(
        "self_service", N_("Self-service sessions"), "one help-centre / bot session",
        (
            F("session_id", "id", N_("Session ID")),
            F("started_at", "datetime", N_("Started at"), True),
            F("resolved_without_agent", "bool", N_("Resolved without an agent")),
            F("escalated", "bool", N_("Escalated to an agent")),
            F("channel", "category", N_("Channel")),
        ),
        date_field="started_at", id_field="session_id",
    ),
    KindSpec(
        "staff", N_("Staff"), "one agent",
        (
            F("agent", "category", N_("Agent"), True),
            F("hired_at", "datetime", N_("Hired at")),
            F("left_at", "datetime", N_("Left at")),
            F("hours_worked", "number", N_("Hours worked")),
            F("team", "category", N_("Team")),
        ),
        date_field=None, id_field="agent",
    ),
    KindSpec(
        "cash", N_("Cash movements"), "one cash movement",
        (
            F("date", "datetime", N_("Date"), True),
            F("amount", "number", N_("Amount (signed)")),
            F("inflow", "number", N_("Inflow")),
            F("outflow", "number", N_("Outflow")),
            F("category", "category", N_("Category")),
        ),
        date_field="date", alternatives=(("amount", "inflow", "outflow"),),
    ),
    KindSpec(
        "call_intervals", N_("Call intervals (ACD)"), "pre-aggregated calls of one interval",
        (
            F("period", "datetime", N_("Period / interval start")),
            F("queue", "category", N_("Queue")),
            F("agent", "category", N_("Agent")),
            F("offered", "count", N_("Offered"), True),
            F("answered", "count", N_("Answered")),
            F("abandoned", "count", N_("Abandoned")),
            F("answered_within_threshold", "count", N_("Answered within threshold")),
            F("service_level_pct", "percent", N_("Service level %")),
            F("answer_rate_pct", "percent", N_("Answer rate %")),
            F("asa_s", "duration", N_("Average speed of answer")),
            F("aht_s", "duration", N_("Average handle time")),
            F("talk_avg_s", "duration", N_("Average talk time")),
            F("wait_avg_s", "duration", N_("Average wait time")),
            F("wait_total_s", "duration", N_("Total wait time")),
        ),
        date_field="period", aggregated=True,
    ),
    KindSpec(
        "survey_buckets", N_("Survey buckets"), "pre-aggregated survey answers of one period / group",
        (
            F("period", "datetime", N_("Period")),
            F("group", "category", N_("Group / measure")),
            F("region", "category", N_("Region / state")),
            F("bottom_box", "number", N_("Bottom box (detractors, 0-6)"), True, N_("count or percentage")),
            F("middle_box", "number", N_("Middle box (passives, 7-8)")),
            F("top_box", "number", N_("Top box (promoters, 9-10)"), True, N_("count or percentage")),
            F("responses", "count", N_("Responses")),
        ),
        date_field="period", aggregated=True,
    ),
)

KINDS_BY_NAME: dict[str, KindSpec] = {k.name: k for k in KINDS}


def kind(name: str) -> KindSpec:
    """Return the :class:`KindSpec` called ``name``.

    >>> kind("tickets").date_field
    'created_at'
    """
    try:
        return KINDS_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown data kind {name!r}; known: {', '.join(KINDS_BY_NAME)}") from None


#: The values KPI Desk itself writes into canonical fields (statuses normalised on import, call outcomes …):
#: they stay English in the data (contract), and are shown by these labels in the owner's language.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": {"open": N_("open"), "pending": N_("pending"), "solved": N_("solved"), "closed": N_("closed")},
    "outcome": {"answered": N_("answered"), "abandoned": N_("abandoned"), "missed": N_("missed"),
                "blocked": N_("blocked"), "voicemail": N_("voicemail")},
    "direction": {"inbound": N_("inbound"), "outbound": N_("outbound")},
    "author_role": {"customer": N_("customer"), "agent": N_("agent")},
    "sentiment": {"positive": N_("positive"), "neutral": N_("neutral"), "negative": N_("negative")},
}


#: Each data kind as a sentence names it mid-sentence ("needs a file of {kinds}"), marked for translation: its own
#: msgid, so each language writes its case (and its form) there, not the label's first letter made small.
KIND_WORDS = {
    "tickets": N_("tickets"), "messages": N_("messages"), "calls": N_("calls"), "surveys": N_("survey answers"),
    "customers": N_("customers"), "orders": N_("orders"), "reviews": N_("quality reviews"),
    "social": N_("social mentions"), "self_service": N_("self-service sessions"), "staff": N_("staff"),
    "cash": N_("cash movements"), "call_intervals": N_("call intervals (ACD)"), "survey_buckets": N_("survey buckets"),
}


def kind_label(name: str) -> str:
    """A data kind as a label names it (a list's entry, "{kind}: 120 rows", a column of the sources table), in the
    current language (``tickets`` -> ``Zahtevki`` in Slovenian). Inside a sentence: :func:`kinds_text`.

    >>> kind_label("tickets"), kind_label("no_such_kind")
    ('Tickets', 'No such kind')
    """
    spec = KINDS_BY_NAME.get(name)
    return _(spec.label) if spec is not None else name.replace("_", " ").capitalize()


def kinds_text(kinds: str | tuple[str, ...] | list[str], conjunction: str = "or") -> TextList:
    """Data kinds as a sentence names them mid-sentence, joined as the language joins them, rendered when shown
    (a reason keeps its words after a switch of language): ``tickets or calls``, sl ``zahtevki ali klici``. The one
    way reasons, the window, the command line and the exports name kinds inside a sentence; labels are
    :func:`kind_label`'s.

    >>> str(kinds_text(("tickets", "calls", "call_intervals"))), str(kinds_text("staff", "and"))
    ('tickets, calls, or call intervals (ACD)', 'staff')
    """
    names = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    return TextList(tuple(Message(KIND_WORDS[k]) if k in KIND_WORDS else k.replace("_", " ") for k in names),
                    conjunction)


@functools.lru_cache(maxsize=512)
def find_field(name: str, kind: str | None = None) -> FieldSpec | None:
    """The canonical field ``name``, looked up in ``kind`` first (names repeat across kinds), else in every kind
    in order; None for a column of the file's own."""
    for spec in sorted(KINDS, key=lambda spec: spec.name != kind):
        for f in spec.fields:
            if f.name == name:
                return f
    return None


#: Columns well-known exports hold beside the fields KPI Desk maps (Shopify, Typeform, review sheets), offered
#: as filters and breakdowns: named in the owner's language, keyed by the header without case or underscores.
EXPORT_COLUMNS = {"financial status": N_("Financial status"), "fulfillment status": N_("Fulfillment status"),
                  "response type": N_("Response type"), "reviewer": N_("Reviewer")}


def field_label(name: str, kind: str | None = None) -> str:
    """A canonical field as the import dialog names it, in the current language (``csat_score`` -> ``CSAT score``),
    from ``kind`` first (cash flow's ``date`` is "Date", not the calls' "Date (date part)"); for a column of the
    file's own, the label of the field or well-known export column its header names (``Tags``), else the header.
    The window, the reports and the KPI texts all name a field with this one.

    >>> field_label("csat_score"), field_label("date", "cash"), field_label("Financial_Status"), field_label("col 7")
    ('CSAT score', 'Date', 'Financial status', 'col 7')
    """
    from .i18n import _

    plain = name.replace("_", " ")
    f = find_field(name, kind) or find_field(plain.casefold().replace(" ", "_"), kind)
    if f is not None:
        return _(f.label)
    known = EXPORT_COLUMNS.get(plain.casefold())
    return _(known) if known else plain


def field_noun(name: str, kind: str | None = None) -> str:
    """A field's label inside a sentence: ``agent``, ``CSAT score`` (acronyms keep their capitals).

    >>> field_noun("agent"), field_noun("csat_score")
    ('agent', 'CSAT score')
    """
    label = field_label(name, kind)
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


def value_label(field_name: str, value: object) -> str:
    """A canonical field's value as a person reads it (``closed`` -> ``Zaprt`` in Slovenian); a category's value
    written all in lower case in the file starts with a capital (``web`` -> ``Web``, beside another file's
    ``Web form``); other values as they are. Only what is shown changes: filters and data keep the value.

    >>> value_label("status", "closed"), value_label("channel", "web"), value_label("agent", "Maja Novak")
    ('Closed', 'Web', 'Maja Novak')
    >>> value_label("channel", "info@shop.si"), value_label("ticket_id", "t-0042"), value_label("channel", "iPhone")
    ('info@shop.si', 't-0042', 'iPhone')
    """
    from .i18n import _

    text = VALUE_LABELS.get(field_name, {}).get(value) if isinstance(value, str) else None
    shown = _(text) if text else str(value)
    return _capitalised(shown) if field_name in CATEGORY_FIELDS else shown


def _capitalised(text: str) -> str:
    """``text`` with a capital first letter when it is all lower case and reads as words (not an address, a
    file name or a code with dots, slashes or an @)."""
    if text[:1].islower() and text == text.lower() and not any(c in text for c in "@./\\:"):
        return text[:1].upper() + text[1:]
    return text


CATEGORY_FIELDS = frozenset(f.name for k in KINDS for f in k.fields if f.value_type == "category")
"""Fields whose values group and filter rows (channel, status, team …): shown as :func:`value_label` writes them."""

SCORE_FIELDS = ("csat_score", "nps_score", "ces_score")
"""Survey scores count wherever they appear (surveys, tickets, calls)."""
