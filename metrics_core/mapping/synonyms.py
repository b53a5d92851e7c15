"""Header synonyms of every canonical field, in English, Slovenian, Romanian, Swedish
and Serbian (Latin and Cyrillic), and the header matcher.

Headers and synonyms are compared in the *folded* form of their
:class:`~metrics_core.ingest.header_analysis.HeaderAnalysis` (the one typing reads too):
lower case, accents removed, Serbian Cyrillic transliterated to Latin, camelCase split,
punctuation turned into spaces and units or time zones ("in minutes", "(in hrs)",
"(seconds)", "ms", "(UTC)") taken out and kept as evidence. Scoring: an exact match
beats a whole-word match, which beats a match inside a word.
"""

from __future__ import annotations

from functools import lru_cache

from ..catalogue import KINDS
from ..ingest.header_analysis import analyse_header


def normalise_phrase(phrase: str) -> str:
    """The folded form of a synonym."""
    return analyse_header(phrase).folded


# Synonyms: field -> "|"-separated phrases. A suffix "~0.7" weakens a generic phrase.
# Order inside each entry: English | Slovenian | Romanian | Swedish | Serbian Latin | Serbian Cyrillic.
FIELD_SYNONYMS: dict[str, str] = {
    "ticket_id": "ticket id|ticket|ticket number|ticket no|id~0.7|number~0.6|case id|case number|incident id|"
                 "incident number|incident|issue id|issue key|request id|conversation id|display id|id zahtevka|"
                 "stevilka zahtevka|zahtevek|id tichet|numar tichet|tichet|arende id|arendenummer|arende|id tiketa|"
                 "broj tiketa|tiket|broj zahteva|ид тикета|број тикета",
    "created_at": "created|created at|created time|create date|date created|creation date|opened|opened at|"
                  "open date|submitted at|received at|date received|conversation created at|"
                  "conversation started at|ustvarjeno|datum nastanka|datum odprtja|creat la|data crearii|"
                  "data creare|deschis la|skapad|skapat|skapad datum|datum skapad|oppnad|kreirano|datum kreiranja|"
                  "otvoreno|креирано|датум креирања",
    "first_response_at": "first response at|first response|first reply at|first reply|initial response time|"
                         "first agent response date|conversation first replied at|date of first response|"
                         "prvi odgovor|prvi odziv|primul raspuns|forsta svar|prvi odgovor datum|први одговор",
    "first_response_s": "first response time|first reply time|time to first response|time to first reply|"
                        "prvi odziv|prvi odgovor|primul raspuns|forsta svar|први одговор|frt|response time~0.8|"
                        "cas prvega odgovora|timp prim raspuns|timpul primului raspuns|tid till forsta svar|"
                        "forsta svarstid|vreme prvog odgovora|време првог одговора",
    "resolved_at": "resolved|resolved at|resolved time|resolution date|solved at|solved|date resolved|"
                   "conversation first closed at|resolved date|reseno|razreseno|datum resitve|rezolvat la|"
                   "data rezolvarii|lost|lost datum|reseno datum|datum resavanja|решено|датум решавања",
    "resolution_s": "resolution time|full resolution time|time to resolution|time to resolve|time to close|"
                    "handle time~0.6|cas resitve|cas resevanja|timp de rezolvare|timp rezolvare|losningstid|"
                    "tid till losning|vreme resavanja|време решавања",
    "closed_at": "closed|closed at|closed time|close date|date closed|ticket closed time|last closed at|"
                 "conversation last closed at|zaprto|datum zaprtja|inchis la|data inchiderii|stangd|stangt|"
                 "stangd datum|zatvoreno|datum zatvaranja|затворено|датум затварања",
    "status": "status|state~0.85|ticket status|incident state|current conversation state|stage~0.7|stanje|stare|"
              "statut|tillstand|стање|статус",
    "channel": "channel|via|source~0.8|contact type|received via|medium|origin|kanal|vir|canal|sursa|"
               "kanal kontakta|канал",
    "agent": "agent|assignee|assigned to|owner~0.8|ticket owner|responder|teammate|handled by|operator|"
             "representative|employee~0.8|agent name|teammate currently assigned|zaposleni|operater|agent suport|"
             "handlaggare|handläggare|оператер|агент",
    "team": "team|group|assignment group|department|hub spot team|team currently assigned|ekipa|oddelek|skupina|"
            "echipa|departament|grup|grupp|avdelning|tim|odeljenje|grupa|тим|одељење",
    "priority": "priority|urgency~0.7|prioriteta|prioritet|prioritate|приоритет|prednost|prioritet arende|"
                "prioritet tiketa",
    "queue": "queue|line~0.6|hunt group|vrsta|coada|ko|red cekanja|ред",
    "customer_id": "customer id|customer~0.8|requester|requester id|requester email|customer email|contact id|"
                   "email~0.8|user email|client|client id|caller~0.8|customer number|stranka|id stranke|id client|"
                   "kund|kund id|kundnummer|kupac|id kupca|klijent|купац|клијент",
    "subject": "subject|title|summary|ticket name|complaint~0.9|customer complaint|zadeva|naslov|subiect|titlu|"
               "amne|rubrik|predmet|наслов|предмет",
    "agent_replies": "replies|agent replies|agent interactions|number of replies|replies to close a conversation|"
                     "odgovori|raspunsuri|svar|odgovori agenta|одговори",
    "interactions": "interactions|customer interactions|thread count|messages|number of messages|interakcije|"
                    "interactiuni|interaktioner|poruke|интеракције",
    "reopens": "reopens|reopen count|number of reopen|reopened|ponovno odprto|redeschideri|ateroppnad|"
               "ponovo otvoreno|поново отворено",
    "type": "type|ticket type|issue type|category~0.8|request type|tip|vrsta~0.8|tip tichet|typ|kategori~0.8|"
            "kategorija~0.8|тип",
    "tags": "tags|labels|tag|conversation tag|ticket tags|oznake|etichete|taggar|etikete|ознаке",
    "is_complaint": "complaint|is complaint|pritozba|reclamatie|klagomal|reklamacija|жалба|рекламација",
    "escalated": "escalated|is escalated|eskalirano|escaladat|eskalerad|ескалирано|eskalerat|eskaliran|ескалиран",
    "escalated_at": "escalated at|escalation date|datum eskalacije|data escaladarii|eskalirano ob|escaladat la|"
                    "eskalerad|eskalirano u|ескалирано у",
    "fcr_flag": "first contact resolution|fcr|is first call resolution|resolved on first contact|one touch|"
                "resitev ob prvem stiku|rezolvat la primul contact|lost vid forsta kontakt|"
                "reseno iz prvog kontakta",
    "sla_met": "sla met|made sla|within sla|sla achieved|sla|resolution status~0.7|sla status~0.8|sla izpolnjen|"
               "sla respectat|sla uppfyllt|sla ispunjen",
    "sla_first_response_s": "first response target|sla target|frt target|ciljni cas odziva|tinta sla|"
                            "first reply target|response target|cilj odziva|tinta raspuns|svarsmal|cilj odgovora|"
                            "циљ одговора",
    "average_reply_s": "average reply time|avg reply time|average response time|povprecni cas odgovora|"
                       "timp mediu de raspuns|genomsnittlig svarstid|prosecno vreme odgovora|average reply|"
                       "reply time~0.8|povprecni odziv|timp mediu raspuns|snittsvarstid|просечно време одговора",
    "handle_s": "handling time|handle time|time tracked|time spent|total time spent|cas obdelave|timp de procesare|"
                "hanteringstid|vreme obrade",
    "csat_score": "csat|satisfaction|satisfaction score|satisfaction rating|customer satisfaction|"
                  "customer satisfaction rating|rating~0.85|satisfied|how satisfied|zadovoljen|zadovoljni|multumit|"
                  "nojd|zadovoljan|задовољан|happiness rating|conversation rating|last teammate rating|"
                  "survey results~0.7|score~0.6|ocena zadovoljstva|zadovoljstvo|ocena~0.8|satisfactie|"
                  "satisfactia clientilor|nota~0.8|nojdhet|kundnojdhet|betyg|zadovoljstvo korisnika|задовољство|"
                  "оцена",
    "nps_score": "nps|nps score|net promoter score|likelihood to recommend|recommend|recommendation|"
                 "recommendation score|recommandation|recommandation score|conversation nps score|priporocilo|"
                 "verjetnost priporocila|recomandare|scor nps|rekommendation|rekommendera|preporuka|"
                 "verovatnoca preporuke|препорука",
    "ces_score": "ces|customer effort|customer effort score|effort|effort score|ces survey rating|easy|ease|"
                 "made it easy|easy to handle|enostavno|preprosto|usor|simplu|latt|enkelt|lako|jednostavno|лако|"
                 "last ces survey rating|trud|vlozen trud|efort|anstrangning|napor|напор",
    "sent_at": "sent at|sent|message date|timestamp~0.8|poslano|trimis la|skickat|poslato|послато",
    "author_role": "author role|author type|from~0.7|sender type|role|vloga|rol|roll|uloga|улога",
    "call_id": "call id|call|callid|call sid|sid~0.7|id~0.7|id klica|id apel|samtal id|id poziva|ид позива",
    "started_at": "started|started at|start|start time|call start|time start|call date~0.9|date time~0.8|"
                  "datetime~0.8|zacetek|cas zacetka|inceput|ora inceput|start tid|starttid|pocetak|vreme pocetka|"
                  "почетак",
    "date": "date~0.9|day~0.7|datum|data|dag|датум|dan~0.6|zi~0.6|datum poziva|data apel|datum samtal|датум позива",
    "time": "time~0.9|time of day|hour~0.7|ura|cas~0.8|ora|tid~0.8|vreme~0.8|sat~0.7|време",
    "direction": "direction|call direction|type~0.6|smer|directie|riktning|smer poziva|правац|смер",
    "outcome": "outcome|disposition|call type~0.8|status~0.8|result|call status|call result|reason terminated|izid|"
               "rezultat|utfall|ishod|исход",
    "answered": "answered|answered y n|answered calls|is answered|handled calls~0.8|handled~0.7|odgovorjeno|"
                "sprejeto|raspuns|preluat|besvarat|besvarade|odgovoreno|odgovoreni|одговорено",
    "answered_at": "answered at|answer time~0.8|time answered|answer|prevzeto ob|raspuns la|besvarad tid|"
                   "odgovoreno u",
    "ended_at": "ended|ended at|end|end time|time end|hangup time|konec|sfarsit|slut|sluttid|kraj|крај",
    "wait_s": "wait time|waiting time|speed of answer|queue time|ring time|time to answer|hold before answer|"
              "cas cakanja|timp de asteptare|vantetid|vreme cekanja|време чекања",
    "talk_s": "talk time|talk duration|avg talk duration|talking time|billsec|in call duration|call duration~0.8|"
              "cas pogovora|durata convorbirii|samtalstid|vreme razgovora|време разговора",
    "hold_s": "hold time|on hold time|time on hold|cas zadrzanja|timp in asteptare|tid i vantelage|parkeringstid|vreme zadrzavanja|"
              "cakanje na liniji|timp de asteptare in apel|vantetid i samtal|vreme na cekanju|време на чекању",
    "wrap_s": "wrap time|wrap up time|wrap up|after call work|acw|cas zakljucka|timp de finalizare|efterarbete|"
              "vreme zavrsetka",
    "duration_s": "duration|total duration|call length|length|trajanje|durata|langd|varaktighet|трајање",
    "topic": "topic|reason|subject~0.8|category~0.8|tema|motiv|amne|tema poziva|тема",
    "caller_id": "caller id|caller|from number|from|src|caller number|clid|phone number~0.8|klicatelj|apelant|"
                 "uppringare|pozivalac|позивалац",
    "resolved": "resolved|is resolved|issue resolved|reseno|razreseno|rezolvat|lost|решено",
    "response_id": "response id|respondent id|id~0.7|submission id|number~0.6|response~0.7|id odgovora|id raspuns|"
                   "svar id",
    "submitted_at": "submitted at|submitted|submit date|survey date|response date|date~0.8|timestamp|end date~0.8|"
                    "recorded date|completed at|marca temporal|oddano|datum ankete|trimis|data sondajului|"
                    "inskickad|datum enkat|poslato|датум анкете|"
                    # the submission-time column that form tools write (Google Forms, Microsoft Forms …)
                    "marca de timp|casovni zig|tidstampel|vremenska oznaka|временска ознака|cas oddaje|ora trimiterii",
    "comment": "comment|comments|feedback|remark|rating remark|open ended response|why|komentar|mnenje|comentariu|"
               "kommentar|коментар|"
               # the usual free-text question of a satisfaction form, in our users' languages
               "what can we do better|what could we improve|how can we improve|kaj lahko izboljsamo|"
               "kaj bi lahko izboljsali|predlogi|ce putem imbunatati|ce am putea imbunatati|sugestii|"
               "vad kan vi gora battre|vad kan vi forbattra|forslag|sta mozemo da poboljsamo|"
               "шта можемо да побољшамо|predlozi|предлози",
    "segment": "segment|market|region~0.7|plan|tier|contract|customer type|trg|piata|marknad|trziste|тржиште",
    "responded_at": "responded at|feedback answered at|reply date|odgovorjeno ob|raspuns la|besvarad|responded|"
                    "datum odgovora|data raspuns|svarsdatum|датум одговора",
    "feedback_answered": "feedback answered|responded|answered~0.7|odgovorjeno|raspuns|besvarad|odgovoreno|replied|"
                         "odgovorjeno na povratno|raspuns la feedback|besvarad feedback|одговорено",
    "joined_at": "joined|joined at|sign up|signup date|customer since|start date~0.8|registered|pridruzen|inscris|"
                 "registrerad|datum registracije",
    "churned_at": "churned at|churn date|cancelled at|canceled at|end date~0.8|left at|odpoved|data anularii|"
                  "uppsagd|datum otkaza",
    "churned": "churn|churned|is churned|left~0.7|cancelled~0.8|odsel|pierdut|churnad|otisao|отишао",
    "tenure_months": "tenure|tenure months|months as customer|months|staz|vechime|kundtid",
    "revenue_per_period": "monthly charges|monthly charge|monthly revenue|mrr|arpu|monthly fee|mesecni znesek|"
                          "taxa lunara|manadsavgift|mesecna pretplata|месечна претплата",
    "total_revenue": "total charges|total revenue|lifetime value|total spent|total spend|skupni znesek|"
                     "total incasari|total intakt|ukupan prihod|укупан приход",
    "referral_source": "referral source|referral|acquisition channel|how did you hear|attribution|priporocilo|"
                       "sursa recomandare|kalla|izvor preporuke",
    "loyalty_member": "loyalty member|loyalty|loyalty program|member|clan programa zvestobe|membru|medlem|"
                      "clan programa lojalnosti",
    "training_participant": "training participant|training|trained|usposabljanje|instruire|utbildning|obuka|"
                            "udelezba na usposabljanju|participant instruire|deltagit i utbildning|ucesnik obuke|"
                            "обука",
    "engagement_inputs": "engagement|usage|logins|sessions|visits|aktivnost|activitate|aktivitet|angazovanje|"
                         "ангажовање",
    "order_date": "order date|date|invoice date|purchase date|created at|paid at|order created|datum narocila|"
                  "data comenzii|orderdatum|datum porudzbine|датум поруџбине",
    "amount": "amount|total|value|revenue|sales|net sales|order total|dollar value|n revenue formatted|znesek|"
              "vrednost|suma|valoare|belopp|summa|iznos|износ",
    "quantity": "quantity|qty|units|items|items sold|number of|lineitem quantity|kolicina|cantitate|antal|количина",
    "unit_price": "unit price|price|lineitem price|cena|cena na enoto|pret|pret unitar|pris|styckpris|"
                  "jedinicna cena|цена",
    "gross_margin": "gross margin|margin|marza|marja|marginal|маржа|bruto marza|marja bruta|bruttomarginal|"
                    "бруто маржа",
    "order_id": "order id|order|order number|invoice|invoice no|invoice number|name~0.5|narocilo|comanda|"
                "numar comanda|order nr|ordernummer|porudzbina|broj porudzbine|поруџбина",
    "country": "country|country region|billing country|drzava|tara|land|држава",
    "review_id": "review id|evaluation id|id ocene|id evaluare|evaluation|ocena id|id evaluari|granskning id|"
                 "ид оцене",
    "reviewed_at": "reviewed at|review date|evaluation date|datum ocene|data evaluarii|granskad|evaluated at|"
                   "ocenjeno|evaluat la|granskningsdatum|оцењено",
    "criteria": "criterion|criteria|greeting|empathy|accuracy|tone|kriterij|criteriu|kriterium|kriterijum",
    "mention_id": "mention id|post id|id objave|mention|id mention|omemba|mentiune|omnamnande|pominjanje|помињање",
    "posted_at": "posted at|posted|published|post date|created time~0.8|objavljeno|publicat|publicerad|објављено",
    "platform": "platform|network|social network|omrezje|platforma|retea|natverk|mreza|мрежа",
    "sentiment": "sentiment|tone~0.7|polarity|razpolozenje|kansla|raspolozenje|расположење",
    "is_technical": "technical|is technical|technical question|tehnicno|tehnic|teknisk|tehnicko|tehnicno vprasanje|"
                    "intrebare tehnica|tekniskt|tehnicko pitanje|техничко",
    "answerable_by_content": "answerable by content|answerable|covered by content|in knowledge base|"
                             "answered by faq|odgovor v vsebini|raspuns in continut|besvaras av innehall|"
                             "odgovor u sadrzaju",
    "mentions_competitor": "mentions competitor|competitor|konkurent|concurent|konkurrent|competitor mention|"
                           "omemba konkurence|mentiune concurent|konkurrent namnd|pominje konkurenta|конкурент",
    "session_id": "session id|session|conversation id~0.7|id seje|id sesiune|id sesije|id session|sesiune|"
                  "session nummer|sesija|сесија",
    "resolved_without_agent": "resolved without agent|self resolved|deflected|fin ai agent deflected|"
                              "resolved by bot|contained|reseno brez agenta|rezolvat fara agent",
    "hired_at": "hired|hired at|hire date|start date~0.8|zaposlen|angajat|anstalld|zaposlen od",
    "left_at": "left|left at|termination date|end date~0.8|odsel|plecat|slutat|otisao",
    "hours_worked": "hours worked|hours|worked hours|ure|ore lucrate|arbetade timmar|sati rada|opravljene ure|"
                    "timmar|sati|радни сати",
    "inflow": "inflow|income|receipts|credit|priliv|intrari|inbetalning|прилив",
    "outflow": "outflow|expense|expenses|payments|debit|odliv|iesiri|utbetalning|одлив",
    "category": "category|kategorija|categorie|kategori|категорија|type~0.7",
    "period": "period|interval|release period|month~0.8|week~0.7|interval start|obdobje|perioada|период",
    "offered": "offered|incoming calls|incoming|calls offered|offered calls|inbound calls|total calls~0.8|ponujeni|"
               "dohodni klici|apeluri primite|inkommande samtal|dolazni pozivi|долазни позиви",
    "abandoned": "abandoned|abandoned calls|calls abandoned|opusceni|apeluri abandonate|avbrutna samtal|"
                 "napusteni pozivi|abandoned in queue|opusceno|abandonate|avbrutna|napusteno|напуштени",
    "answered_within_threshold": "answered within threshold|answered within sla|within threshold|answered in sl|"
                                 "answered within|odgovorjeni v roku|preluate in prag|besvarade inom|"
                                 "odgovoreni u roku",
    "service_level_pct": "service level|sl|service level percent|nivo storitev|nivel de serviciu|servicegrad|"
                         "nivo usluge|service level percentage|sl percent|raven storitev|nivel serviciu|"
                         "serviceniva|nivo usluge procenat|ниво услуге",
    "answer_rate_pct": "answer rate|answer percent|answered percent|odzivnost|rata de raspuns|svarsfrekvens|"
                       "stopa odgovora|answer rate percent|delez odgovorjenih|rata raspuns|svarsandel|"
                       "procenat odgovorenih|стопа одговора",
    "asa_s": "asa|answer speed|answer speed avg|average speed of answer|speed of answer|avg answer time|"
             "povprecna hitrost odgovora|viteza medie de raspuns|genomsnittlig svarstid|prosecna brzina odgovora",
    "aht_s": "aht|average handle time|avg handle time|handle time avg|povprecni cas obdelave|"
             "timp mediu de procesare|handle time average|genomsnittlig hanteringstid|prosecno vreme obrade|"
             "просечно време обраде",
    "talk_avg_s": "talk duration avg|avg talk time|average talk time|talk duration|talk time avg|"
                  "povprecni cas pogovora|durata medie convorbire|genomsnittlig samtalstid|"
                  "prosecno vreme razgovora|просечно време разговора",
    "wait_avg_s": "waiting time avg|avg wait time|average wait time|wait time avg|waiting time|"
                  "povprecni cas cakanja|timp mediu de asteptare|genomsnittlig vantetid|prosecno vreme cekanja|"
                  "просечно време чекања",
    "wait_total_s": "total wait time|wait time total|total waiting time|wait time sum|skupni cas cakanja|"
                    "timp total de asteptare|total vantetid|ukupno vreme cekanja|укупно време чекања",
    "group": "group|measure|measure id|question|item|skupina|grupa|masura|grupp|matt|mera|мера",
    "region": "region|state|province|area|regija|regiune|judet|lan|okrug|регија",
    "bottom_box": "bottom box|bottom box percentage|detractors|detractor|bottom|kritiki|detractori|kritiker|"
                  "kriticari",
    "middle_box": "middle box|middle box percentage|passives|passive|neutral~0.8|middle|pasivni|pasivi|passiva",
    "top_box": "top box|top box percentage|promoters|promoter|top|promotorji|promotori|promotorer|promoteri",
    "responses": "responses|completed surveys|respondents|number of responses|answers|odgovori|raspunsuri|svar|"
                 "одговори",
}

