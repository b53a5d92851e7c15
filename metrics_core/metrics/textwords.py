"""Brand attributes: frequent words and two-word phrases in free-text survey answers.

Stop-words are removed in English, Slovenian, Romanian, Swedish and Serbian
(Latin and Cyrillic). Counting is vectorised: answers are split into words,
exploded to one row per word, and counted once per answer.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..deferred import pd

from ..i18n import N_
from .model import MetricInputs, MetricResult
from .results import missing_field, no_value

_ENGLISH = """a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing don done down during each even ever every few for from
further get got had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most much my myself no nor not now of off on once only or other our ours ourselves out over own
really same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up us very was we were what when where which while who whom why will with
would you your yours yourself yourselves still thing things one two get very quite lot lots""".split()

_SLOVENIAN = """a ali ampak bi bil bila bile bili bilo biti bo bodo bom bomo boste bova bo da do dokler
en ena ene eno ga jaz je jih jim jo kaj kajti kako kar ker kdo kdor ki kje ko koder kot le lahko malo me med
mene mi mnogo moj moja moje na nad naj najbolj nam nas naš naša naše ne nek neka nekaj nekateri nič niso
ni nje njega njej njen njena njeno njih njim njo njun o ob od oz oziroma pa po pod pol pred pri s saj se
sem smo so sta ste še ta tako tam te tega tej tem ti tista tiste tisti tisto to tudi tukaj v vam vas
vaš vendar vi vse vsi vsak z za zato že zelo sicer kot pač""".split()

_ROMANIAN = """a acea aceasta această aceea acei aceia acel acela acele acelea acest acesta aceste acestea acestei
acestia acestui aceşti aceştia acolo acum şi ai aia aibă al ale alt alta altceva alte altfel alti altul am
anume ar are aş aşa aste astfel asupra atare atât atâta atâtea atâţi au avea avem aveţi azi ba bine cam
care ce cea cei cel cele celor ceva chiar cine cineva cit cât câte câţi cu cum cumva da dacă dar de deci
deja deşi din dintre doar după ea ei el ele era este eu fără fi fie fiind foarte fost i ia iar ii îi
îl îmi în înainte încât încă între la le li lor lui mai mea mei mele mereu meu mi mie mine mult multă
mulţi ne nici nimic noi nostru noastră nu o or ori oricare pe pentru peste poate pot prea prin sa să
se sau său sea şi sunt suntem sînt ta tău te toate tot toţi tu un una unde unei unele unor unui unul
vă voi vom vor""".split()

_SWEDISH = """alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina
ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur
här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon
något några och om oss på samma sedan sig sin sina sitta själv skulle som så sådan sådana sådant till
under upp ut utan vad var vara varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra
vårt än är åt över också bara väldigt""".split()

_SERBIAN_LATIN = """a ako ali bi bih bila bile bili bilo biti bio bismo da do dok ga gde i ih ili im iz ja je
jer jesam jesi jesmo još ju kad kada kako kao koja koje koji kojima koju li me mene meni mi mnogo moj
moja moje mu na nad nam nas naš naša naše ne nego neki nešto ni nije nisam niti njega njegov njegova njemu
njen njih njima njoj o od ona one oni ono ova ovaj ovde ove ovo pa po pod pre pri sa sam samo se si smo
su sve svi ta taj tako te ti to tu u uz vam vas vaš već vi za zato što šta će ćemo ću jako veoma""".split()

_SERBIAN_CYRILLIC = """а ако али би бих била биле били било бити био да до док га где и их или им из ја је
јер још ју кад када како као која које који коју ли ме мене мени ми много мој моја моје му на над нам
нас наш наша наше не него неки нешто ни није нисам ниједан њега његов њему њен њих њима њој о од она
оне они оно ова овај овде ове ово па по под пре при са сам само се си смо су све сви та тај тако те ти
то ту у уз вам вас ваш већ ви за зато што шта ће ћемо ћу јако веома""".split()

_CEDILLA_TO_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")


def _with_romanian_variants(words: tuple[str, ...]) -> set[str]:
    """Romanian texts write ş/ţ (cedilla) or ș/ț (comma below): keep both spellings."""
    out = {w.lower() for w in words}
    return out | {w.translate(_CEDILLA_TO_COMMA) for w in out}


STOP_WORDS: frozenset[str] = frozenset(_with_romanian_variants(
    (*_ENGLISH, *_SLOVENIAN, *_ROMANIAN, *_SWEDISH, *_SERBIAN_LATIN, *_SERBIAN_CYRILLIC)))
"""Stop-words of English, Slovenian, Romanian, Swedish and Serbian (Latin and Cyrillic)."""

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)?"


def answer_words(comments: pd.Series) -> pd.DataFrame:
    """One row per word: ``answer`` (position of the answer), ``pos`` (word position) and ``word`` (lower case)."""
    words = comments.astype("string").str.lower().str.findall(_WORD)
    exploded = words.explode().dropna()
    frame = pd.DataFrame({"answer": exploded.index.to_numpy(), "word": exploded.to_numpy(dtype=object)})
    frame["pos"] = frame.groupby("answer").cumcount()
    return frame


def top_terms(comments: pd.Series, top: int = 20, min_length: int = 3) -> dict[str, Any]:
    """Most frequent words and two-word phrases, counted once per answer, with the share of answers.

    >>> t = top_terms(pd.Series(["Fast delivery, friendly staff", "very fast delivery", "Slow and rude staff"]))
    >>> t["words"][0]["term"], t["words"][0]["answers"], t["phrases"][0]["term"]
    ('delivery', 2, 'fast delivery')
    """
    comments = comments.reset_index(drop=True)
    n_answers = int(comments.notna().sum())
    words = answer_words(comments)
    usable = (~words["word"].isin(STOP_WORDS)) & (words["word"].str.len() >= min_length)
    single = words[usable].drop_duplicates(["answer", "word"])
    word_counts = single["word"].value_counts(sort=False)
    nxt = words.shift(-1)
    pairs = usable & usable.shift(-1, fill_value=False) & (nxt["answer"] == words["answer"])
    phrase = (words["word"][pairs] + " " + nxt["word"][pairs]).rename("term")
    phrase_frame = pd.DataFrame({"answer": words["answer"][pairs], "term": phrase}).drop_duplicates()
    phrase_counts = phrase_frame["term"].value_counts(sort=False)
    return {"answers": n_answers,
            "words": _ranked(word_counts, top, n_answers),
            "phrases": _ranked(phrase_counts[phrase_counts >= 2] if len(phrase_counts) else phrase_counts,
                               top, n_answers)}


def _ranked(counts: pd.Series, top: int, n_answers: int) -> list[dict[str, Any]]:
    if counts.empty:
        return []
    ordered = counts.rename("n").reset_index().rename(columns={counts.index.name or "index": "term"})
    ordered.columns = ["term", "n"]
    ordered = ordered.sort_values(["n", "term"], ascending=[False, True]).head(top)
    return [{"term": t, "answers": int(c), "share": 100.0 * int(c) / n_answers}
            for t, c in zip(ordered["term"], ordered["n"])]


def brand_attributes_compute(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    """Headline: the number of free-text answers read; details: top words and phrases."""
    frame = inputs.frames.get("surveys")
    if frame is None or "comment" not in frame.columns:
        return missing_field("brand_attributes", "count", ["comment"], N_("free-text answers"))
    comments = frame["comment"].astype("string").str.strip()
    comments = comments[comments.notna() & (comments != "")]
    if comments.empty:
        return no_value("brand_attributes", "count", N_("no free-text answers in the selected rows"))
    terms = top_terms(comments, int(params["top"]), int(params["min_length"]))
    return MetricResult("brand_attributes", float(terms["answers"]), "count", n=terms["answers"],
                        higher_is_better=None, details={"words": terms["words"], "phrases": terms["phrases"]})
