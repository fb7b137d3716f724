"""Whose sale a text tells: the rules that read a cue as a report, a negation or a told price, not the writer's
offer (arrests, headlines, "not selling", what a shop does not sell, quotations, drug tests).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from narcotrace.detect._cues import _CJK_LETTER, _SENTENCE_END, _TermInfo
from narcotrace.indicators import Price
from narcotrace.text import Normalized

# A verb that tells what a drug costs ("Cocaine is £80 a gram now", "Kokain kostet 80€ pro Gramm", "MDMA went up to
# €40 a gram"): see the rule on told prices in `extract`. A restock is no such verb ("MDMA crystals are back, 3.5g
# for $100").
_PRICE_TALK = re.compile(
    r"(?<![^\W\d_])(?:(?:is|are|was|were)(?! back| available| in stock| here| up for)|costs?|going for|went up|went down|kostet|kosten|kostete|cuesta|cuestan|"
    r"costaba|custa|custam|coûte|coûtent|costa|costano|kost|vale|valen|valía|costă|kostar|koster|kosztuje|kosztują|"
    r"стоит|стоят|стоил|подорожал\w*|подешевел\w*|"
    # Spanish "is" of a price, with its accent ("La cocaína ya está a 60€ el gramo"; "esta" is "this": "esta mota a
    # 100 el gramo" is a seller's)
    r"está|están|estaba|estaban)(?![^\W\d_])"
)
PRICE_TALK_REACH = 30  # characters from the verb to the price it tells ("kostet in Berlin jetzt 80€")


def _told_price(norm: Normalized, ntext: str, prices: list[Price]) -> bool:
    """Whether a verb of `_PRICE_TALK` tells a price of the text: a price with an amount starts within
    PRICE_TALK_REACH characters after it."""
    starts = sorted(p.start for p in prices if p.amount is not None)
    for m in _PRICE_TALK.finditer(ntext):
        end = norm.to_original(m.start(), m.end())[1]
        k = bisect.bisect_left(starts, end)
        if k < len(starts) and starts[k] - end <= PRICE_TALK_REACH:
            return True
    return False


# Sale and contact cues read the other way right after a negation ("not selling", "don't DM", "no vendo", "não
# vendo", "non vendo", "je ne vends", "не продаю", "nie sprzedaję", "kein Verkauf", "geen verkoop"). Other cues
# keep their sense: "no prescription needed" is a sale cue of its own.
NEGATABLE_CUES = frozenset({"sell", "contact"})
NEGATION_REACH = 24  # characters before a cue searched for a negation
# The word between may only be one that keeps the negation on the cue ("not currently selling", "never be selling",
# "no longer selling", "don't even DM"); "no limit selling" and "one stop shop selling" are no negations, nor is
# the Portuguese "no" (in the) after a verb of calling ("chama no zap", "me chame no whats": call me on WhatsApp),
# unless the verb is negated ("não chama no zap").
_CALL_VERBS = ("chama", "chame", "chamem", "chamar", "chamo", "manda", "mande", "fala", "fale", "contato")
_NEGATED = re.compile(
    r"(?:^|[^\w'’])(?<!one )(?<!non )(?<!non-)"
    + "".join(f"(?<!{verb} )" for verb in _CALL_VERBS)
    + r"(?:not|no|don[’']?t|do not|never|stop|quit|won[’']?t|isn[’']?t|ain[’']?t|doesn[’']?t|didn[’']?t|"
    r"aren[’']?t|não|nao|non|nunca|jamás|jamas|ne|n[’']|не|ни|nie|kein|keine|keinen|nicht|geen|niet)"
    r"[ \t]+(?:(?:even|currently|really|longer|more|be|been|ever|actually|just|always|yet|anymore|i|we)[ \t]+)?"
    r"(?:(?:me[ \t]+)?(?:" + "|".join(_CALL_VERBS) + r")[ \t]+n[oa][ \t]+)?$"
)
# Arabic "لا" (and "ولا", "and not") and "لن", and the dialects' "مش", "مو", right before a sale verb: "لا
# نبيع" (we do not sell), "مش بنبيع" (the dialects' "ب" before the verb). Sale cues only: before a contact
# noun "ولا" is "or" ("تلي ولا واتساب", Telegram or WhatsApp, a seller's). "ما" is left out: it is also "what"
# ("ما نبيع", what we sell).
_AR_NEGATED = re.compile(r"(?<!\w)(?:لا|ولا|لن|مش|مو)[ \t]+ب?$")

# Scripts without spaces and Korean write the negation against the cue: Chinese and Thai before it ("本店不出售",
# "不单独出售", "没有出售", "禁止出售", "ไม่ขาย"), Korean before ("안 팝니다") or after it ("판매하지 않습니다", "판매 금지"),
# Japanese after it, in a polite negative or a ban ("販売していません", "販売は行っておりません", "販売禁止").
# "药店：曲马多不单独出售" (a pharmacy does not sell tramadol alone) was an offer at 0.79 (session 13).
_NEGATED_BEFORE = re.compile(
    r"(?:不|不再|不会|不會|没有|沒有|没|沒|禁止|严禁|嚴禁|勿|ไม่|ไม่ได้|안[ \t]+)(?:单独|單獨|再|会|會|可以|能)?$"
)
# What makes a negated sale a restriction on whom the seller sells to, not a refusal to sell: Thai "ไม่ขายให้เด็ก"
# (no sale to minors) is on every cannabis shop's menu. "别" (don't) is left out: it ends "级别" and "特别" (level,
# special), and "别加我" in a seller's post tells time-wasters not to add him.
_RESTRICTED_SALE = re.compile(r"[ \t]*ให้")
_NEGATED_AFTER = re.compile(r"(?:は|を)?(?:行|致)?[\u3040-\u309f]{0,8}?ません|禁止|[ \t]*(?:하지[ \t]*않|금지|불가)")


# Reports of arrests, charges and sentences: an arrest word before a sale, contact, shipping or payment cue in the
# same sentence, with a drug named after it ("Police arrest man selling fentanyl via Snapchat", "charged with
# selling", "bắt đối tượng bán ma túy đá qua Zalo"), tells what someone else did. Words of police and court reports
# in English, Spanish, Portuguese, French, German, Italian, Russian, Vietnamese, Chinese and Korean
# (narcotrace-authored ordinary vocabulary). Left out as ambiguous: "busted" (sold out; "bust down"), bare
# "charged" (batteries), "caught", Spanish "captura" (a screenshot), Portuguese "prende" and "preso", French
# "arrêté" (stopped), Italian "fermato" (a stop), German "nimmt ... fest".
REPORTABLE_CUES = frozenset({"sell", "contact", "shipping", "payment"})
REPORT_REACH = 80  # characters before a cue searched for an arrest word
# Vietnamese arrest words, of reports and of headlines alike (`_ARREST`, `_VI_ARREST`).
_VI_ARREST_WORDS = (
    r"bắt giữ|bị bắt|bắt quả tang|tạm giữ|tạm giam|khởi tố|truy tố|lĩnh án|triệt phá|tuyên phạt|tuyên án|phạt tù|"
    r"bị[ \t]+(?:công[ \t]+an|cảnh[ \t]+sát)[ \t]+bắt"
)
_ARREST = re.compile(
    r"(?:(?<![^\W\d_])(?:arrest(?:s|ed|ing|a|an|ó|aron|ad[oa]s?)?|detain(?:s|ed)?|charged with|indicted|sentenced|"
    r"convicted|jailed|nabbed|detiene[n]?|detuvo|detuvieron|detenid[oa]s?|condenad[oa]s?|"
    r"prenderam|detid[oa]s?|interpellée?s?|condamnée?s?|festgenommen|verhaftet|verurteilt|arrestat[oaie]|"
    r"condannat[oaie]|задержан[аыо]?|задержали|арестован[аыо]?|арестовали|осужд[её]н[аыо]?|bắt đối tượng|"
    # Arabic: the arrest of, arrest, detention (session 21), not an account's suspension ("بعد توقيف حسابي القديم")
    r"القبض على|اعتقال|توقيف(?![ \t]*(?:ال)?حساب)|"
    + _VI_ARREST_WORDS
    + r")(?![^\W\d_])|抓获|逮捕|被抓|被捕|落网|落網|刑拘|拘留|判处|判刑|获刑|獲刑|検挙|검거|체포|구속)",
    re.IGNORECASE,
)
# Arrest words read at the end of a Vietnamese headline's clause (`_vietnamese_subject`): "sa lưới" (fell into the
# net) is a dealer's word too ("Sa lưới bên kia rồi, giờ bên em bán ketamine": the others got caught, now we sell).
_ARREST_LAST = re.compile(r"(?<![^\W\d_])sa[ \t]+lưới(?![^\W\d_])|" + _ARREST.pattern, re.IGNORECASE)
# ... and before the sale when the headline says what for: "Sa lưới vì bán ma túy qua Telegram" (caught for selling),
# "Nữ quái sa lưới khi bán ma túy" (caught while selling).
_ARREST_FIRST = re.compile(
    r"(?<![^\W\d_])sa[ \t]+lưới(?=[ \t]+(?:vì|khi|do|sau[ \t]+khi)(?![^\W\d_]))|" + _ARREST.pattern, re.IGNORECASE
)
# A negated arrest is a seller's boast ("never been arrested", "cant get arrested", "ни разу не задержали", "không sợ
# bị bắt", "从没被抓", "从不落网").
_ARREST_NEGATED = re.compile(
    r"(?:(?:(?<![^\W\d_])(?:never|not|no|cant|dont|wont|aint|didnt|zero|nunca|jamás|jamas|sin|nadie|ningún|ninguno|"
    r"ninguna|cero|não|nao|nenhum|nenhuma|ninguém|jamais|aucun|aucune|kein|keine|keiner|nie|не|không|chưa)"
    r"(?![^\W\d_])|n[’']t|(?<!\d)0|从没|從沒|从未|從未|从不|從不|不会|不會|没有|沒有|没人|沒人|无人|無人|没|沒|不怕|未)"
    r"[^\w\n]{0,3}(?:[^\W\d_]+[^\w\n]{1,3}){0,2}|零|无一人|無一人)$",
    re.IGNORECASE,
)
# Japanese and Korean negate after the word, and Chinese and Vietnamese sellers' guarantees follow it: "逮捕歴なし" (no
# arrest record), "逮捕されない", "검거된 적 없음" (never caught), "구속 걱정 없이" (no worry of arrest), "被捕包赔"
# and "bị bắt hoàn tiền" (arrested: we refund): a seller's boast, no report.
_ARREST_NEGATED_AFTER = re.compile(
    r"[ \t]*(?:歴なし|歴ゼロ|者ゼロ|者なし|されな|されたこと|の心配|のリスク|걱정|위험|리스크|된[ \t]*적|되면|없|0[ \t]*건|0(?![\d.,])|절대|한[ \t]*번도|안[ \t]*됨|"
    r"안[ \t]*되|包赔|包賠|退款|风险|風險|不了|率为零|率為零|"
    r"(?:giữ[ \t]*)?(?:[:\-–?!][ \t]*)?(?:thì[ \t]+)?"
    r"(?:(?:shop|bên[ \t]+(?:em|mình)|mình|em|tụi[ \t]+em|chúng[ \t]+tôi)[ \t]+)?"
    r"(?:hoàn(?:[ \t]+lại)?(?:[ \t]+\d+[ \t]*%)?[ \t]+tiền|lo[ \t]+(?:hết|tất)|"
    r"(?:bao[ \t]+|\d+[ \t]+)?đền(?:[ \t]+(?:bù|tiền|gấp|\d))?|bao[ \t]+hoàn|bồi[ \t]+thường|trả[ \t]+lại[ \t]+tiền|"
    r"chịu[ \t]+(?:hết|trách[ \t]+nhiệm))(?![^\W\d_]))"
)


class _Positions:
    """Where the matches the report rules look up lie, sorted, so that each cue's look-up is a bisection and not a
    pass over every match (a 50,000-character page holds thousands of cues)."""

    def __init__(self, ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> None:
        # most texts name no arrest: one search of the text spares two per cue
        self.has_arrest = _ARREST_LAST.search(ntext) is not None
        self.substances = sorted((a, b) for a, b, i in matches if i.kind == "substance")
        self.substance_starts = [a for a, _ in self.substances]
        self.substance_ends: set[int] | None = None  # built when a list's comma is first looked at
        self.sells = sorted((a, b) for a, b, i in matches if i.kind == "intent" and i.name == "sell")
        self.sell_starts = [a for a, _ in self.sells]
        self.first_sell_end = min((b for _, b in self.sells), default=None)
        self.last_writer_start = max(
            (a for a, _, i in matches if i.kind == "intent" and i.name in _WRITERS_CUES), default=None
        )

    def lists_drugs(self, ntext: str, at: int) -> bool:
        """Whether the mark at ntext[at] parts two drug names of a list ("thuốc lắc, ketamine", "冰毒、K粉")."""
        k = bisect.bisect_right(self.substance_starts, at)
        if k == len(self.substances) or ntext[at + 1 : self.substances[k][0]].strip():
            return False
        # a name that ends at the mark, spaces aside (names found inside others end elsewhere)
        end = at
        while end > 0 and ntext[end - 1].isspace():
            end -= 1
        if self.substance_ends is None:
            self.substance_ends = {b for _, b in self.substances}
        return end in self.substance_ends

    def substance_within(self, lo: int, hi: int) -> bool:
        """Whether a substance lies in [lo, hi)."""
        k = bisect.bisect_left(self.substance_starts, lo)
        while k < len(self.substances) and self.substances[k][0] < hi:
            if self.substances[k][1] <= hi:
                return True
            k += 1
        return False

    def sells_within(self, lo: int, hi: int) -> Iterable[tuple[int, int]]:
        """The sale cues in [lo, hi)."""
        k = bisect.bisect_left(self.sell_starts, lo)
        while k < len(self.sells) and self.sells[k][0] < hi:
            if self.sells[k][1] <= hi:
                yield self.sells[k]
            k += 1


# The positions of the last matches list looked up: `_reported` is asked once per cue with the same list. A tuple
# replaced whole, so that threads never pair one list with another's positions.
_last_positions: tuple[object, _Positions | None] = (None, None)


def _positions(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> _Positions:
    """The `_Positions` of `matches` in ntext (lists are not changed once built, and one is found in one text)."""
    global _last_positions
    held, positions = _last_positions
    if held is not matches or positions is None:
        positions = _Positions(ntext, matches)
        _last_positions = (matches, positions)
    return positions


def _reported(ntext: str, start: int, end: int, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether the cue at ntext[start:end] tells what an arrested person did: an arrest word (`_ARREST`) before it
    in the same sentence, within REPORT_REACH characters, not negated, with no sale word of the writer's before it
    and a drug named after it; or, as a headline tells it, an arrest word after it in the same clause
    (`_reported_before_arrest`)."""
    positions = _positions(ntext, matches)
    if not positions.has_arrest:
        return False
    if _reported_before_arrest(ntext, start, end, positions):
        return True
    m = None
    for m in _ARREST_FIRST.finditer(ntext, max(0, start - REPORT_REACH), start):
        pass
    if m is None or _SENTENCE_END.search(ntext, m.end(), start):
        return False
    if _arrest_negated(ntext, m):
        return False
    if positions.first_sell_end is not None and positions.first_sell_end <= m.start():
        return False
    # A seller tells of an arrest, then of their own sale: "Sa lưới bên kia rồi, giờ bên em bán ketamine" (the other
    # one got caught, now we sell), "my plug got arrested so now I'm selling percs".
    if (_VI_FIRST_PERSON if _VI_ARREST.fullmatch(m.group()) else _EN_FIRST_PERSON).search(ntext, m.end(), start):
        return False
    return bool(positions.substance_starts) and positions.substance_starts[-1] >= m.end()


