"""Phone numbers, normalized to E.164 with Google's libphonenumber port (`phonenumbers`).

A candidate is a run of 7-15 digits that may be split by spaces, dots, dashes or brackets ("555 123 4567",
"(555) 123.4567", "+44 20 7946 0958"). The region comes from the item's `country`; without it only numbers
written in international form ("+", "00") can be placed, plus one documented heuristic: an 11-digit
Chinese mobile number (1[3-9]xxxxxxxxx) in a text with Chinese characters, the dominant contact form in
Chinese-market promotions (see /work/shared/data/pip_twitter_drug_samples.jsonl, e.g. "需要请加13046652044").
A number that cannot be placed is kept (valid=False, digits only) only when a phone cue word is near, so that
order numbers, dates, versions and scores are not reported.
"""

from __future__ import annotations

import functools
import re

import phonenumbers

from narcotrace.indicators._engine import Candidate, Context, Pattern, near

__all__ = [
    "CANDIDATE_BODY", "PATTERNS", "PHONE_CUES_ANYWHERE", "PREFILTER_ANY", "PREFILTER_CN", "PREFILTER_INTL", "hook",
    "place", "to_e164",
]  # fmt: skip

# Starts with a small character class (no look-behind) so the regex engine skips ahead fast; the left
# boundary is checked in the hook.
# "\b" before the first digit: the engine only tries where a number starts; a leading "+" or "(" is taken
# by hand in the hook.
CANDIDATE_BODY = r"\d[\d \t().\-]{5,22}\d(?![.,/:-]\d|\w)"
_CANDIDATE = re.compile(r"(?a)\b" + CANDIDATE_BODY)
_NOT_DIGITS = str.maketrans("", "", "+( \t).-")
_LEFT_STOP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+.,/:-")
_IPV4ISH = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DATEISH = re.compile(r"^\d{4}[-.]\d{1,2}[-.]\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Phone words in the languages sellers write besides English (session 20): Zalo, a messenger keyed on a phone
# number, Vietnamese sđt/đt/điện thoại, Indonesian hubungi/telp/no hp, Spanish and Portuguese llámame/teléfono/
# celular/whats/wsp/ligue, German Telefon, French téléphone, Russian тел/телефон/звони. Left out as too often
# something else: "WA" (Washington, Western Australia), "zap", "llama", "liên hệ" (contact, before prices and hours).
_CUE_WORDS = (
    r"call|text|txt|tel|phone|mobile|cell|whats\s*app|sms|contact|number|hotline|imessage|viber|zalo|sđt|đt|"
    r"điện\s*thoại|hubungi|telp|telpon|no\.?\s*hp|llámame|tel[eé]fono|telefone|celular|whats|wsp|wpp|ligue|telefon|"
    r"t[eé]l[eé]phone|тел|телефон|звони"
)
# What a number beside a phone word is when it is no phone: an amount grouped by dots with its currency ("Celular ...
# 12.499.000 pesos"; "Tel. 600.123.456" is a Spanish phone), opening hours ("08.00 - 21.00, hubungi"), an IMEI or a
# card (more than 13 digits), or a number after the name of an account, a tax or ID number, an order's or a parcel's
# code ("STK 1903 4567 8901", "rek BCA 1234567890", "Order ID 12345678"; not "Order: 0412 345 678", how to order).
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_CURRENCY_AFTER = re.compile(r"[ \t]?(?:đ|đồng|vnd|vnđ|pesos?|reais|rupiah|руб|₫|€|\$)(?![^\W\d_])", re.IGNORECASE)
_HOURS = re.compile(r"\d{1,2}[.:]\d{2}[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2}")
_NOT_PHONE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:imei|stk|số tài khoản|rekening|rek|iban|cuenta|konto|compte|сч[её]т|cpf|cnpj|cmnd|cccd|"
    r"mã số thuế|mst|npwp|nik|invoice|resi|tracking|order id|order no|order number|order #|claim|claim number|"
    r"mã đơn|commande n|pedido n)\.?[^\w\n]{0,3}(?:[^\W\d_]{2,12}[^\w\n]{1,3})?$"
)
_CUE_SIGNS = r"电话|電話|手机|手機|联系|聯繫|加|📞|☎|📱|โทร"
PHONE_CUES = re.compile(rf"\b(?:{_CUE_WORDS})\b|{_CUE_SIGNS}")
# Whether a text has any phone cue `near` could find: `near` searches a window whose end may cut a word
# ("tel" in "telegram" satisfies the closing \b there), so the closing \b is left out.
PHONE_CUES_ANYWHERE = re.compile(rf"\b(?:{_CUE_WORDS})|{_CUE_SIGNS}")