# Kind-specific additions (the same field name means something else in another kind).
KIND_SYNONYMS: dict[tuple[str, str], str] = {
    ("calls", "answered"): "answered y n|answered yn|answered|answered call|is answered",
    ("call_intervals", "answered"): "answered calls|answered|handled calls|calls answered|odgovorjeni klici|"
                                    "apeluri preluate|besvarade samtal|odgovoreni pozivi",
    ("cash", "amount"): "amount|net|net amount|cash flow|znesek|suma|belopp|iznos",
    ("cash", "date"): "date|transaction date|booking date|datum|data|bokforingsdatum",
    ("survey_buckets", "period"): "release period|period|month|quarter",
    ("surveys", "customer_id"): "email address|email|respondent|customer",
    ("orders", "customer_id"): "customer id|customer|email|customer email|client|kupac|stranka|kund",
    ("self_service", "started_at"): "started at|start|session start|created at|date",
    ("social", "answered"): "answered|replied|responded|odgovorjeno|raspuns|besvarad|odgovoreno",
    ("staff", "agent"): "agent|name|employee|agent name|zaposleni|angajat|anstalld|zaposleni",
    ("reviews", "agent"): "agent|reviewee|agent name",
}

# A datetime field whose header reads like its duration twin ("Time to Resolution" holding timestamps).
DATETIME_TWINS = {"first_response_at": "first_response_s", "resolved_at": "resolution_s"}