def _arrest_negated(ntext: str, m: re.Match[str]) -> bool:
    """Whether the arrest word `m` is negated: a seller's boast or guarantee, no report."""
    return bool(_ARREST_NEGATED.search(ntext, max(0, m.start() - 24), m.start()) or _ARREST_NEGATED_AFTER.match(ntext, m.end()))


def _boasted_arrest(ntext: str, start: int, end: int) -> bool:
    """Whether the news cue at ntext[start:end] is an arrest word (`_ARREST`) that the writer boasts of escaping
    (`_ARREST_BOAST`, `_ARREST_NEGATED_AFTER`). News negates arrests too, in other words: "No arrests in the case",
    "still not arrested", "至今无人落网", "до сих пор не задержан"."""
    m = _ARREST.match(ntext, start)
    return (
        m is not None
        and m.end() == end
        and bool(_ARREST_BOAST.search(ntext, max(0, m.start() - 24), m.start()) or _ARREST_NEGATED_AFTER.match(ntext, m.end()))
        # news tells of the dealers' promises: "Thủ đoạn của kẻ bán ma túy qua mạng: bị bắt hoàn tiền" (their trick)
        and not (_VI_ARREST.fullmatch(m.group()) and _VI_QUOTING.search(ntext, max(0, m.start() - REPORT_REACH), m.start()))
    )


