"""Messaging handles: Telegram, Wickr, Signal, WhatsApp, Snapchat, Threema, Discord, Instagram, WeChat, QQ,
LINE and Kik. (Session IDs, 66 hex digits, are long tokens: crypto.py classifies them in its token pass.)

Two kinds of table drive it:
- LINKS: the platform's own link forms (t.me/x, wa.me/123, snapchat.com/add/x, line.me/ti/p/~x, ...).
- CUES: words that announce a handle ("tg: @x", "wickr me x", "微信：abc123", "扣扣 12345", "飞机@x",
  "line id: x"). A cue marked `strict` is also an ordinary word ("line", "signal", "v", "q", "tg"), so it
  only counts with an explicit separator (":" "：" "="), an "@", or, for the Chinese add-me forms, a
  preceding "加" / "+" / "➕".

Chinese-market cue words come from how sellers write in /work/shared/data/pip_twitter_drug_samples.jsonl
(its `contacts` field lists qq, wechat, tg, LINE ids found by that study's extractor): "微信/薇/V/威信 x",
"扣扣/QQ 12345", "飞机/纸飞机/电报 @x" (= Telegram), "line id", Thai "ไลน์ / แอดไลน์" (LINE).

Handles are normalized to lower case without "@". `valid` means the handle obeys the platform's username
syntax as the platform documents it (lengths and character sets listed in docs/indicators.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ahocorasick

from narcotrace.indicators._engine import Candidate, Context, Pattern
from narcotrace.indicators.phone import place

__all__ = ["CUES", "CUE_KEYS", "LINK_GATE_BYTES", "LINKS", "REVERSE_PREFILTER_BYTES", "PATTERNS", "SYNTAX"]

# type -> username syntax (lower-cased handle); see docs/indicators.md for the platform rules behind them
SYNTAX: dict[str, re.Pattern[str]] = {
    "telegram": re.compile(r"[a-z][a-z0-9_]{3,30}[a-z0-9]"),
    "wickr": re.compile(r"[a-z0-9][a-z0-9_.\-]{4,19}"),
    "signal": re.compile(r"[a-z_][a-z0-9_]{2,31}\.\d{2,9}"),
    "snapchat": re.compile(r"[a-z][a-z0-9._\-]{1,13}[a-z0-9]"),
    "threema": re.compile(r"[a-z0-9*][a-z0-9]{7}"),
    "session": re.compile(r"05[0-9a-f]{64}"),
    "discord": re.compile(r"[a-z0-9_.]{2,32}|.{2,32}#\d{4}"),
    "instagram": re.compile(r"(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)"),
    "wechat": re.compile(r"[a-z][a-z0-9_\-]{5,19}"),
    "qq": re.compile(r"[1-9]\d{4,10}"),
    "line": re.compile(r"[a-z0-9._\-]{4,20}"),
    "kik": re.compile(r"[a-z0-9._]{6,20}"),
}

# Words that follow a cue but are not handles ("telegram channel", "wickr me", "snap me").
_STOP = frozenset(
    """me is the and or for only id username name at on dm add contact channel group link in bio account
    here now to with us my our please pls plz via app number no chat call message msg available just also a
    an it this that user official support bot web desktop premium if you your info details below above more
    same too hit text send join inbox direct private open free best vip shop store menu order orders""".split()
)

# (type, cue words as written (lower case; "teiegram" is "teIegram" lower-cased), strict)
CUES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("telegram", ("telegramm", "telegram", "teiegram", "te1egram", "telegarm", "telgram", "telegr", "телеграм",
                  "телега", "电报", "電報", "纸飞机", "紙飛機", "小飞机", "飞机", "飛機"), False),
    ("telegram", ("tele", "tg"), True),
    ("wickr", ("wickr me", "wickrme", "wickr"), False),
    ("signal", ("signal",), True),
    ("whatsapp", ("whats app", "whatsapp", "whatsap", "watsapp", "wattsapp", "واتساب"), False),
    ("whatsapp", ("wapp", "wsp", "wa"), True),
    ("snapchat", ("snapchat",), False),
    ("snapchat", ("snap", "sc", "👻"), True),
    ("threema", ("threema",), False),
    ("discord", ("discord",), False),
    ("instagram", ("instagram",), False),
    ("instagram", ("insta", "ig"), True),
    ("wechat", ("wechat", "weixin", "微信", "威信", "薇信", "徽信", "维信", "v信"), False),
    ("wechat", ("vx", "wx", "微", "薇", "威", "v"), True),
    ("qq", ("qq", "扣扣"), False),
    ("qq", ("企鹅", "🐧", "q"), True),  # 🐧: QQ's penguin mascot ("客服🐧：166538514" in the data)
    ("line", ("line id", "lineid", "id line", "idline", "แอดไลน์", "ไอดีไลน์", "ไลน์"), False),
    ("line", ("line",), True),
    ("kik", ("kik me", "kik"), True),
)

_CUE_GROUPS = []
_CUE_INFO: dict[str, tuple[str, bool]] = {}
for _i, (_t, _forms, _strict) in enumerate(CUES):
    _alts = "|".join(re.escape(f).replace(r"\ ", "[ \t]*") for f in sorted(_forms, key=len, reverse=True))
    _CUE_GROUPS.append(f"(?P<c{_i}>{_alts})")
    _CUE_INFO[f"c{_i}"] = (_t, _strict)

_CUE_RE = re.compile(
    r"(?<![A-Za-z0-9_#＃])(?:" + "|".join(_CUE_GROUPS) + r")"  # "#微信" is a hashtag, not a cue
    r"(?P<fill>[ \t]*(?:id|username|user|handle|me)(?![A-Za-z0-9])"
    r"|[ \t]*(?:同账号|同帳號|账号|帳號|同号|同號|號碼|号码|号|號|秒回))?"
    r"(?P<sep>[ \t]*(?:[:：=＝\-–—>→➡⇒~👉\ufe0f]|[+＋➕](?!\d))*[ \t]*)"
    r"(?P<at>@)?"
    # possessive, and never followed by a colon: "飞机号TG:x" is the cue "TG", not the handle "TG"
    r"(?P<h>\+?\d[\d \t\-().]{5,18}\d|[A-Za-z0-9_][A-Za-z0-9_.\-]{1,65}+(?:#\d{4})?)(?![:：])",
    re.IGNORECASE,
)

# Aho-Corasick keys that can start a cue match: every non-strict cue word, and strict ones only in the
# shapes that make them count (followed by a separator or "@", or preceded by an add-me sign), so that
# ordinary words ("line", "v", "signal") cost nothing.
_AC = ahocorasick.Automaton()
CUE_KEYS: list[str] = []  # every key of _AC: the batch prefilter (_accel) looks for the same strings
_STRICT_AFTER = (":", "：", "=", "＝", " :", " ：", "@", " @", " id", "id", "号", " 号", "號", " me", "-", " -",
                 "+", " +", "➕", "＋")
_STRICT_BEFORE = ("加", "+", "＋", "➕")
for _t, _forms, _strict in CUES:
    for _f in _forms:
        if not _strict or not _f.isascii():
            _AC.add_word(_f, (len(_f), 0))
            CUE_KEYS.append(_f)
        if _strict:
            for _a in _STRICT_AFTER:
                _AC.add_word(_f + _a, (len(_f) + len(_a), 0))
                CUE_KEYS.append(_f + _a)
            for _b in _STRICT_BEFORE:
                _AC.add_word(_b + _f, (len(_b) + len(_f), len(_b)))
                CUE_KEYS.append(_b + _f)
_AC.make_automaton()


def _cue_finder(ctx: Context) -> list[re.Match[str]]:
    starts = sorted({end - n + 1 + off for end, (n, off) in _AC.iter(ctx.lower)})
    out = []
    last = -1
    text = ctx.text
    for pos in starts:
        if pos < last:
            continue
        m = _CUE_RE.match(text, pos)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


_ADD_ME = frozenset("加+＋➕")
# Cues that may be glued to the handle ("微wuwangchuxin", "🐧🐧1927493587"): CJK words and the QQ penguin.
# Other emoji ("👻HAPPY HALLOWEEN") are not.
_CJK_START = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\u0e00-\u0e7f]|🐧")
_ENDS_DOMAIN = re.compile(r"\.[A-Za-z]{2,}$")


def _clean(h: str) -> str:
    return h.rstrip(".-_").lstrip("@")


def judge(kind: str, handle: str, ctx: Context) -> tuple[str, bool] | None:
    """(normalized, valid) for a handle of `kind`, or None when it cannot be one."""
    h = _clean(handle)
    if not h:
        return None
    phone_like = h.lstrip("+").replace(" ", "").replace("-", "").replace("(", "").replace(")", "").isdigit()
    if kind == "qq":
        d = h.replace(" ", "")
        if not d.isdigit():
            return None
        return d, SYNTAX["qq"].fullmatch(d) is not None
    if kind in ("whatsapp", "signal", "telegram", "wechat", "line", "kik", "threema") and phone_like:
        if kind == "threema" and len(h) == 8:
            return h.lower(), True
        placed = place(h, ctx)
        if placed is not None:
            return placed
        d = "".join(ch for ch in h if ch.isdigit())
        return d, False
    if kind == "whatsapp":
        return None  # WhatsApp identifies accounts by phone number only
    if " " in h:
        return None
    low = h.lower()
    if low in _STOP:
        return None
    syn = SYNTAX.get(kind)
    return low, bool(syn is not None and syn.fullmatch(low))


def _cue_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    cue_group = next(g for g in _CUE_INFO if m.group(g) is not None)
    kind, strict = _CUE_INFO[cue_group]
    sep = m.group("sep")
    at = m.group("at") is not None
    cue = m.group(cue_group)
    explicit = (
        at
        or any(c in sep for c in ":：=＝>→➡⇒👉~+＋➕")
        or m.group("fill") is not None
        or cue.lower().endswith("me")  # "wickr me x", "kik me x"
    )
    cjk_cue = _CJK_START.match(cue) is not None
    if strict:
        before = ctx.text[m.start() - 1] if m.start() > 0 else ""
        glued = cjk_cue and not sep and m.group("fill") is None
        if not (explicit or before in _ADD_ME or glued):
            return None
    elif not cjk_cue and not explicit:
        if not sep:
            return None  # "telegramchannel": a cue glued to a Latin word is not a cue
        if not any(c.isdigit() or c in "_." for c in m.group("h")):
            return None  # "telegram from grandma": only a space, and it reads like a word, not a handle
    h = m.group("h")
    hs, he = m.span("h")
    # "snap: https://...", "tg: t.me/x", "line: bestmeds.net": the link patterns own these
    tail = ctx.text[he : he + 3]
    if tail.startswith(("://", "/", "@")) or (not at and kind != "snapchat" and _ENDS_DOMAIN.search(h)):
        return None
    stripped = h.rstrip(" \t.-_")
    he = hs + len(stripped)
    if at:
        hs -= 1
    r = judge(kind, stripped, ctx)
    if r is None:
        return None
    return Candidate(kind, hs, he, r[0], r[1], 0.85 if explicit else 0.8)


# "@name on telegram", "@name (snap)"
_REVERSE = re.compile(
    r"@(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{1,31})[ \t]*(?:on|in|via|at|@|-|\(|:)?[ \t]*"
    r"(?P<cue>te[l1I]egram|tg|wickr|snapchat|snap|instagram|insta|ig|kik|signal|threema|discord)(?![A-Za-z])",
    re.IGNORECASE,
)
# The same shape on the UTF-8 bytes of the lower-cased text, as a superset for the batch prefilter
# (_accel): no length bounds, no look-ahead, and with IGNORECASE's non-ASCII equivalents of "i" and "s"
# ("İ" and "ı", "ſ"; aligned_lower keeps them as they are; the Kelvin sign lower-cases to "k").
_I = rb"(?:i|\xc4\xb0|\xc4\xb1)"
_S = rb"(?:s|\xc5\xbf)"
REVERSE_PREFILTER_BYTES = (
    rb"@(?:[a-z0-9_.]|\xc4\xb0|\xc4\xb1|\xc5\xbf)+[ \t]*(?:on|" + _I + rb"n|v" + _I + rb"a|at|@|-|\(|:)?[ \t]*"
    rb"(?:te(?:l|1|" + _I + rb")egram|tg|w" + _I + rb"ckr|" + _S + rb"nap|" + _I + rb"n" + _S + rb"ta|" + _I
    + rb"g|k" + _I + rb"k|" + _S + _I + rb"gnal|threema|d" + _I + _S + rb"cord)"
)
_REV_TYPES = {
    "telegram": "telegram", "tg": "telegram", "wickr": "wickr", "snapchat": "snapchat", "snap": "snapchat",
    "instagram": "instagram", "insta": "instagram", "ig": "instagram", "kik": "kik", "signal": "signal",
    "threema": "threema", "discord": "discord",
}


def _reverse_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    # IGNORECASE also matched "ſ" (long s) and "ı"/"İ" (Turkish i): fold them back to find the type
    cue = m.group("cue").lower().replace("1", "l").replace("ſ", "s").replace("ı", "i").replace("i̇", "i")
    kind = _REV_TYPES.get(cue, "telegram")
    h = m.group("h").rstrip("._")
    r = judge(kind, h, ctx)
    if r is None:
        return None
    return Candidate(kind, m.start(), m.start() + 1 + len(h), r[0], r[1], 0.8)


def _link(kind: str, case_sensitive_prefix: str | None = None) -> Callable[[re.Match[str], Context], Candidate | None]:
    def hook(m: re.Match[str], ctx: Context) -> Candidate | None:
        h = m.group("h").rstrip(".-_")
        if not h:
            return None
        start = m.start()
        end = m.start("h") + len(h)
        # invite codes are case-sensitive and are not usernames: keep them as written, with a prefix
        inv = m.groupdict().get("inv")
        if case_sensitive_prefix:
            return Candidate(kind, start, end, f"{case_sensitive_prefix}/{h}", True, 0.9)
        if inv:
            return Candidate(kind, start, end, f"{inv}{h}", True, 0.9)
        if kind in ("whatsapp", "signal") and h.isdigit():
            h_int = "+" + h  # these links always carry the international number
        else:
            h_int = h
        r = judge(kind, h_int, ctx)
        if r is None:
            return None
        return Candidate(kind, start, end, r[0], r[1], 0.9)

    return hook


_SCHEME = r"(?<![A-Za-z0-9_.])(?:https?://)?(?:www\.)?"
# (name, type, regex, guards, invite prefix or None)
LINKS: tuple[tuple[str, str, str, tuple[str, ...], str | None], ...] = (
    ("telegram_link", "telegram",
     _SCHEME + r"(?:t|telegram)[ \t]*\.[ \t]*(?:m[ \t]*e|dog)[ \t]*/[ \t]*(?:s/)?(?P<inv>joinchat/|\+)?"
     r"(?P<h>[A-Za-z0-9_\-]{3,64})", ("me/", "me /", "m e", ".dog"), None),
    ("whatsapp_link", "whatsapp",
     _SCHEME + r"(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?phone=)(?P<h>\+?\d{6,15})", ("wa.me", "whatsapp"), None),
    ("whatsapp_group", "whatsapp",
     _SCHEME + r"chat\.whatsapp\.com/(?:invite/)?(?P<h>[A-Za-z0-9]{10,32})", ("chat.whatsapp",), "chat"),
    ("snapchat_link", "snapchat",
     _SCHEME + r"snapchat\.com/add/(?P<h>[A-Za-z0-9._\-]{2,30})", ("snapchat.com",), None),
    ("instagram_link", "instagram",
     _SCHEME + r"(?:instagram\.com|instagr\.am)/(?!p/|reels?/|explore/|stories/|tv/|accounts/)"
     r"(?P<h>[A-Za-z0-9._]{1,30})", ("instagr",), None),
    ("discord_invite", "discord",
     _SCHEME + r"(?:discord\.gg|discord(?:app)?\.com/invite)/(?P<h>[A-Za-z0-9\-]{2,32})", ("discord",), "invite"),
    ("kik_link", "kik", _SCHEME + r"kik\.me/(?P<h>[A-Za-z0-9._]{2,30})", ("kik.me",), None),
    ("threema_link", "threema", _SCHEME + r"threema\.id/(?P<h>[A-Za-z0-9*]{8})", ("threema.id",), None),
    ("line_link", "line",
     _SCHEME + r"line\.me/(?:R/)?ti/p/(?:~|%40|@)?(?P<h>[A-Za-z0-9._\-]{2,40})", ("line.me",), None),
    ("line_short", "line", _SCHEME + r"lin\.ee/(?P<h>[A-Za-z0-9]{4,20})", ("lin.ee",), "lin.ee"),
    ("signal_link", "signal", _SCHEME + r"signal\.me/#p/(?P<h>\+\d{6,15})", ("signal.me",), None),
)

_LINK_TABLE = tuple(
    (re.compile(rx, re.IGNORECASE), guards, _link(kind, inv)) for _name, kind, rx, guards, inv in LINKS
)
_LINK_HOOKS: dict[re.Pattern[str], Callable[[re.Match[str], Context], Candidate | None]] = {
    rx: hook for rx, _g, hook in _LINK_TABLE
}
_ANY_LINK = re.compile("|".join(f"(?:{rx})" for _n, _k, rx, _g, _i in LINKS).replace("?P<h>", "?:").replace(
    "?P<inv>", "?:"), re.IGNORECASE)


# Every link form has one of these in it; most texts (t.co links only) have none, so they skip the table.
# One regex that starts with a literal "." is cheaper than eight substring tests.
_LINK_GATE_RX = r"\.[ \t]*(?:me|m[ \t]*e|com|gg|id|ee|am|dog)"
_LINK_GATE = re.compile(_LINK_GATE_RX)
LINK_GATE_BYTES = _LINK_GATE_RX.encode()  # the batch prefilter (_accel) runs the same gate on UTF-8 bytes


def _links_finder(ctx: Context) -> list[re.Match[str]]:
    # one pass over the guards of every link form; only the forms whose guard occurs are run
    low = ctx.lower
    out: list[re.Match[str]] = []
    if _LINK_GATE.search(low) is None:
        return out
    for rx, guards, _hook in _LINK_TABLE:
        for g in guards:
            if g in low:
                out.extend(rx.finditer(ctx.text))
                break
    return out


def _links_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    return _LINK_HOOKS[m.re](m, ctx)


PATTERNS: tuple[Pattern, ...] = (
    Pattern("handle_links", _ANY_LINK, 0.9, _links_hook, ("/",), _links_finder),
    Pattern("handle_cue", _CUE_RE, 0.85, _cue_hook, (), _cue_finder),
    Pattern("handle_reverse_cue", _REVERSE, 0.8, _reverse_hook, ("@",)),
)