@lru_cache(maxsize=None)
def synonyms_for(kind: str, field: str) -> tuple[tuple[str, float], ...]:
    """Folded synonyms of ``field`` in ``kind`` with their weights (1.0 unless weakened)."""
    texts = [KIND_SYNONYMS.get((kind, field), ""), FIELD_SYNONYMS.get(field, ""), field.replace("_", " ")]
    out: dict[str, float] = {}
    for text in texts:
        for item in filter(None, (p.strip() for p in text.split("|"))):
            phrase, _, weight = item.partition("~")
            folded = normalise_phrase(phrase)
            if folded and folded not in out:
                out[folded] = float(weight) if weight else 1.0
    return tuple(out.items())


def phrase_score(header: str, phrase: str) -> float:
    """How well the folded ``header`` matches the folded ``phrase`` (0..1).

    Exact 1.0; the phrase as whole words inside the header 0.55–0.9 by coverage;
    the phrase inside a word 0.35–0.6 (phrases of 4+ letters only).

    >>> phrase_score("created at", "created at"), phrase_score("sys created at", "created at") < 1
    (1.0, True)
    """
    if not header or not phrase:
        return 0.0
    if header == phrase:
        return 1.0
    coverage = len(phrase) / max(len(header), 1)
    if f" {phrase} " in f" {header} ":
        return 0.55 + 0.35 * coverage
    compact_phrase = phrase.replace(" ", "")
    if len(compact_phrase) >= 4 and compact_phrase in header.replace(" ", ""):
        return 0.35 + 0.25 * coverage
    return 0.0