# The words with which Vietnamese news tells of dealers' promises before telling them: their ads, tricks, ploys, lures
# and promises (looked for before the arrest word only: "hàng chuẩn như quảng cáo", goods as advertised, is a seller's).
_VI_QUOTING = re.compile(
    r"(?<![^\W\d_])(?:quảng cáo|thủ đoạn|chiêu trò|chiêu thức|chiêu lừa|dụ khách|dụ dỗ|lời hứa)(?![^\W\d_])", re.IGNORECASE
)


# The words of a seller's boast before an arrest word: "never been arrested", "cant get arrested", "nunca me han
# detenido", "从未被捕", "不怕被抓", "十年没人落网", "十年老店零落网" (none caught; 零 and 无一人 right before the
# word: "警方零容忍 抓获" is zero tolerance), "客户无一人被捕" (not one customer arrested), "ни разу не задержали",
# not Vietnamese "chưa ai bị bắt" (nobody caught yet), "chưa từng bị bắt" (never) or "không sợ bị bắt": news says
# them in the same words ("Vì sao kẻ bán ma túy qua Telegram không bao giờ bị bắt?", "đến nay không ai bị bắt"), and
# a Vietnamese seller's boast is read only as a guarantee after the word ("bị bắt hoàn tiền"). A headline's
# "Dealer never arrested despite..." or "Nunca detenido: el hombre que..." has no auxiliary and stays news.
_ARREST_BOAST = re.compile(
    r"(?:(?:(?<![^\W\d_])(?:never[ \t]+(?:been|got|gotten|get|gets|getting|once|ever)|(?:cant|can[’']t|wont|won[’']t|"
    r"dont|don[’']t)[ \t]+(?:get|be)|(?:nunca|jamás|jamas|jamais)[ \t]+(?:me|nos|he|hemos|han|fui|fuimos|fomos|j[’']ai|"
    r"m[’']ont)|ни[ \t]+разу(?:[ \t]+не)?)(?![^\W\d_])|从未|從未|从没|從沒|从不|從不|不会|不會|不怕|没人|沒人)"
    r"[^\w\n]{0,3}(?:[^\W\d_]+[^\w\n]{1,3}){0,2}|零|无一人|無一人)$",
    re.IGNORECASE,
)