# Prefilters for the batch path (_accel), on the UTF-8 bytes of the lower-cased text followed by "\n".
# Every candidate contains PREFILTER_ANY: the candidate regex without its boundary conditions, then the
# character after it (not a digit: a candidate is never followed by a word character), so that a digit
# run is reported once, at its end, instead of at every digit. `hook` keeps a candidate only when `place`
# places it or a phone cue is near (PHONE_CUES_ANYWHERE); `place` places it only with a country, in
# international form ("+" before it, possibly with "(" between, or "00" at its start: PREFILTER_INTL), or
# as a Chinese mobile number (its digits are 1[3-9] and nine more: PREFILTER_CN).
_RUN = rb"[0-9 \t().\-]"
PREFILTER_ANY = rb"[0-9]" + _RUN + rb"{5,22}[0-9][^0-9]"
PREFILTER_INTL = rb"(?:\+\(?[0-9]" + _RUN + rb"{5,22}|00" + _RUN + rb"{4,21})[0-9][^0-9]"
PREFILTER_CN = rb"1[ \t().\-]*[3-9](?:[ \t().\-]*[0-9]){9}[^0-9]"


@functools.lru_cache(maxsize=8192)
def to_e164(raw: str, region: str | None) -> tuple[str, bool] | None:
    """(E.164, is_valid_number) when libphonenumber can place the number, else None.

    Cached: parsing costs tens of microseconds and spam repeats the same numbers across many posts."""
    s = raw.strip()
    if s.startswith("00"):
        s = "+" + s[2:]
    try:
        num = phonenumbers.parse(s, None if s.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    return (
        phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.is_valid_number(num),
    )


def place(raw: str, ctx: Context) -> tuple[str, bool] | None:
    """Place a written number using the item's country or the documented Chinese-mobile heuristic."""
    digits = "".join(filter(str.isdigit, raw))
    s = raw.strip()
    if s.startswith(("+", "00")):
        return to_e164(s, None)
    region = ctx.country
    if region is None and _CN_MOBILE.match(digits) and _CJK.search(ctx.text):
        region = "CN"
    if region is None:
        return None
    return to_e164(digits if "(" in s else s, region)


def hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    text = ctx.text
    begin = m.start()
    if begin > 0 and text[begin - 1] == "(":
        begin -= 1
    if begin > 0 and text[begin - 1] == "+":
        begin -= 1
    if begin > 0 and text[begin - 1] in _LEFT_STOP:
        return None
    s = text[begin : m.end()]
    if s.endswith(")") and "(" not in s:
        return None
    digits = s.translate(_NOT_DIGITS)  # the candidate is ASCII: digits and these separators
    if not 7 <= len(digits) <= 15:
        return None
    if _IPV4ISH.match(s) or _DATEISH.match(s):
        return None
    start = begin
    end = m.end()
    if _NOT_PHONE_BEFORE.search(ctx.lower, max(0, start - 32), start):
        return None
    placed = place(s, ctx)
    cue = near(ctx.lower, start, end, PHONE_CUES, 30)
    if placed is None:
        if not cue or not 8 <= len(digits) <= 13 or _HOURS.fullmatch(s.strip()):
            return None
        if _DOT_THOUSANDS.fullmatch(s) and _CURRENCY_AFTER.match(text, end):
            return None
        return Candidate("phone", start, end, digits, False, 0.5)
    e164, valid = placed
    if not valid and not cue:
        return None
    return Candidate("phone", start, end, e164, valid, 0.7 if valid else 0.5)


PATTERNS: tuple[Pattern, ...] = (Pattern("phone_number", _CANDIDATE, 0.7, hook),)
