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

from dataclasses import dataclass, field

from .i18n import N_

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
    F("csat_score", "score", "CSAT score", description="satisfaction rating (1-5, 1-7, 1-10, 0-10, or Good/Bad)"),
    F("nps_score", "score", "NPS score (0-10)", description="likelihood to recommend, 0-10"),
    F("ces_score", "score", "CES score", description="customer effort rating (1-7 or 1-10)"),
)

KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "tickets", N_("Tickets"), "one ticket (conversation, case, incident)",
        (
            F("ticket_id", "id", "Ticket ID", True),
            F("created_at", "datetime", "Created at", True),
            F("first_response_at", "datetime", "First response at"),
            F("first_response_s", "duration", "First response time"),
            F("resolved_at", "datetime", "Resolved at"),
            F("resolution_s", "duration", "Resolution time"),
            F("closed_at", "datetime", "Closed at"),
            F("status", "category", "Status", description="normalised to open / pending / solved / closed; the original is kept in status_original"),
            F("channel", "category", "Channel"),
            F("agent", "category", "Agent"),
            F("team", "category", "Team / group"),
            F("priority", "category", "Priority"),
            F("queue", "category", "Queue"),
            F("customer_id", "id", "Customer"),
            F("subject", "text", "Subject"),
            F("agent_replies", "count", "Agent replies"),
            F("interactions", "count", "Interactions"),
            F("reopens", "count", "Reopens"),
            F("type", "category", "Type / category"),
            F("tags", "text", "Tags"),
            F("is_complaint", "bool", "Complaint", description="flag or type marking a complaint"),
            F("escalated", "bool", "Escalated"),
            F("escalated_at", "datetime", "Escalated at"),
            F("fcr_flag", "bool", "Resolved on first contact"),
            F("sla_met", "bool", "SLA met", description="the export's own SLA verdict (e.g. made_sla)"),
            F("sla_first_response_s", "duration", "First-response target"),
            F("average_reply_s", "duration", "Average reply time", description="a per-ticket average reply time column"),
            F("handle_s", "duration", "Handling time"),
            *_SCORES,
        ),
        date_field="created_at", id_field="ticket_id",
        alternatives=(("first_response_at", "first_response_s"), ("resolved_at", "resolution_s")),
    ),
    KindSpec(
        "messages", N_("Messages"), "one message in a ticket",
        (
            F("ticket_id", "id", "Ticket ID", True),
            F("sent_at", "datetime", "Sent at", True),
            F("author_role", "category", "Author role", True, "customer or agent"),
            F("agent", "category", "Agent"),
            F("channel", "category", "Channel"),
        ),
        date_field="sent_at",
    ),
    KindSpec(
        "calls", N_("Calls"), "one phone call",
        (
            F("call_id", "id", "Call ID", True),
            F("started_at", "datetime", "Started at", True, "or a date column plus a time column"),
            F("date", "datetime", "Date (date part)"),
            F("time", "duration", "Time of day", description="time of day as seconds after midnight"),
            F("direction", "category", "Direction", description="inbound / outbound"),
            F("outcome", "category", "Outcome", description="answered / abandoned / missed / blocked / voicemail"),
            F("answered", "bool", "Answered (Y/N)"),
            F("answered_at", "datetime", "Answered at"),
            F("ended_at", "datetime", "Ended at"),
            F("wait_s", "duration", "Wait time"),
            F("talk_s", "duration", "Talk time"),
            F("hold_s", "duration", "Hold time"),
            F("wrap_s", "duration", "Wrap-up time"),
            F("duration_s", "duration", "Total duration"),
            F("agent", "category", "Agent"),
            F("queue", "category", "Queue"),
            F("topic", "category", "Topic"),
            F("caller_id", "id", "Caller"),
            F("resolved", "bool", "Resolved"),
            F("channel", "category", "Channel"),
            *_SCORES,
        ),
        date_field="started_at", id_field="call_id",
    ),
    KindSpec(
        "surveys", N_("Survey answers"), "one survey response",
        (
            F("response_id", "id", "Response ID"),
            F("submitted_at", "datetime", "Submitted at"),
            *_SCORES,
            F("comment", "text", "Comment"),
            F("customer_id", "id", "Customer"),
            F("agent", "category", "Agent"),
            F("channel", "category", "Channel"),
            F("segment", "category", "Segment / market"),
            F("responded_at", "datetime", "Feedback answered at"),
            F("feedback_answered", "bool", "Feedback answered"),
        ),
        date_field="submitted_at", id_field="response_id",
    ),
    KindSpec(
        "customers", N_("Customers"), "one customer",
        (
            F("customer_id", "id", "Customer ID", True),
            F("joined_at", "datetime", "Joined at"),
            F("churned_at", "datetime", "Churned at"),
            F("churned", "bool", "Churned (Yes/No)"),
            F("tenure_months", "number", "Tenure (months)"),
            F("revenue_per_period", "number", "Revenue per month"),
            F("total_revenue", "number", "Total revenue"),
            F("referral_source", "category", "Referral source"),
            F("loyalty_member", "bool", "Loyalty programme member"),
            F("training_participant", "bool", "Training participant"),
            F("segment", "category", "Segment / plan"),
            F("engagement_inputs", "number", "Engagement inputs", multiple=True),
        ),
        date_field="joined_at", id_field="customer_id",
    ),
    KindSpec(
        "orders", N_("Orders"), "one order (or order line)",
        (
            F("customer_id", "id", "Customer ID", True),
            F("order_date", "datetime", "Order date", True),
            F("amount", "number", "Amount", True, "order value; quantity x unit price when only those are given"),
            F("quantity", "number", "Quantity"),
            F("unit_price", "number", "Unit price"),
            F("gross_margin", "number", "Gross margin", description="fraction (0.3) or percent (30)"),
            F("order_id", "id", "Order ID"),
            F("channel", "category", "Channel"),
            F("country", "category", "Country"),
        ),
        date_field="order_date", id_field="order_id",
    ),
    KindSpec(
        "reviews", N_("Quality reviews"), "one quality review of an agent's conversation",
        (
            F("review_id", "id", "Review ID"),
            F("agent", "category", "Agent"),
            F("reviewed_at", "datetime", "Reviewed at"),
            F("criteria", "number", "Quality criteria", True, "one numeric column per criterion", multiple=True),
        ),
        date_field="reviewed_at", id_field="review_id",
    ),
    KindSpec(
        "social", N_("Social mentions"), "one social-media mention",
        (
            F("mention_id", "id", "Mention ID"),
            F("posted_at", "datetime", "Posted at", True),
            F("platform", "category", "Platform"),
            F("sentiment", "category", "Sentiment", description="positive / neutral / negative"),
            F("topic", "category", "Topic"),
            F("is_technical", "bool", "Technical question"),
            F("answerable_by_content", "bool", "Answerable by existing content"),
            F("mentions_competitor", "bool", "Mentions a competitor"),
            F("answered", "bool", "Answered"),
        ),
        date_field="posted_at", id_field="mention_id",
    ),
    KindSpec(
        "self_service", N_("Self-service sessions"), "one help-centre / bot session",
        (
            F("session_id", "id", "Session ID"),
            F("started_at", "datetime", "Started at", True),
            F("resolved_without_agent", "bool", "Resolved without an agent"),
            F("escalated", "bool", "Escalated to an agent"),
            F("channel", "category", "Channel"),
        ),
        date_field="started_at", id_field="session_id",
    ),
    KindSpec(
        "staff", N_("Staff"), "one agent",
        (
            F("agent", "category", "Agent", True),
            F("hired_at", "datetime", "Hired at"),
            F("left_at", "datetime", "Left at"),
            F("hours_worked", "number", "Hours worked"),
            F("team", "category", "Team"),
        ),
        date_field=None, id_field="agent",
    ),
    KindSpec(
        "cash", N_("Cash movements"), "one cash movement",
        (
            F("date", "datetime", "Date", True),
            F("amount", "number", "Amount (signed)"),
            F("inflow", "number", "Inflow"),
            F("outflow", "number", "Outflow"),
            F("category", "category", "Category"),
        ),
        date_field="date", alternatives=(("amount", "inflow", "outflow"),),
    ),
    KindSpec(
        "call_intervals", N_("Call intervals (ACD)"), "pre-aggregated calls of one interval",
        (
            F("period", "datetime", "Period / interval start"),
            F("queue", "category", "Queue"),
            F("agent", "category", "Agent"),
            F("offered", "count", "Offered", True),
            F("answered", "count", "Answered"),
            F("abandoned", "count", "Abandoned"),
            F("answered_within_threshold", "count", "Answered within threshold"),
            F("service_level_pct", "percent", "Service level %"),
            F("answer_rate_pct", "percent", "Answer rate %"),
            F("asa_s", "duration", "Average speed of answer"),
            F("aht_s", "duration", "Average handle time"),
            F("talk_avg_s", "duration", "Average talk time"),
            F("wait_avg_s", "duration", "Average wait time"),
            F("wait_total_s", "duration", "Total wait time"),
        ),
        date_field="period", aggregated=True,
    ),
    KindSpec(
        "survey_buckets", N_("Survey buckets"), "pre-aggregated survey answers of one period / group",
        (
            F("period", "datetime", "Period"),
            F("group", "category", "Group / measure"),
            F("region", "category", "Region / state"),
            F("bottom_box", "number", "Bottom box (detractors, 0-6)", True, "count or percentage"),
            F("middle_box", "number", "Middle box (passives, 7-8)"),
            F("top_box", "number", "Top box (promoters, 9-10)", True, "count or percentage"),
            F("responses", "count", "Responses"),
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


SCORE_FIELDS = ("csat_score", "nps_score", "ces_score")
"""Survey scores count wherever they appear (surveys, tickets, calls)."""