# What ends a clause: a headline tells the sale and the arrest in one ("텔레그램으로 필로폰 판매한 일당 검거"), a seller
# who mentions an arrest does it in a clause of its own ("selling bars, dm me, got arrested once lol"). Not a dot of
# an ellipsis ("selling meth on Telegram... arrested"), one between digits ("for $20.50 a gram arrested") nor one of a
# site's name ("Teen selling Xanax on Snapchat.com arrested", "on Amazon.co.uk").
_CLAUSE_MARKS = r"(?<=\d)\.(?![.\d])|[!?。！？,;:，；：、|–—]|\s-\s"
_CLAUSE_END = re.compile(
    r"(?<![.\d])(?<!\.co)(?<!\.com)\.(?!\.|(?:com|net|org|gov|edu|info|biz|io|co|app|shop|store|online|onion)(?![^\W\d_]))|/|"
    + _CLAUSE_MARKS,
    re.IGNORECASE,
)
_LIST_COMMAS = frozenset(",，、")
# In Vietnamese, Chinese, Japanese and Korean headlines a dot before a letter ("TP.HCM") and a slash between words
# ("500 nghìn đồng/gói", a rate; "冰毒/K粉", a list) end no clause. (In English posts they part a seller's menu or
# link from their story: "Selling 30s/blues $15 each ... my plug jailed".)
_HEADLINE_CLAUSE_END = re.compile(r"(?<![.\d])\.(?![.\w])|(?<=\s)/|/(?=\s)|" + _CLAUSE_MARKS)


# An arrest the writer could suffer, not one that happened: "dont worry about getting arrested", "cant get arrested",
# "不会被抓" (won't be caught), "검거될 일 없음" (no chance of being caught), "逮捕される心配なし". A headline's arrest
# follows the arrested: "Woman accused of selling meth on Facebook arrested".
_ARREST_UNREAL_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:get|gets|getting|got|gotten|be|being|(?<!has )(?<!have )(?<!had )been|worry about|worried about|afraid of|scared of|"
    r"fear of|risk of|chance of|risk|risking|without|avoid|cant|dont|wont|aint|never)|不|怕|会|會|担心|擔心)[^\w\n]{0,3}$",
    re.IGNORECASE,
)
_ARREST_UNREAL_AFTER = re.compile(r"[ \t]*(?:될|되는|당할|される|されず|されません)")