@lru_cache(maxsize=None)
def _pool() -> tuple[frozenset[str], dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Every folded synonym of every field, indexed for :func:`_phrase_hits`.

    Returns the phrases, those of 3+ letters (spaces left out) by their first three letters,
    and the shorter ones.
    """
    texts = [*FIELD_SYNONYMS.values(), *KIND_SYNONYMS.values()]
    names = {*FIELD_SYNONYMS, *(f for _, f in KIND_SYNONYMS), *(f.name for k in KINDS for f in k.fields)}
    texts += [name.replace("_", " ") for name in names]
    phrases = {normalise_phrase(item.partition("~")[0]) for text in texts for item in text.split("|")} - {""}
    by_start: dict[str, list[str]] = {}
    short = []
    for phrase in phrases:
        compact = phrase.replace(" ", "")
        if len(compact) >= 3:
            by_start.setdefault(compact[:3], []).append(phrase)
        else:
            short.append(phrase)
    return frozenset(phrases), {k: tuple(v) for k, v in by_start.items()}, tuple(short)


@lru_cache(maxsize=16384)
def _phrase_hits(folded: str) -> dict[str, float]:
    """:func:`phrase_score` of the folded header against every synonym, for those that score above 0.

    A phrase can only score when, spaces left out, it lies inside the header, so only the phrases
    that start with three letters found in the header (and the few shorter ones) are scored; a
    header of 2,000 columns is then matched in one pass, not once per field and data kind.
    """
    _, by_start, short = _pool()
    compact = folded.replace(" ", "")
    starts = {compact[i:i + 3] for i in range(len(compact) - 2)}
    found = {p for s in starts & by_start.keys() for p in by_start[s]}
    hits = {p: phrase_score(folded, p) for p in (*found, *short)}
    return {p: score for p, score in hits.items() if score > 0}


def names_a_field(header: str) -> bool:
    """Whether any synonym of any field of the catalogue scores for ``header``.

    >>> names_a_field("Ticket created at"), names_a_field("col17")
    (True, False)
    """
    return bool(_phrase_hits(analyse_header(header).folded))


@lru_cache(maxsize=None)
def _field_phrases(kind: str, field: str) -> frozenset[str] | None:
    """The folded synonyms of ``field`` in ``kind``, when all are in :func:`_pool` (``None`` otherwise)."""
    phrases = frozenset(phrase for phrase, _weight in synonyms_for(kind, field))
    return phrases if phrases <= _pool()[0] else None


def may_match(kind: str, field: str, header: str) -> bool:
    """False when :func:`header_match` surely scores 0: no synonym of the field is among the header's hits
    (one set test, where a wide table's every header and field would otherwise be matched in full).

    >>> may_match("tickets", "created_at", "Ticket created at"), may_match("tickets", "created_at", "Value 17")
    (True, False)
    """
    phrases = _field_phrases(kind, field)
    return phrases is None or not phrases.isdisjoint(_phrase_hits(analyse_header(header).folded))


@lru_cache(maxsize=65536)
def header_match(kind: str, field: str, header: str) -> tuple[float, str]:
    """Best synonym score of ``header`` for ``field`` of ``kind``, and the synonym that matched."""
    folded = analyse_header(header).folded
    pooled = _pool()[0]
    hits = _phrase_hits(folded)
    best, best_phrase = 0.0, ""
    for phrase, weight in synonyms_for(kind, field):
        score = (hits.get(phrase, 0.0) if phrase in pooled else phrase_score(folded, phrase)) * weight
        if score > best:
            best, best_phrase = score, phrase
    return best, best_phrase
