"""Known export layouts (EXPORT_FORMATS.md): header signatures and their field maps.

A preset is chosen when enough of its signature headers are present (compared
folded, units and time zones stripped, as :mod:`.synonyms` does). It maps with
high confidence and brings value maps (status codes, rating labels) and units.
Header-less phone logs (Asterisk ``Master.csv``, 3CX ``cdr.log``) are recognised
by their content and mapped by position.

>>> match_preset(["Id", "Created at", "Solved at", "Replies", "Reopens", "Via", "Assignee"]).preset.name
'zendesk'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import pandas as pd

from ..i18n import N_, Message, _
from .status import FRESHDESK_STATUS, LIVEAGENT_STATUS, fold_value
from ..ingest.header_analysis import analyse_header

PRESET_CONFIDENCE = 0.97


@dataclass(frozen=True)
class Preset:
    """One export layout."""

    name: str
    label: str
    kind: str
    signature: tuple[str, ...]                 # headers (as written in the export)
    min_hits: int
    fields: dict[str, tuple[str, ...]]         # field -> header alternatives, first present wins
    units: dict[str, str] = field(default_factory=dict)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    collapse_by: str | None = None             # "order_id": one row per line item, collapse to orders
    first_column: tuple[str, ...] = ()         # the first header must be one of these (Google Forms)

    @property
    def translated_label(self) -> str:
        """The export as a report names it, in the current language ("Shopify (naročila)"; a product's name as it is)."""
        return _(self.label)


def _p(name, label, kind, signature, min_hits, fields, **kw) -> Preset:
    sig = tuple(s.strip() for s in signature.split("|"))
    flds = {k: tuple(v.split("|")) for k, v in fields.items()}
    return Preset(name, label, kind, sig, min_hits, flds, **kw)


_GOOD_BAD = {"Good": "5", "Bad": "1", "Offered": "", "Not Offered": "", "Unoffered": ""}
_GREAT_OKAY = {"Great": "5", "Okay": "3", "Not Good": "1"}
_ZOHO_RATING = {"Good": "5", "Okay": "3", "Bad": "1"}

PRESETS: tuple[Preset, ...] = (
    _p("zendesk", "Zendesk", "tickets",
       "Summation column|Id|Requester|Requester id|Assignee|Group|Subject|Tags|Status|Priority|Via|Ticket type|"
       "Created at|Updated at|Solved at|Satisfaction Score|Group stations|Assignee stations|Reopens|Replies|"
       "First reply time in minutes|Full resolution time in minutes|Agent wait time in minutes", 6,
       {"ticket_id": "Id", "created_at": "Created at", "resolved_at": "Solved at",
        "first_response_s": "First reply time in minutes", "resolution_s": "Full resolution time in minutes",
        "agent_replies": "Replies", "reopens": "Reopens", "csat_score": "Satisfaction Score", "channel": "Via",
        "agent": "Assignee", "team": "Group", "priority": "Priority", "status": "Status", "subject": "Subject",
        "tags": "Tags", "type": "Ticket type", "customer_id": "Requester id|Requester email|Requester"},
       units={"first_response_s": "min", "resolution_s": "min"},
       value_maps={"csat_score": _GOOD_BAD}),
    _p("freshdesk", "Freshdesk", "tickets",
       "Ticket ID|Subject|Description|Status|Priority|Source|Type|Agent|Group|Created time|Due by Time|"
       "Resolved time|Closed time|Last update time|Initial response time|Time tracked|First response time (in hrs)|"
       "Resolution time (in hrs)|Agent interactions|Customer interactions|Resolution status|First response status|"
       "Tags|Survey results|Full name|Email|Contact ID|Company Name", 7,
       {"ticket_id": "Ticket ID", "created_at": "Created time", "resolved_at": "Resolved time",
        "closed_at": "Closed time", "first_response_at": "Initial response time",
        "first_response_s": "First response time (in hrs)", "resolution_s": "Resolution time (in hrs)",
        "agent_replies": "Agent interactions", "sla_met": "Resolution status", "status": "Status",
        "priority": "Priority", "channel": "Source", "type": "Type", "agent": "Agent", "team": "Group",
        "tags": "Tags", "customer_id": "Email|Contact ID", "handle_s": "Time tracked", "subject": "Subject"},
       units={"first_response_s": "h", "resolution_s": "h"},
       value_maps={"status": FRESHDESK_STATUS, "sla_met": {"Within SLA": "true", "SLA Violated": "false"},
                   "priority": {"1": "Low", "2": "Medium", "3": "High", "4": "Urgent"},
                   "channel": {"1": "Email", "2": "Portal", "3": "Phone", "7": "Chat", "9": "Feedback Widget",
                               "10": "Outbound Email"},
                   "agent": {"No Agent": ""}, "team": {"No Group": ""}}),
    _p("helpscout", "Help Scout", "tickets",
       "Conversation ID|Number|Type|Mailbox|Subject|Status|Thread Count|Customer Name|Customer Email|"
       "Created At|Modified At|Closed At|Assigned To|Tags|Happiness Rating|Rating", 6,
       {"ticket_id": "Number|Conversation ID", "status": "Status", "channel": "Type", "team": "Mailbox",
        "interactions": "Thread Count", "customer_id": "Customer Email|Customer Name", "created_at": "Created At",
        "closed_at": "Closed At", "agent": "Assigned To", "tags": "Tags", "subject": "Subject",
        "csat_score": "Happiness Rating|Rating"},
       value_maps={"csat_score": _GREAT_OKAY}),
    _p("zoho", "Zoho Desk", "tickets",
       "Ticket Id|Request Id|Subject|Status (Ticket)|Priority (Ticket)|Ticket Owner|Agent Name|Agent Tier|"
       "Created Time|Ticket Closed Time|Channel|Category|Sub Category|Classifications|"
       "First Response Time in Business Hours|Resolution Time in Business Hours|Is First Call Resolution|"
       "Number of Reopen|Number of Reassign|Is Escalated|Total Time Spent|Ticket On Hold Time|Happiness Rating|"
       "SLA Violation Type|Sentiment", 6,
       {"ticket_id": "Ticket Id|Request Id", "status": "Status (Ticket)", "priority": "Priority (Ticket)",
        "agent": "Agent Name|Ticket Owner", "created_at": "Created Time", "closed_at": "Ticket Closed Time",
        "channel": "Channel", "type": "Category", "first_response_s": "First Response Time in Business Hours",
        "resolution_s": "Resolution Time in Business Hours", "fcr_flag": "Is First Call Resolution",
        "reopens": "Number of Reopen", "escalated": "Is Escalated", "handle_s": "Total Time Spent",
        "csat_score": "Happiness Rating", "sla_met": "SLA Violation Type", "subject": "Subject"},
       units={"first_response_s": "ms", "resolution_s": "ms", "handle_s": "ms"},
       value_maps={"csat_score": _ZOHO_RATING, "sla_met": {"Not Violated": "true", "Violated": "false",
                                                           "Response Violated": "false",
                                                           "Resolution Violated": "false"}}),
    _p("hubspot", "HubSpot", "tickets",
       "Ticket ID|Ticket name|Ticket description|Pipeline|Ticket status|Priority|Source|Ticket owner|HubSpot team|"
       "Create date|Close date|Last Closed Date|Ticket reopen date|First agent response date|Time to close|"
       "Time to first agent email reply|Category|Ticket Tags|Last CES survey rating|Conversation NPS score", 6,
       {"ticket_id": "Ticket ID", "subject": "Ticket name", "status": "Ticket status", "priority": "Priority",
        "channel": "Source", "agent": "Ticket owner", "team": "HubSpot team", "created_at": "Create date",
        "closed_at": "Close date", "first_response_at": "First agent response date",
        "resolution_s": "Time to close", "first_response_s": "Time to first agent email reply",
        "type": "Category", "tags": "Ticket Tags", "ces_score": "Last CES survey rating",
        "nps_score": "Conversation NPS score"},
       units={"resolution_s": "ms", "first_response_s": "ms"}),
    _p("intercom", "Intercom", "tickets",
       "Conversation ID|Conversation started at|Conversation created at|Conversation first replied at|"
       "Conversation first closed at|Conversation last closed at|Conversation updated at|First assignment at|"
       "Started by|Channel|Conversation source|Current conversation state|Conversation tag|Topics|"
       "Team currently assigned|Teammate currently assigned|Last teammate rating|First response time (seconds)|"
       "Handling time (seconds)|Time to close (seconds)|Number of reassignments|Replies to close a conversation|"
       "Resolved on first contact|Company name|User email", 6,
       {"ticket_id": "Conversation ID", "created_at": "Conversation created at|Conversation started at",
        "first_response_at": "Conversation first replied at", "resolved_at": "Conversation last closed at",
        "first_response_s": "First response time (seconds)", "resolution_s": "Time to close (seconds)",
        "handle_s": "Handling time (seconds)", "status": "Current conversation state", "channel": "Channel",
        "agent": "Teammate currently assigned", "team": "Team currently assigned", "tags": "Conversation tag",
        "type": "Topics", "csat_score": "Last teammate rating", "fcr_flag": "Resolved on first contact",
        "agent_replies": "Replies to close a conversation", "customer_id": "User email"},
       units={"first_response_s": "s", "resolution_s": "s", "handle_s": "s"}),
    _p("intercom_csat", "Intercom CSAT", "surveys",
       "Conversation ID|Updated at|Conversation rating|Conversation rating remark|Agent rated type", 3,
       {"response_id": "Conversation ID", "submitted_at": "Updated at", "csat_score": "Conversation rating",
        "comment": "Conversation rating remark"}),
    _p("jira", "Jira Service Management", "tickets",
       "Summary|Issue key|Issue id|Issue Type|Status|Project key|Project name|Project type|Priority|Resolution|"
       "Assignee|Reporter|Creator|Created|Updated|Last Viewed|Resolved|Due date|Status Category|"
       "Satisfaction rating|Status Category Changed", 7,
       {"ticket_id": "Issue key|Issue id", "subject": "Summary", "type": "Issue Type", "status": "Status",
        "priority": "Priority", "agent": "Assignee", "customer_id": "Reporter", "created_at": "Created",
        "resolved_at": "Resolved", "csat_score": "Satisfaction rating"}),
    _p("aircall", "Aircall", "calls",
       "Call ID|Call ID (UUID)|Call ID (internal)|Call direction - Type|Call direction|Call type|Answered|"
       "Unanswered Call Reason|Waiting time|In-call duration|Total duration|Tags|Teams|User|Started at", 4,
       {"call_id": "Call ID (UUID)|Call ID|Call ID (internal)", "direction": "Call direction",
        "outcome": "Call type", "answered": "Answered", "wait_s": "Waiting time", "talk_s": "In-call duration",
        "duration_s": "Total duration", "agent": "User", "queue": "Teams", "started_at": "Started at"}),
    _p("twilio", "Twilio", "calls",
       "Call Sid|Sid|Start Time|End Time|Date Created|Date Updated|Account Sid|To|From|Phone Number|Status|"
       "Duration|Price|Direction|Answered By|Parent Call Sid|Forwarded From|Queue Time", 6,
       {"call_id": "Call Sid|Sid", "started_at": "Start Time|Date Created", "ended_at": "End Time",
        "outcome": "Status", "duration_s": "Duration", "direction": "Direction", "caller_id": "From",
        "wait_s": "Queue Time"},
       units={"duration_s": "s", "wait_s": "s"},
       value_maps={"outcome": {"completed": "answered", "in-progress": "answered", "busy": "blocked",
                               "failed": "blocked", "no-answer": "missed", "canceled": "abandoned",
                               "queued": "", "ringing": ""}}),
    _p("surveymonkey", "SurveyMonkey", "surveys",
       "Respondent ID|Collector ID|Start Date|End Date|IP Address|Email Address|First Name|Last Name|Custom Data 1", 4,
       {"response_id": "Respondent ID", "submitted_at": "End Date|Start Date", "customer_id": "Email Address"}),
    _p("qualtrics", "Qualtrics", "surveys",
       "StartDate|EndDate|Status|IPAddress|Progress|Duration (in seconds)|Finished|RecordedDate|ResponseId|"
       "RecipientLastName|RecipientFirstName|RecipientEmail|ExternalReference|LocationLatitude|LocationLongitude|"
       "DistributionChannel|UserLanguage", 6,
       {"response_id": "ResponseId", "submitted_at": "RecordedDate|EndDate", "customer_id": "RecipientEmail",
        "channel": "DistributionChannel"}),
    _p("typeform", "Typeform", "surveys",
       "#|Response Type|Start Date (UTC)|Stage Date (UTC)|Submit Date (UTC)|Network ID|Tags", 3,
       {"response_id": "#", "submitted_at": "Submit Date (UTC)|Start Date (UTC)"}),
    _p("google_forms", "Google Forms", "surveys",
       "Timestamp|Marca temporal|Email Address|Dirección de correo electrónico|Časovni žig|Marcaj de timp|"
       "Tidstämpel|Vremenska oznaka", 1,
       {"submitted_at": "Timestamp|Marca temporal|Časovni žig|Marcaj de timp|Tidstämpel|Vremenska oznaka",
        "customer_id": "Email Address|Dirección de correo electrónico"},
       first_column=("Timestamp", "Marca temporal", "Časovni žig", "Marcaj de timp", "Tidstämpel",
                     "Vremenska oznaka")),
    _p("shopify", N_("Shopify orders"), "orders",
       "Name|Email|Financial Status|Paid at|Fulfillment Status|Fulfilled at|Accepts Marketing|Currency|Subtotal|"
       "Shipping|Taxes|Total|Discount Code|Discount Amount|Shipping Method|Created at|Lineitem quantity|"
       "Lineitem name|Lineitem price|Lineitem sku|Billing Name|Billing Country|Shipping Name|Cancelled at|"
       "Payment Method|Refunded Amount|Vendor|Id|Risk Level|Source", 7,
       {"order_id": "Name", "customer_id": "Email", "order_date": "Created at|Paid at", "amount": "Total",
        "quantity": "Lineitem quantity", "unit_price": "Lineitem price", "country": "Billing Country",
        "channel": "Source"},
       collapse_by="order_id"),
    _p("shopify_customers", N_("Shopify customers"), "customers",
       "Customer ID|First Name|Last Name|Email|Accepts Email Marketing|Default Address Company|"
       "Default Address Country Code|Phone|Accepts SMS Marketing|Total Spent|Total Orders|Tags|Note|Tax Exempt", 6,
       {"customer_id": "Customer ID|Email", "total_revenue": "Total Spent"}),
    _p("woocommerce", N_("WooCommerce orders"), "orders",
       "Date|Order #|N. Revenue (formatted)|Status|Customer|Customer type|Product(s)|Items sold|Coupon(s)|"
       "Net Sales|Attribution", 5,
       {"order_date": "Date", "order_id": "Order #", "amount": "N. Revenue (formatted)|Net Sales",
        "customer_id": "Customer", "quantity": "Items sold", "channel": "Attribution"}),
    _p("woocommerce_customers", N_("WooCommerce customers"), "customers",
       "Name|Username|Last Active|Sign Up|Email|Orders|Total Spend|AOV|Country / Region|City|Region|Postal Code", 6,
       {"customer_id": "Email|Username", "joined_at": "Sign Up", "total_revenue": "Total Spend"}),
)
PRESETS_BY_NAME = {p.name: p for p in PRESETS}

# Header-less layouts by position (EXPORT_FORMATS.md §2.4, §2.5).
ASTERISK_ORDER = ("accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
                  "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield")
ASTERISK_FIELDS = {"caller_id": 1, "started_at": 9, "answered_at": 10, "ended_at": 11, "duration_s": 12,
                   "talk_s": 13, "outcome": 14, "queue": 3}
ASTERISK_DISPOSITIONS = {"ANSWERED": "answered", "NO ANSWER": "missed", "BUSY": "blocked", "FAILED": "blocked",
                         "CONGESTION": "blocked"}
TCX_ORDER = ("historyid", "callid", "duration", "time-start", "time-answered", "time-end", "reason-terminated",
             "from-no", "to-no", "from-dn", "to-dn", "dial-no", "reason-changed", "final-number", "final-dn")
TCX_FIELDS = {"call_id": 1, "talk_s": 2, "started_at": 3, "answered_at": 4, "ended_at": 5, "caller_id": 7}


@dataclass
class PresetMatch:
    """A preset found in a table: which of its fields are present, and why."""

    preset: Preset
    hits: int
    columns: dict[str, str]            # field -> column name
    evidence: dict[str, Message]

    @property
    def score(self) -> float:
        return self.hits / max(len(self.preset.signature), 1)


def _folded(header: str) -> str:
    return analyse_header(header).folded


def match_preset(headers: Sequence[str], names: Sequence[str] | None = None) -> PresetMatch | None:
    """The best preset whose signature headers are present in ``headers`` (or ``None``).

    ``names`` are the frame column names matching ``headers`` (defaults to ``headers``).
    """
    names = list(names or headers)
    folded = {}
    for header, name in zip(headers, names):
        folded.setdefault(_folded(header), name)
    best: PresetMatch | None = None
    for preset in PRESETS:
        if preset.first_column and (not headers or _folded(headers[0]) not in {_folded(h) for h in preset.first_column}):
            continue
        sig = {_folded(s) for s in preset.signature}
        hits = len(sig & set(folded))
        if hits < preset.min_hits:
            continue
        cols, evidence = {}, {}
        for fld, alternatives in preset.fields.items():
            for alt in alternatives:
                name = folded.get(_folded(alt))
                if name is not None and name not in cols.values():
                    cols[fld] = name
                    evidence[fld] = Message("header “{header}” ({preset} export)",
                                            {"header": headers[names.index(name)], "preset": Message(preset.label)})
                    break
        match = PresetMatch(preset, hits, cols, evidence)
        if best is None or (match.hits, match.score) > (best.hits, best.score):
            best = match
    return best


def _share_in(values: pd.Series, allowed: set[str]) -> float:
    vals = values.dropna().astype(str).str.strip().str.upper()
    return float(vals.isin(allowed).mean()) if len(vals) else 0.0


def match_headerless(raw: pd.DataFrame, names: Sequence[str], col_types: Sequence[str] | None = None
                     ) -> tuple[str, dict[str, str], dict[str, dict[str, str]]] | None:
    """Recognise an Asterisk ``Master.csv`` or 3CX ``cdr.log`` read without a header.

    Columns are mapped by position when the layout is the documented one, otherwise
    by content (``col_types``: the typed column types): the datetime columns in
    order are start / answer / end, the first duration column is the talk time.
    Returns ``(preset label, field -> column, value maps)`` or ``None``.
    """
    names = list(names)
    sample = raw.head(500)
    for idx, name in enumerate(names):
        col = sample[name]
        if _share_in(col, set(ASTERISK_DISPOSITIONS)) >= 0.8:
            if idx == ASTERISK_FIELDS["outcome"]:
                fields = {f: names[i] for f, i in ASTERISK_FIELDS.items() if i < len(names)}
                fields["call_id"] = names[16 if len(names) > 16 else 5]
            else:
                fields = {**_by_content(names, col_types), "outcome": name}
            return "Asterisk Master.csv", fields, {"outcome": dict(ASTERISK_DISPOSITIONS)}
        text = col.dropna().astype(str)
        if len(text) and text.str.contains("terminated", case=False, regex=False).mean() >= 0.8:
            if idx == 6 and len(names) >= 8:
                return "3CX CDR", {f: names[i] for f, i in TCX_FIELDS.items()}, {}
            return "3CX CDR", _by_content(names, col_types), {}
    return None


def _by_content(names: list[str], col_types: Sequence[str] | None) -> dict[str, str]:
    if not col_types:
        return {}
    stamps = [n for n, t in zip(names, col_types) if t == "datetime"]
    fields = dict(zip(("started_at", "answered_at", "ended_at") if len(stamps) >= 3 else ("started_at", "ended_at"),
                      stamps))
    durations = [n for n, t in zip(names, col_types) if t == "duration"]
    if durations:
        fields["talk_s"] = durations[0]
    return fields


def content_value_maps(field_name: str, values: pd.Series) -> tuple[dict[str, str], Message] | None:
    """Value maps that only the values reveal (LiveAgent status letters, Freshdesk status numbers)."""
    if field_name != "status":
        return None
    uniques = {str(v).strip() for v in pd.unique(values.dropna())}
    if uniques and uniques <= set(LIVEAGENT_STATUS) and any(len(u) == 1 for u in uniques):
        return dict(LIVEAGENT_STATUS), Message("values are LiveAgent status codes (R = resolved, L = closed …)")
    texts = {fold_value(u).replace(" 0", "") for u in uniques}
    if uniques and {t.split(".")[0] for t in texts} <= set(FRESHDESK_STATUS):
        return dict(FRESHDESK_STATUS), Message("values are Freshdesk status numbers (2 open, 3 pending, 4 resolved, 5 closed)")
    return None