def _reported_before_arrest(ntext: str, start: int, end: int, positions: _Positions) -> bool:
    """Whether the cue at ntext[start:end] is what an arrested person did, told before the arrest as headlines in
    Korean, Japanese, Chinese and Vietnamese and many English ones put it ("텔레그램으로 필로폰 판매한 일당 검거",
    "通过微信出售大麻的团伙落网", "Đối tượng bán ma túy đá qua Zalo bị bắt", "Teen selling pills on Snapchat arrested"):
    an arrest word after the cue within REPORT_REACH characters and in the same clause, not negated (a Vietnamese
    headline's may be: `_vietnamese_subject`), and a drug named in that clause before the arrest word."""
    m = _ARREST_LAST.search(ntext, end, end + REPORT_REACH)
    if m is None:
        return False
    # (the word's script alone, not `_script_of`, which searches the whole text for kana)
    cjk = _HANGUL.search(m.group()) is not None or _CJK_LETTER.search(m.group()) is not None
    clause_end = _HEADLINE_CLAUSE_END if cjk or _VI_ARREST.fullmatch(m.group()) else _CLAUSE_END
    # A comma of a list of drugs parts no clause: "Người phụ nữ bán thuốc lắc, ketamine, ma túy đá qua Zalo bị bắt".
    if any(
        c.group() not in _LIST_COMMAS or not positions.lists_drugs(ntext, c.start())
        for c in clause_end.finditer(ntext, end, m.start())
    ):
        return False
    lo = max((c.end() for c in clause_end.finditer(ntext, max(0, start - REPORT_REACH), start)), default=0)
    # A Vietnamese headline names the arrested first: what it tells of them is theirs, whether or not they were
    # arrested ("Đối tượng bán cần sa qua Telegram vẫn chưa bị bắt", still not arrested), unless a seller's
    # guarantee follows the word ("bị bắt hoàn tiền").
    # (The clause must begin within reach: a text without clause ends has none to open with the arrested.)
    vietnamese = (lo > 0 or start <= REPORT_REACH) and _vietnamese_subject(ntext, lo, start, m, positions)
    if _ARREST_NEGATED_AFTER.match(ntext, m.end()) or (
        _ARREST_NEGATED.search(ntext, max(0, m.start() - 24), m.start())
        and (not vietnamese or _VI_FEARLESS.search(ntext, max(0, m.start() - 16), m.start()))
    ):
        return False
    if _ARREST_UNREAL_BEFORE.search(ntext, max(0, m.start() - 24), m.start()) or _ARREST_UNREAL_AFTER.match(ntext, m.end()):
        return False
    # A seller goes on after the arrest with their own cues ("...since my plug was arrested hmu", "老板刚落网 现货清仓");
    # a headline ends there.
    if positions.last_writer_start is not None and positions.last_writer_start >= m.end() and not (
        vietnamese and _VI_WHILE.search(ntext, m.end(), min(positions.last_writer_start, m.end() + 12))
    ):
        return False
    # Korean, Japanese and Chinese sellers run their words together with spaces and mention an arrest in one of them
    # ("十年没人落网", "검거 0건"); a headline tells the sale in a relative clause (`_RELATIVE`).
    script = _script_of(ntext, m.group()) if cjk else None
    if script is not None and not _relative_clause(script, ntext, start, end, m.start(), positions):
        return False
    # In other scripts only English and Vietnamese headlines are read so: dealers in Spanish, Portuguese, French and
    # German end their posts with the risk they spare the buyer in words no list holds ("sem medo de ser detido",
    # "sans risque d'être interpellé", "ohne Risiko festgenommen zu werden"), and their headlines tell the arrest
    # first ("Detenido un hombre que vendía...", read by the rule above); a Vietnamese headline opens with the
    # arrested (`_vietnamese_subject`).
    if script is None and not vietnamese and not (
        _EN_ARREST.fullmatch(m.group())
        # a seller's own story: "Selling oxy perc 30s my last plug arrested", "... t.me/x cops arrested him"
        and not _EN_FIRST_PERSON.search(ntext, lo, m.start())
        and not _CONTACT_DETAIL.search(ntext, lo, m.start())
    ):
        return False
    return positions.substance_within(lo, m.start())


