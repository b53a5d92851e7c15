"""Text files of the awkward-file corpus: European code pages, multi-row headers, tool exports.

Each builder returns ``(file name, bytes, expectation)``; ``make_corpus.py`` writes them. The
expectation format is described in ``make_corpus.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from typing import Any

Built = tuple[str, bytes, dict[str, Any]]


def csv_text(rows: list[list[Any]], delimiter: str = ",", crlf: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerows(rows)
    return buf.getvalue()


def cell(row: int, column: str | int, kind: str, value: Any = None) -> dict[str, Any]:
    """A key cell: 0-based data row, column name (or position), how to compare, expected value."""
    return {"row": row, "column": column, "kind": kind, "value": value}


def expect_table(fmt: str, encoding: list[str], delimiter: str | None, header_rows: list[list[int]],
                 first_data_row: int, rows: int, columns: list[Any], match: str = "exact", **extra: Any) -> dict[str, Any]:
    """How a correct reader reads a file (see ``make_corpus.py``)."""
    return {"format": fmt, "encoding": encoding, "delimiter": delimiter, "header_rows_any": header_rows,
            "first_data_row": first_data_row, "rows": rows, "columns": columns, "columns_match": match, **extra}


# --- European text files -------------------------------------------------------------------------

def slovenian_cp1250() -> Built:
    header = ["Številka zahtevka", "Ustvarjeno", "Prvi odziv (min)", "Rešeno", "Stanje", "Kanal", "Agent",
              "Ocena", "Znesek (€)"]
    agents = ["Matej Kovačič", "Nina Žagar", "Špela Černe", "Luka Horvat"]
    channels = ["E-pošta", "Telefon", "Klepet", "Spletni obrazec"]
    rows = [
        ["000101", "23.11.2026 14:05", "3", "23.11.2026 15:40", "Rešeno", "E-pošta", agents[0], "5", "1.234,50"],
        ["000102", "23.11.2026 14:17", "12,5", "24.11.2026 09:02", "Zaprto", "Klepet", agents[1], "4", "89,90"],
        ["000103", "22.11.2026 08:30", "47,25", "", "V čakanju", "Telefon", agents[2], "", "0,00"],
    ]
    for i in range(4, 25):
        day = 1 + (i * 7) % 21
        solved = i % 5 != 0
        rows.append([f"{100 + i:06d}", f"{day:02d}.11.2026 {8 + i % 9:02d}:{(i * 13) % 60:02d}",
                     f"{(i * 37) % 90},{(i * 25) % 100:02d}" if i % 3 else str(i),
                     f"{day + 1:02d}.11.2026 10:{i:02d}" if solved else "",
                     "Rešeno" if solved else "Odprto", channels[i % 4], agents[i % 4],
                     str(1 + i % 5) if i % 6 else "", f"{i * 3},{i % 10}0"])
    text = csv_text([header, *rows], delimiter=";")
    exp = expect_table("csv", ["cp1250"], ";", [[0]], 2, len(rows), header, decimal=",",
                 types={"Ustvarjeno": "datetime", "Rešeno": "datetime", "Prvi odziv (min)": "duration",
                        "Številka zahtevka": "id", "Ocena": "number", "Znesek (€)": "number"},
                 cells=[cell(0, "Ustvarjeno", "datetime", "2026-11-23T14:05:00"),
                        cell(1, "Prvi odziv (min)", "number", 750.0),
                        cell(2, "Prvi odziv (min)", "number", 2835.0),
                        cell(0, "Številka zahtevka", "text", "000101"),
                        cell(0, "Agent", "text", "Matej Kovačič"),
                        cell(2, "Stanje", "text", "V čakanju"),
                        cell(2, "Rešeno", "missing"),
                        cell(2, "Ocena", "missing"),
                        cell(0, "Znesek (€)", "number", 1234.5),
                        cell(1, "Znesek (€)", "number", 89.9)],
                 units={"Prvi odziv (min)": "min"}, dayfirst={"Ustvarjeno": True, "Rešeno": True},
                 notes="Slovenian helpdesk export: cp1250, ';', decimal comma, day-first dates; "
                       "'Prvi odziv (min)' row 2 = 12,5 min = 750 s.")
    return "sl_tickets_cp1250.csv", text.encode("cp1250"), exp


def swedish_cp1252() -> Built:
    header = ["Ärende-ID", "Skapad", "Löst", "Status", "Kanal", "Handläggare", "Ort", "Väntetid (min)",
              "Nöjdhet", "Kommentar"]
    towns = ["Malmö", "Västerås", "Göteborg", "Åre", "Örebro", "Skellefteå"]
    staff = ["Åsa Lindström", "Björn Ångström", "Märta Öberg"]
    notes = ["Tack så mycket för hjälpen", "Beställde crème brûlée-formar, fick fel storlek",
             "Bästa hälsningar från Västerås", "Leveransen kom för sent, två dagar försenad", ""]
    rows = [["SE-1001", "2026-11-03 09:15", "2026-11-03 11:02", "Löst", "E-post", staff[0], "Malmö", "3,5", "5",
             notes[0]],
            ["SE-1002", "2026-11-03 10:40", "", "Öppen", "Chatt", staff[1], "Västerås", "12", "", notes[1]]]
    for i in range(3, 19):
        rows.append([f"SE-{1000 + i}", f"2026-11-{i:02d} {8 + i % 8:02d}:{(i * 11) % 60:02d}",
                     f"2026-11-{i + 1:02d} 09:30" if i % 4 else "", "Löst" if i % 4 else "Väntar",
                     ["E-post", "Telefon", "Chatt"][i % 3], staff[i % 3], towns[i % 6], f"{i % 7},{i % 2 * 5}",
                     str(1 + i % 5), notes[i % 5]])
    text = csv_text([header, *rows], delimiter=";")
    exp = expect_table("csv", ["cp1252"], ";", [[0]], 2, len(rows), header, decimal=",",
                 types={"Skapad": "datetime", "Väntetid (min)": "duration", "Nöjdhet": "number"},
                 cells=[cell(0, "Ort", "text", "Malmö"),
                        cell(1, "Kommentar", "text", notes[1]),
                        cell(0, "Handläggare", "text", "Åsa Lindström"),
                        cell(0, "Väntetid (min)", "number", 210.0),
                        cell(0, "Skapad", "datetime", "2026-11-03T09:15:00"),
                        cell(1, "Löst", "missing")],
                 units={"Väntetid (min)": "min"},
                 notes="Swedish cp1252 export; 'crème' and 'å' must survive (cp1250 would give 'crčme', 'ĺ').")
    return "se_tickets_cp1252.csv", text.encode("cp1252"), exp


def serbian_cp1251() -> Built:
    header = ["Број тикета", "Креирано", "Статус", "Канал", "Агент", "Оцена", "Коментар"]
    agents = ["Марко Јовановић", "Јелена Петровић", "Душан Николић"]
    rows = [["10001", "23.11.2026 14:05", "Решен", "Е-пошта", agents[0], "5", "Хвала на брзом одговору"],
            ["10002", "23.11.2026 15:30", "Отворен", "Телефон", agents[1], "", "Чекам одговор већ три дана"]]
    for i in range(3, 17):
        rows.append([str(10000 + i), f"{i + 2:02d}.11.2026 {9 + i % 7:02d}:{(i * 7) % 60:02d}",
                     ["Решен", "Затворен", "Отворен"][i % 3], ["Е-пошта", "Телефон", "Ћаскање"][i % 3],
                     agents[i % 3], str(1 + i % 5), "Све је у реду" if i % 2 else "Лоша испорука"])
    text = csv_text([header, *rows], delimiter=";")
    exp = expect_table("csv", ["cp1251"], ";", [[0]], 2, len(rows), header,
                 types={"Креирано": "datetime", "Оцена": "number"},
                 cells=[cell(0, "Креирано", "datetime", "2026-11-23T14:05:00"),
                        cell(0, "Агент", "text", "Марко Јовановић"),
                        cell(1, "Статус", "text", "Отворен"),
                        cell(1, "Оцена", "missing"),
                        cell(1, "Коментар", "text", "Чекам одговор већ три дана")],
                 dayfirst={"Креирано": True},
                 notes="Serbian Cyrillic, cp1251, ';'.")
    return "rs_tickets_cp1251.csv", text.encode("cp1251"), exp


def romanian_utf16_tsv() -> Built:
    header = ["Nr. tichet", "Data creării", "Stare", "Canal", "Agent", "Valoare comandă (lei)", "Evaluare"]
    agents = ["Ștefan Popescu", "Ioana Țurcanu", "Mădălina Ionescu"]
    rows = [["RO-5001", "23.11.2026 14:05", "Rezolvat", "E-mail", agents[0], "1.250,75", "5"],
            ["RO-5002", "23.11.2026 16:20", "Deschis", "Telefon", agents[1], "99,90", ""]]
    for i in range(3, 15):
        rows.append([f"RO-{5000 + i}", f"{i + 5:02d}.11.2026 {10 + i % 6:02d}:{(i * 9) % 60:02d}",
                     "Rezolvat" if i % 3 else "În așteptare", ["E-mail", "Chat", "Telefon"][i % 3],
                     agents[i % 3], f"{i * 17},{i % 10}5", str(1 + i % 5)])
    text = csv_text([header, *rows], delimiter="\t")
    exp = expect_table("tsv", ["utf-16", "utf-16-le"], "\t", [[0]], 2, len(rows), header, decimal=",",
                 types={"Data creării": "datetime", "Valoare comandă (lei)": "number"},
                 cells=[cell(0, "Agent", "text", "Ștefan Popescu"),
                        cell(0, "Valoare comandă (lei)", "number", 1250.75),
                        cell(1, "Data creării", "datetime", "2026-11-23T16:20:00"),
                        cell(1, "Evaluare", "missing")],
                 notes="Excel 'Unicode text' style: UTF-16 LE with BOM, tab-separated, Romanian.")
    return "ro_tickets_utf16.tsv", b"\xff\xfe" + text.encode("utf-16-le"), exp


# --- Tool-specific exports -----------------------------------------------------------------------

def surveymonkey_two_rows() -> Built:
    fixed = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
             "First Name", "Last Name", "Custom Data 1"]
    nps_q = "How likely is it that you would recommend Lipa Home to a friend or colleague?"
    row1 = [*fixed, nps_q, "How satisfied were you with our support?", "Which channels did you use to contact us?",
            "", "", "Is there anything else you would like to tell us?"]
    row2 = [""] * len(fixed) + ["Response", "Response", "Email", "Phone", "Chat", "Open-Ended Response"]
    moods = ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied"]
    rows = []
    for i in range(18):
        start = dt.datetime(2026, 11, 23, 14, 5, 13) + dt.timedelta(hours=7 * i, minutes=3 * i)
        end = start + dt.timedelta(minutes=2, seconds=10 + i)
        rows.append([str(114523678901 + 17 * i), "431234567", start.strftime("%m/%d/%Y %I:%M:%S %p"),
                     end.strftime("%m/%d/%Y %I:%M:%S %p"), f"193.2.{i}.{10 + i}", f"kupec{i}@example.si",
                     "", "", "", str([9, 10, 7, 3, 8, 10][i % 6]), moods[i % 5],
                     "Email" if i % 2 else "", "Phone" if i % 3 == 0 else "", "Chat" if i % 4 == 1 else "",
                     ["Fast delivery, thank you!", "", "Hvala, zelo prijazno osebje.", "Too slow"][i % 4]])
    text = csv_text([row1, row2, *rows])
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[0, 1]], 3, len(rows),
                 ["Respondent ID", "Collector ID", "Start Date", "End Date", "Custom Data 1",
                  "How likely is it that you would recommend", "How satisfied were you", "Phone", "Chat",
                  "anything else you would like to tell us"], match="contains", n_columns=15,
                 types={"Start Date": "datetime", "How likely is it that you would recommend": "number"},
                 cells=[cell(0, "Respondent ID", "text", "114523678901"),
                        cell(0, "Start Date", "datetime", "2026-11-23T14:05:13"),
                        cell(0, "How likely is it that you would recommend", "number", 9.0),
                        cell(3, "How likely is it that you would recommend", "number", 3.0),
                        cell(0, "Phone", "text", "Phone"),
                        cell(1, "Phone", "missing")],
                 dayfirst={"Start Date": False},
                 notes="SurveyMonkey 'All responses': row 1 questions (blank = same question), "
                       "row 2 'Response'/choice labels; US month-first dates with AM/PM.")
    return "surveymonkey_two_row_header.csv", text.encode("utf-8"), exp


def qualtrics_three_rows() -> Built:
    keys = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "RecipientEmail", "DistributionChannel", "UserLanguage",
            "Q1", "Q2", "Q3", "Q4"]
    labels = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
              "Finished", "Recorded Date", "Response ID", "Recipient Email", "Distribution Channel", "User Language",
              "How likely are you to recommend Lipa Home to a friend or colleague?",
              "Overall, how satisfied are you with Lipa Home?", "Lipa Home made it easy to handle my issue.",
              "Why did you give this score?"]
    import_ids = [json.dumps({"ImportId": k[0].lower() + k[1:]} | ({"timezone": "Europe/Ljubljana"} if "Date" in k else {}),
                             separators=(",", ":")) for k in keys[:12]]
    import_ids += [json.dumps({"ImportId": f"QID{n}"}, separators=(",", ":")) for n in (1, 2, 3, 4)]
    rows = []
    for i in range(15):
        start = dt.datetime(2026, 11, 2, 8, 1, 14) + dt.timedelta(hours=13 * i)
        secs = 183 + 29 * i
        rows.append([start.strftime("%Y-%m-%d %H:%M:%S"), (start + dt.timedelta(seconds=secs)).strftime("%Y-%m-%d %H:%M:%S"),
                     "IP Address", f"89.212.{i}.4", "100", str(secs), "True" if i % 7 else "False",
                     (start + dt.timedelta(seconds=secs)).strftime("%Y-%m-%d %H:%M:%S"), f"R_{'3kXq9ZbT' + chr(65 + i)}",
                     f"stranka{i}@example.si", "email", "SL", str([10, 9, 6, 8, 2][i % 5]), str(1 + (i * 3) % 5),
                     str(1 + i % 7), ["Odlično", "Prepočasna dostava", "", "Great service, řeka"][i % 4]])
    text = "\ufeff" + csv_text([keys, labels, import_ids, *rows])
    exp = expect_table("csv", ["utf-8-sig", "utf-8"], ",", [[0, 1, 2]], 4, len(rows),
                 ["StartDate", "ResponseId", ["Q1", "How likely are you to recommend"],
                  ["Q4", "Why did you give this score"], "Duration (in seconds)"], match="contains", n_columns=16,
                 types={"StartDate": "datetime", "Duration (in seconds)": "duration"},
                 cells=[cell(0, "StartDate", "datetime", "2026-11-02T08:01:14"),
                        cell(1, "Duration (in seconds)", "number", 212.0),
                        cell(0, ["Q1", "How likely are you to recommend"], "number", 10.0),
                        cell(0, "ResponseId", "text", "R_3kXq9ZbTA"),
                        cell(1, ["Q4", "Why did you give this score"], "text", "Prepočasna dostava")],
                 units={"Duration (in seconds)": "s"},
                 notes="Qualtrics CSV: UTF-8 with BOM, 3 header rows (keys, question text, ImportId JSON).")
    return "qualtrics_bom_three_rows.csv", text.encode("utf-8"), exp


def zoho_tickets() -> Built:
    header = ["Ticket Id", "Request Id", "Subject", "Status (Ticket)", "Priority (Ticket)", "Agent Name",
              "Created Time", "Ticket Closed Time", "Channel", "Category", "First Response Time in Business Hours",
              "Resolution Time in Business Hours", "Is Escalated", "Number of Reopen", "Happiness Rating",
              "SLA Violation Type", "Description"]
    rows = [["412345000001234567", "1001", "Order arrived damaged", "Closed", "High", "Ana Kralj",
             "13/01/2025 16:48", "15/01/2025 09:12", "Email", "Delivery", "108960000", "145440000", "false", "0",
             "Good", "Not Violated", "<div>The vase was <b>broken</b>.\nPhoto attached.</div>"],
            ["412345000001234602", "1002", "Refund status", "Open", "Medium", "Bor Zupan", "14/01/2025 08:05", "",
             "Phone", "Billing", "", "", "true", "1", "", "Response Violated", "<p>Where is my refund?</p>"]]
    for i in range(3, 21):
        created = dt.datetime(2025, 1, 2, 8, 0) + dt.timedelta(hours=11 * i, minutes=7 * i)
        closed = created + dt.timedelta(hours=5 + i)
        rows.append([str(412345000001234567 + 1000 * i), str(1000 + i), f"Question {i} about order #{5000 + i}",
                     "Closed" if i % 4 else "On Hold", ["Low", "Medium", "High"][i % 3], ["Ana Kralj", "Bor Zupan"][i % 2],
                     created.strftime("%d/%m/%Y %H:%M"), closed.strftime("%d/%m/%Y %H:%M") if i % 4 else "",
                     ["Email", "Chat", "Web"][i % 3], "General", str(600000 * (i + 1)),
                     str(3600000 * (5 + i)) if i % 4 else "", "false", str(i % 2), ["Good", "Okay", "Bad", ""][i % 4],
                     "Not Violated", f"<p>Message {i}</p>"])
    text = csv_text([header, *rows])
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[0]], 2, len(rows), header,
                 types={"Ticket Id": "id", "Created Time": "datetime",
                        "First Response Time in Business Hours": "duration", "Is Escalated": "boolean"},
                 cells=[cell(0, "Ticket Id", "text", "412345000001234567"),
                        cell(0, "Created Time", "datetime", "2025-01-13T16:48:00"),
                        cell(0, "First Response Time in Business Hours", "number", 108960.0),
                        cell(0, "Resolution Time in Business Hours", "number", 145440.0),
                        cell(1, "First Response Time in Business Hours", "missing"),
                        cell(0, "Description", "text", "<div>The vase was <b>broken</b>.\nPhoto attached.</div>"),
                        cell(1, "Subject", "text", "Refund status")],
                 units={"First Response Time in Business Hours": "ms", "Resolution Time in Business Hours": "ms"},
                 dayfirst={"Created Time": True},
                 notes="Zoho Desk: 18-digit ids, day-first dates, millisecond durations with no unit in the "
                       "header (108960000 ms = 30.3 h), HTML description with an embedded line break.")
    return "zoho_tickets_ms.csv", text.encode("utf-8"), exp


def asterisk_master() -> Built:
    dispositions = ["ANSWERED", "NO ANSWER", "ANSWERED", "BUSY", "ANSWERED"]
    lines = []
    for i in range(20):
        start = dt.datetime(2026, 11, 23, 9, 0, 1) + dt.timedelta(minutes=17 * i, seconds=5 * i)
        disp = dispositions[i % 5]
        ring = 4 + i % 9
        billsec = 185 + 13 * i if disp == "ANSWERED" else 0
        answer = (start + dt.timedelta(seconds=ring)).strftime("%Y-%m-%d %H:%M:%S") if billsec else ""
        end = start + dt.timedelta(seconds=ring + billsec)
        src = f"0401234{i:02d}"
        fields = ["", src, "200", "from-pstn", f'"Stranka {i}" <{src}>', f"SIP/trunk-0000{i:03d}",
                  "SIP/201-0000a1b2" if billsec else "", "Dial", "SIP/201&SIP/202,30,tr",
                  start.strftime("%Y-%m-%d %H:%M:%S"), answer, end.strftime("%Y-%m-%d %H:%M:%S")]
        quoted = ",".join('"' + f.replace('"', '""') + '"' for f in fields)
        lines.append(f'{quoted},{ring + billsec},{billsec},"{disp}","DOCUMENTATION"\n')
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[]], 1, 20, [], match="position", n_columns=16,
                 cells=[cell(0, 9, "datetime", "2026-11-23T09:00:01"),
                        cell(0, 10, "datetime", "2026-11-23T09:00:05"),
                        cell(1, 10, "missing"),
                        cell(0, 13, "number", 185.0),
                        cell(0, 14, "text", "ANSWERED"),
                        cell(3, 14, "text", "BUSY"),
                        cell(1, 14, "text", "NO ANSWER"),
                        cell(0, 4, "text", '"Stranka 0" <040123400>'),
                        cell(0, 1, "text", "040123400")],
                 notes="Asterisk cdr_csv Master.csv: no header row; columns by position "
                       "(accountcode … disposition, amaflags).")
    return "asterisk_Master.csv", "".join(lines).encode("ascii"), exp


def liveagent_codes() -> Built:
    header = ["Ticket ID", "Subject", "Status", "Department", "Agent", "Channel", "Date created", "Date changed",
              "Customer email"]
    codes = "INTPRXBACWL"
    rows = []
    for i in range(22):
        created = dt.datetime(2026, 11, 2, 8, 14, 55) + dt.timedelta(hours=9 * i)
        rows.append([f"{'QFT'}-{chr(65 + i % 26)}{chr(75 + i % 10)}X-{427 + i}", f"Vprašanje {i + 1}", codes[i % 11],
                     "Podpora", ["Tina Golob", "Rok Mlakar"][i % 2], ["E-mail", "Chat", "Call"][i % 3],
                     created.strftime("%Y-%m-%d %H:%M:%S"), (created + dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S"),
                     f"stranka{i}@example.si"])
    text = csv_text([header, *rows])
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[0]], 2, len(rows), header,
                 types={"Date created": "datetime", "Status": "category"},
                 cells=[cell(0, "Status", "text", "I"), cell(1, "Status", "text", "N"),
                        cell(4, "Status", "text", "R"), cell(10, "Status", "text", "L"),
                        cell(0, "Date created", "datetime", "2026-11-02T08:14:55")],
                 notes="LiveAgent ticket export with single-letter status codes I N T P R X B A C W L "
                       "(R = Resolved, L = Closed, C = Open); the reader keeps the letters.")
    return "liveagent_status_codes.csv", text.encode("utf-8"), exp


def twilio_pipe() -> Built:
    header = ["Call Sid", "Start Time", "End Time", "From", "To", "Direction", "Status", "Duration", "Queue Time"]
    statuses = ["completed", "no-answer", "completed", "busy", "failed", "canceled"]
    rows = []
    for i in range(14):
        start = dt.datetime(2026, 11, 23, 9, 0, 0) + dt.timedelta(minutes=23 * i)
        dur = 185 + 10 * i if statuses[i % 6] == "completed" else 0
        rows.append([f"CA{hashlib.md5(str(i).encode()).hexdigest()}", start.strftime("%Y-%m-%d %H:%M:%S"),
                     (start + dt.timedelta(seconds=dur)).strftime("%Y-%m-%d %H:%M:%S"), f"+3864012345{i % 10}",
                     "+38615005000", "inbound", statuses[i % 6], str(dur), str(5 + i)])
    text = csv_text([header, *rows], delimiter="|", crlf=False)
    exp = expect_table("txt", ["utf-8", "ascii"], "|", [[0]], 2, len(rows), header,
                 types={"Start Time": "datetime"},
                 cells=[cell(0, "From", "text", "+38640123450"), cell(0, "Duration", "number", 185.0),
                        cell(3, "Status", "text", "busy"), cell(1, "Start Time", "datetime", "2026-11-23T09:23:00")],
                 notes="Pipe-delimited call log (.txt); phone numbers keep their '+'.")
    return "twilio_calls_pipe.txt", text.encode("utf-8"), exp


def jira_duplicates() -> Built:
    header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Assignee", "Reporter",
              "Created", "Updated", "Resolved", "Satisfaction rating", "Comment", "Comment", "Watchers", "Watchers"]
    rows = []
    for i in range(12):
        created = dt.datetime(2026, 2, 25, 22, 17) + dt.timedelta(hours=31 * i)
        resolved = created + dt.timedelta(hours=20 + i) if i % 3 else None
        stamp = lambda d: d.strftime("%d/%b/%y %I:%M %p") if d else ""  # noqa: E731
        rows.append([f"Printer offline in store {i}", f"HD-{120 + i}", str(10042 + i), "Service request",
                     "Done" if resolved else "In Progress", ["Medium", "High", "Low"][i % 3], "Eva Kos", "Jan Zorko",
                     stamp(created), stamp(created + dt.timedelta(hours=2)), stamp(resolved),
                     str(1 + i % 5) if resolved else "",
                     f"{stamp(created + dt.timedelta(minutes=13))};557058:f1a2;Looking into it",
                     f"{stamp(created + dt.timedelta(hours=1))};557058:f1a2;Fixed, please check" if i % 2 else "",
                     "Eva Kos", "Jan Zorko" if i % 2 else ""])
    text = csv_text([header, *rows])
    plain = [h for h in header if h not in ("Comment", "Watchers")]
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[0]], 2, len(rows), plain, n_columns=16,
                 duplicates={"Comment": 2, "Watchers": 2},
                 types={"Created": "datetime", "Resolved": "datetime"},
                 cells=[cell(0, "Created", "datetime", "2026-02-25T22:17:00"),
                        cell(0, "Resolved", "missing"),
                        cell(1, "Resolved", "datetime", "2026-02-28T02:17:00"),
                        cell(0, "Issue key", "text", "HD-120")],
                 notes="Jira CSV: repeated 'Comment' and 'Watchers' headers; dates like '25/Feb/26 10:17 PM'.")
    return "jira_duplicate_headers.csv", text.encode("utf-8"), exp


def shopify_orders() -> Built:
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Accepts Marketing", "Currency",
              "Subtotal", "Shipping", "Taxes", "Total", "Created at", "Lineitem quantity", "Lineitem name",
              "Lineitem price", "Lineitem sku", "Billing Name", "Billing Zip", "Billing Country", "Billing Phone",
              "Id", "Source"]
    rows = []
    for n in range(10):
        created = dt.datetime(2026, 3, 1, 11, 13, 25) + dt.timedelta(days=2 * n, hours=n)
        offset = "-0500" if created < dt.datetime(2026, 3, 8, 2) else "-0400"
        lines = [(1 + n % 2, "Linen napkin set", 12.5), (2, "Ceramic mug", 8.0)][: 1 + (n % 3 != 1)]
        subtotal = sum(q * p for q, _, p in lines)
        stamp = f"{created:%Y-%m-%d %H:%M:%S} {offset}"
        for k, (qty, name, price) in enumerate(lines):
            order = [f"#{1001 + n}", f"buyer{n % 6}@example.com", "paid", stamp, "fulfilled", "yes", "USD",
                     f"{subtotal:.2f}", "5.00", "0.00", f"{subtotal + 5:.2f}", stamp] if k == 0 else \
                    [f"#{1001 + n}", f"buyer{n % 6}@example.com"] + [""] * 8 + ["", stamp]
            rows.append(order + [str(qty), name, f"{price:.2f}", f"SKU-{len(name)}", f"Buyer {n}" if k == 0 else "",
                                 f"'0{2134 + n}" if k == 0 else "", "US" if k == 0 else "",
                                 f"'+1617555{n:04d}" if k == 0 else "", f"'{5123456789012 + n}" if k == 0 else "",
                                 "web" if k == 0 else ""])
    text = csv_text([header, *rows])
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[0]], 2, len(rows), header,
                 types={"Created at": "datetime", "Total": "number", "Billing Zip": "id", "Id": "id"},
                 cells=[cell(0, "Created at", "datetime", "2026-03-01T11:13:25"),
                        cell(0, "Billing Zip", "text", "02134"),
                        cell(0, "Billing Phone", "text", "+16175550000"),
                        cell(0, "Id", "text", "5123456789012"),
                        cell(0, "Total", "number", 33.5),
                        cell(1, "Name", "text", "#1001"),
                        cell(1, "Total", "missing"),
                        cell(1, "Lineitem price", "number", 8.0),
                        cell(len(rows) - 1, "Created at", "datetime", "2026-03-19T20:13:25")],
                 notes="Shopify orders: one row per line item (order fields on the first row only), "
                       "'-prefixed ids/zips/phones (apostrophe stripped), -0500/-0400 offsets "
                       "(wall-clock time kept, offset dropped).")
    return "shopify_orders.csv", text.encode("utf-8"), exp


MISSING = ["?", "-", "n/a", "#N/A", "Not Available", "", " ", "N/A"]


def missing_markers() -> Built:
    header = ["Call ID", "Started at", "Wait time (s)", "Agent", "Score", "Resolved"]
    rows = [[f"C{700 + i}", f"2026-11-{20 + i:02d} 10:{15 + i:02d}:00", str(35 + 10 * i), "Ana", str(1 + i),
             "Yes" if i % 2 else "No"] for i in range(4)]
    for i, mark in enumerate(MISSING):
        rows.append([f"C{710 + i}", mark, mark, mark, mark, mark])
    text = csv_text([header, *rows], crlf=False)
    exp = expect_table("csv", ["utf-8", "ascii"], ",", [[0]], 2, len(rows), header,
                 types={"Started at": "datetime", "Wait time (s)": "duration", "Score": "number",
                        "Resolved": "boolean"},
                 missing={"Started at": len(MISSING), "Wait time (s)": len(MISSING), "Score": len(MISSING),
                          "Resolved": len(MISSING), "Agent": len(MISSING)},
                 cells=[cell(0, "Wait time (s)", "number", 35.0), cell(3, "Score", "number", 4.0),
                        cell(0, "Started at", "datetime", "2026-11-20T10:15:00"),
                        *[cell(4 + i, c, "missing") for i in range(len(MISSING))
                          for c in ("Started at", "Wait time (s)", "Score", "Resolved")]],
                 units={"Wait time (s)": "s"},
                 notes="Every missing marker (?, -, n/a, #N/A, Not Available, blank, space, N/A) in a date, "
                       "duration, number, text and yes/no column: none of them is a parse failure.")
    return "missing_markers.csv", text.encode("utf-8"), exp