_WRITERS_CUES = frozenset({*REPORTABLE_CUES, "promo"})
# A Vietnamese headline opens its clause with the arrested, a noun of a third person, before the sale: "Đối tượng bán
# ma túy đá qua Zalo bị bắt" (suspect selling meth via Zalo arrested), "Nam thanh niên 9X chuyên bán cỏ bị khởi tố",
# "[Video] Đối tượng Nguyễn Văn H. (SN 1995) bán ma túy... bị bắt"; six words at most between the noun and the sale,
# none a first person's ("Nhóm mình bán ketamine..., bạn em bị bắt": our group, my friend). A dealer opens with the
# sale or with themselves ("Bán ma túy đá ship toàn quốc, bạn em bị bắt nên xả hàng").
_VI_ARREST = re.compile(_VI_ARREST_WORDS + r"|sa lưới", re.IGNORECASE)
_VI_SUBJECT = re.compile(
    r"[^\w\[]*(?:\[[^\]]{0,20}\][ \t]*)?(?:(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|một|các|nhiều|những|\d+)[ \t]+)?"
    r"(?:cựu[ \t]+)?(?:đối tượng|nghi phạm|bị can|bị cáo|kẻ|gã|ả|trùm|nữ quái|nam thanh niên|thanh niên|thiếu niên|"
    r"thiếu nữ|hot[ \t]?girl|nam sinh|nữ sinh|du học sinh|sinh viên|học sinh|cô gái|chàng trai|người đàn ông|"
    r"người phụ nữ|phụ nữ|đàn ông|bà mẹ|người mẹ|shipper|người|vợ chồng|"
    r"cặp vợ chồng|nhóm|băng nhóm|ổ nhóm|đường dây|tài xế|chủ quán|anh[ \t]+em[ \t]+ruột|"
    r"(?:hai|ba|bốn|\d+)[ \t]+anh[ \t]+em|[6-9]x|2k)(?![^\W\d_])(?:[ \t]+[^\s,;:!?]+){0,6}?[ \t]*",
    re.IGNORECASE,
)
# "Not afraid, no worry of arrest" is a seller's boast even after a noun that could open a headline ("Nhóm bán cần sa
# ... không sợ bị bắt").
_VI_FEARLESS = re.compile(r"(?<![^\W\d_])(?:không|chẳng|chả|đừng|khỏi)[ \t]+(?:sợ|lo|ngại)(?![^\W\d_])[ \t]*$", re.IGNORECASE)
# A Vietnamese headline goes on with when the arrest happened, right after the word: "... bị bắt khi đang giao hàng"
# (while delivering).
_VI_WHILE = re.compile(r"(?<![^\W\d_])(?:khi|lúc|trong khi|trong lúc)(?![^\W\d_])", re.IGNORECASE)
_CONTACT_DETAIL = re.compile(
    r"(?<![\d$€£¥₫.,])(?:\d{8,}|\d{2,4}(?:[ -]\d{3,4}){2}|\d{3,4}\.\d{3}\.\d{3,4})(?![\d.,]|[ \t]?(?:đ|vnd|usd|\$|€))"
    r"|@[^\W_]|(?:t|wa|wickr)\.me/|telegram\.me/"
)
# A first person in English: headlines tell of others.
_EN_FIRST_PERSON = re.compile(r"(?<![^\W\d_])(?:i|i[’']m|im|my|me)(?![^\W\d_])")  # not "us" ("US man..."), "our" ("our county")
_VI_FIRST_PERSON = re.compile(
    r"(?<![^\W\d_])(?:mình|(?<!anh )em(?![ \t]+(?:trai|gái|họ|ruột|rể|dâu|út))|tôi|tao|tớ|chúng tôi|bọn tôi|chúng mình|bọn mình|tụi mình|chúng em|bọn em|tụi em)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def _vietnamese_subject(ntext: str, lo: int, start: int, m: re.Match[str], positions: _Positions) -> bool:
    """Whether the Vietnamese arrest word `m` closes a headline whose clause, from `lo`, opens with the arrested
    (`_VI_SUBJECT`) right before its first sale cue, at or before the cue at `start`, and holds no first person
    before the arrest word."""
    if not _VI_ARREST.fullmatch(m.group()):
        return False
    sale = next(iter(positions.sells_within(lo, m.start())), None)
    if sale is None or sale[0] > start or _VI_SUBJECT.fullmatch(ntext, lo, sale[0]) is None:
        return False
    # The clause is short now (six words, then the sale within reach of the arrest word): the searches below are
    # bounded. A headline prints no phone number or handle ("Thanh niên bán cần sa ... zalo 0909123456 bị bắt").
    return not (_VI_FIRST_PERSON.search(ntext, lo, m.start()) or _CONTACT_DETAIL.search(ntext, lo, m.start()))


_EN_ARREST = re.compile(r"arrest(?:s|ed|ing)?|detain(?:s|ed)?|charged with|indicted|sentenced|convicted|jailed|nabbed", re.IGNORECASE)
# What ties a sale told before an arrest word to the arrested, in a headline: a Korean attributive ending right after
# the sale word ("판매한 일당 검거", "판매하던 20대 체포"; not any adjective: "확실한 물건"), Japanese した, 疑い or 容疑
# ("販売した疑いで男を逮捕"), Chinese 的 or 被 a few characters before the arrest word, in the same word
# ("出售大麻的团伙落网", "男子被刑拘"; not "质量好的 被抓过一次").
_KO_RELATIVE = re.compile(r"(?:한|하던|해[ \t]?온|하다)(?:[ \t]|$)")
_JA_RELATIVE = re.compile(r"した|していた|疑い|容疑")
_ZH_RELATIVE = re.compile(r"(?:的[^\s，。,、！？!?]{0,8}|被[^\s，。,、！？!?]{0,6})$")


def _relative_clause(script: str, ntext: str, start: int, end: int, arrest: int, positions: _Positions) -> bool:
    """Whether the cue at ntext[start:end] and the arrest word at `arrest` are tied by a relative clause in
    `script` ("ko", "ja", "zh": see `_KO_RELATIVE`)."""
    if script == "ko":
        return any(_KO_RELATIVE.match(ntext, b) for _, b in positions.sells_within(start, arrest))
    return (_JA_RELATIVE if script == "ja" else _ZH_RELATIVE).search(ntext, end, arrest) is not None


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def _script_of(ntext: str, word: str) -> str | None:
    """The language of an arrest word in ntext: "ko" in Hangul; in Han characters "ja" where the text holds kana
    (逮捕 is Chinese and Japanese) or for 検挙, else "zh"; None in other scripts."""
    if _HANGUL.search(word):
        return "ko"
    if not _CJK_LETTER.search(word):
        return None
    return "ja" if word == "検挙" or _KANA.search(ntext) else "zh"


def _negated(ntext: str, start: int, end: int, name: str = "") -> bool:
    """Whether the sale or contact cue (of kind `name`) at ntext[start:end] is negated ("not selling", "不出售",
    "販売していません", "لا نبيع")."""
    return bool(
        _NEGATED.search(ntext, max(0, start - NEGATION_REACH), start)
        or (name == "sell" and _AR_NEGATED.search(ntext, max(0, start - 6), start))
        or (_NEGATED_BEFORE.search(ntext, max(0, start - 6), start) and not _RESTRICTED_SALE.match(ntext, end))
        or _NEGATED_AFTER.match(ntext, end)
    )


# A sale the writer calls illegal is someone else's, told by a report or a history: "accused of illegally selling THC
# gummies", "ลูกชายที่ลักลอบขายฝิ่น" (the son who secretly sold opium), "非法出售", "불법으로 판매". A seller names
# the goods and the way to reach him, not the law he breaks. The adverb stands right before the sale word (English
# also "illegally" + "be" forms are not needed: "was illegally selling").
_ILLICIT_BEFORE = re.compile(
    # not the writer's own boast ("we're illegally selling premium cali weed lol, dm on telegram")
    r"(?:(?<!\bi[’']m )(?<!\bim )(?<!\bi am )(?<!\bwe[’']re )(?<!\bwe are )"
    r"\b(?:illegally|illicitly|unlawfully)[ \t]+|ลักลอบ[ \t]*|非法[ \t]*|違法に[ \t]*|불법(?:으로|적으로)?[ \t]*)$",
    re.IGNORECASE,
)
ILLICIT_REACH = 26


def _illicit_sale(ntext: str, start: int) -> bool:
    """Whether the sale cue starting at ntext[start] follows an adverb of illegality (`_ILLICIT_BEFORE`)."""
    return _ILLICIT_BEFORE.search(ntext, max(0, start - ILLICIT_REACH), start) is not None


def _not_the_writers(
    ntext: str, start: int, end: int, name: str, matches: list[tuple[int, int, _TermInfo]]
) -> str:
    """Why the intent cue of kind `name` at ntext[start:end] is not the writer's own: "negated" ("not selling",
    "لا نبيع"), "reported" (a sale called illegal, or told of an arrested person), or "" when it stands. The one
    test of the scanner's evidence, of the street-name rules (`_standing_cues`) and of chats' turns."""
    if name in NEGATABLE_CUES and _negated(ntext, start, end, name):
        return "negated"
    if (name == "sell" and _illicit_sale(ntext, start)) or (
        name in REPORTABLE_CUES and _reported(ntext, start, end, matches)
    ):
        return "reported"
    return ""
# Double quotation marks, opening and closing (a straight quote is both), and how far a quotation reaches.
_OPEN_QUOTES = "\"“«„「『"
_CLOSE_QUOTES = "\"”»“」』"
QUOTE_REACH = 80


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (the text as written: normalization makes lines one) stands inside double quotation
    marks on one line: an opening mark before it within QUOTE_REACH characters with no closing mark between (an odd
    count of straight ones), and a closing mark after it within that reach."""
    before = text[max(0, start - QUOTE_REACH):start]
    before = before[before.rfind("\n") + 1:]
    after = text[end:end + QUOTE_REACH]
    after = after[:after.find("\n")] if "\n" in after else after
    if before.count('"') % 2 == 1 and '"' in after:
        return True  # straight quotes pair up: an odd count before the cue opens one
    op = max(before.rfind(q) for q in _OPEN_QUOTES if q != '"')
    if op < 0 or any(q in before[op + 1:] for q in _CLOSE_QUOTES if q not in _OPEN_QUOTES):
        return False
    return any(q in after for q in _CLOSE_QUOTES if q != '"')



# A shop's or a user's statement of what it does not sell ("We do not sell any THC products", "no vendemos
# marihuana", "wir verkaufen keine Drogen", "不卖大麻"): the drugs named after it in its sentence are not on offer.
_NOT_SOLD_VERB = re.compile("sell|stock|carry|offer|vend|verkauf|прода|不卖|不出售|ไม่ขาย")  # looked for first
_NOT_SOLD = re.compile(
    r"(?<![^\W\d_])(?:(?:do|does|did|will)[ \t]+not|not|don[’']?t|doesn[’']?t|won[’']?t|never|no[ \t]+longer)[ \t]+"
    r"(?:sell|sells|selling|carry|carrying|stock|offer|offering)(?![^\W\d_])"
    r"|(?<![^\W\d_])(?:no[ \t]+(?:vendemos|vendo|vende)|não[ \t]+(?:vendemos|vendo|vende)|ne[ \t]+vendons[ \t]+pas|"
    r"(?:verkaufen|verkaufe)[ \t]+kein\w*|не[ \t]+прода[её]м|не[ \t]+продаю)(?![^\W\d_])"
    r"|不卖|不出售|ไม่ขาย",
    re.IGNORECASE,
)
# What a dealer says he does not sell that is no drug: a restriction on whom ("we do not sell to minors", "no vendemos
# a menores", "ไม่ขายให้เด็ก"), an amount, a grade or a kind of sale ("we don't sell singles", "less than an 8th",
# "fakes", "mids", "shake", "por menos de 5g", "меньше 5г", "Kleinmengen", "de coupé", "假货", "ปลีก" retail, "não vendo
# fiado": on credit), or "anything but gas" (a review of session 22: the dealer's own drugs after such a statement
# were dropped).
_NOT_WHAT = re.compile(
    r"[ \t]*(?:any[ \t]+|de[ \t]+|du[ \t]+|el[ \t]+|la[ \t]+|por[ \t]+)?"
    r"(?:(?:to|a|à|an|aux|less|fewer|under|below|single|singles|fake|fakes|bunk|cut|mids|shake|retail|anything|"
    r"nothing|menos|cortad[oa]|coupé|coupe|меньше|менее|kleinmengen|streckmittel|fiado|fiao|on[ \t]+credit|"
    r"a[ \t]+cr[ée]dito|fronts?)(?![^\W\d_])|ให้|ปลีก|假)",
    re.IGNORECASE,
)
# Where the statement's reach ends: its sentence, a colon or dash, or a clause that turns to what is sold ("we don't
# sell fake pills, only real M30s $25"); its last comma goes on only into a list ("any THC, cannabis or CBD products").
_UNSOLD_STOP = re.compile(
    r"[.!?\n。！？:;—–]|(?<![^\W\d_])(?:only|just|but|solo|sólo|nur|aber|только|но|mais|seulement|só|apenas)(?![^\W\d_])"
    r"|只|但",
    re.IGNORECASE,
)
_LIST_COMMA = re.compile(r"[,，、]")
_LIST_WORD = re.compile(r"(?<![^\W\d_])(?:or|and|nor|y|o|ni|ou|et|oder|und|или|и|或|和)(?![^\W\d_])", re.IGNORECASE)
NOT_SOLD_REACH = 200  # characters after the statement that it may cover


def _unsold_end(ntext: str, start: int) -> int:
    """Where the reach of a statement of what is not sold, at ntext[start], ends (`_UNSOLD_STOP`, `_LIST_COMMA`)."""
    limit = min(len(ntext), start + NOT_SOLD_REACH)
    stop = _UNSOLD_STOP.search(ntext, start, limit)
    end = stop.start() if stop is not None else limit
    # After the last comma, what no list word joins is no item of the list ("weed, coke, ask me"): the comma ends it.
    last = None
    for last in _LIST_COMMA.finditer(ntext, start, end):
        pass
    if last is not None and _LIST_WORD.search(ntext, last.end(), end) is None:
        return last.start()
    return end


def _in_spans(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether pos lies in one of `spans` (sorted by start, `starts` their starts; bisection, not a scan of all)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


# What a drug test is called right after the drug ("fentanyl test strips", "MDMA reagent kit") and right before
# it ("test kits for", "tiras reactivas de", "bandelettes de test"); drugs listed after the first one ("for MDMA,
# cocaine and ketamine") are tested too.
# Since session 23 also with the sample the test takes between ("THC urine test strips"), the cups, cards and panels
# of urine screens, the verb ("Test your MDMA: Marquis reagent kit") and a list after a colon or a parenthesis
# ("Drug Test Kit 12-panel urine cup (THC, COC, OPI, AMP, MET)"): such listings were offers at 0.75-0.95.
_TEST_AFTER = re.compile(
    r"\s*(?:(?:urine|saliva|rapid|home|drug|dip)\s+)?(?:test(?:ing)?\s+(?:strips?|kits?|cups?|cards?|panels?)"
    r"|reagents?(?:\s+(?:tests?|kits?))?|teststreifen|schnelltests?)(?![^\W_])"
)
_TEST_BEFORE = re.compile(
    r"(?<![^\W_])(?:(?:test(?:ing)?\s+(?:strips?|kits?|cups?|cards?|panels?)|reagents?(?:\s+(?:tests?|kits?))?"
    r"|urine\s+(?:cups?|panels?)|panel\s+cups?)(?:\s+(?:for|de|pour|für|para)\s+|\s*[:(]\s*)"
    r"|(?:checking\s+kits?|tiras\s+reactivas|bandelettes(?:\s+de\s+test)?|tests?|kits?)\s+(?:for|de|pour|für|para)\s+"
    r"|test\s+(?:your|ur)\s+)$"
)
_TEST_WORDS = ("test", "reag", "kit", "tiras", "bandelettes")
# Overdose-reversal medicines, handed out and sold by harm-reduction services and pharmacies: never the drug a
# seller offers.
_OVERDOSE_REVERSAL = frozenset({"naloxone", "nalmefene"})
_LIST_GAP = re.compile(r"^\s*(?:,|&|/|\+|and|or|y|et|und|e|o)?\s*(?:,|and|y|et|und)?\s*$")


def _tested_spans(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> set[tuple[int, int]]:
    """The spans of drug terms named as what a test detects (see _TEST_AFTER, _TEST_BEFORE)."""
    subs = sorted({(a, b) for a, b, i in matches if i.kind == "substance"})
    out: set[tuple[int, int]] = set()
    prev: tuple[int, int] | None = None
    for a, b in subs:
        if (
            _TEST_AFTER.match(ntext, b)
            or _TEST_BEFORE.search(ntext[max(0, a - 40) : a])
            or (prev in out and _LIST_GAP.match(ntext[prev[1] : a]))
        ):
            out.add((a, b))
        prev = (a, b)
    return out


def _split_harm_reduction(
    ntext: str, matches: list[tuple[int, int, _TermInfo]]
) -> tuple[list[tuple[int, int, _TermInfo]], list[tuple[int, int, str, str]]]:
    """The matches without the drugs named by a harm-reduction product, and those drug mentions as (start, end,
    substance, evidence signal): "tested:<drug>" for what a test detects, "harm_reduction:<drug>" for an
    overdose-reversal medicine, "" (no evidence) for another substance read on that medicine's span."""
    if not matches:
        return matches, []
    tested = _tested_spans(ntext, matches) if any(w in ntext for w in _TEST_WORDS) else set()
    reversal = {(a, b) for a, b, i in matches if i.kind == "substance" and i.name in _OVERDOSE_REVERSAL}
    if not (tested or reversal):
        return matches, []
    kept: list[tuple[int, int, _TermInfo]] = []
    mentions: list[tuple[int, int, str, str]] = []
    for a, b, i in matches:
        if i.kind != "substance" or ((a, b) not in tested and (a, b) not in reversal):
            kept.append((a, b, i))
        elif (a, b) in tested:
            mentions.append((a, b, i.name, f"tested:{i.name}"))
        else:
            mentions.append((a, b, i.name, f"harm_reduction:{i.name}" if i.name in _OVERDOSE_REVERSAL else ""))
    return kept, mentions
