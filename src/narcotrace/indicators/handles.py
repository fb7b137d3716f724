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

__all__ = [
    "CUES", "CUE_KEYS", "HANDLE_START_BYTES", "LINK_GATE_BYTES", "LINKS", "REVERSE_PREFILTER_BYTES", "PATTERNS",
    "SYNTAX", "cue_prefilter",
]  # fmt: skip

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
    ("snapchat", ("snapchat me", "snapchat"), False),
    ("snapchat", ("snap me", "snap", "sc", "👻"), True),
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

# What may stand between a cue word and its handle: a fill word, separators, an "@" (the prefilter for
# the batch path, `cue_prefilter`, is built from the same tables)
_FILL_LATIN = ("id", "username", "user", "handle", "me")
_FILL_CJK = ("同账号", "同帳號", "账号", "帳號", "同号", "同號", "號碼", "号码", "号", "號", "秒回")
_SEP_CHARS = ":：=＝-–—>→➡⇒~👉\ufe0f"
_ADD_SIGNS = "+＋➕"

_CUE_RE = re.compile(
    r"(?<![A-Za-z0-9_#＃])(?:" + "|".join(_CUE_GROUPS) + r")"  # "#微信" is a hashtag, not a cue
    r"(?P<fill>[ \t]*(?:" + "|".join(_FILL_LATIN) + r")(?![A-Za-z0-9])"
    r"|[ \t]*(?:" + "|".join(_FILL_CJK) + r"))?"
    r"(?P<sep>[ \t]*(?:[" + "".join(re.escape(c) for c in _SEP_CHARS) + "]|[" + _ADD_SIGNS + r"](?!\d))*[ \t]*)"
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
_KEY_OFFSET: dict[str, int] = {}  # key -> where the cue match starts in it (as the automaton stores it)
for _t, _forms, _strict in CUES:
    for _f in _forms:
        if not _strict or not _f.isascii():
            _AC.add_word(_f, (len(_f), 0))
            CUE_KEYS.append(_f)
            _KEY_OFFSET[_f] = 0
        if _strict:
            for _a in _STRICT_AFTER:
                _AC.add_word(_f + _a, (len(_f) + len(_a), 0))
                CUE_KEYS.append(_f + _a)
                _KEY_OFFSET[_f + _a] = 0
            for _b in _STRICT_BEFORE:
                _AC.add_word(_b + _f, (len(_b) + len(_f), len(_b)))
                CUE_KEYS.append(_b + _f)
                _KEY_OFFSET[_b + _f] = len(_b)
_AC.make_automaton()


def _bytes_alt(chars: str) -> bytes:
    return b"(?:" + b"|".join(b"".join(b"\\x%02x" % b for b in c.encode("utf-8")) for c in chars) + b")"


# Characters IGNORECASE matches to ASCII letters that the lower-cased text keeps as they are ("İ", "ı",
# "ſ"; the Kelvin sign lower-cases to "k"): a prefilter for a case-insensitive match must accept them.
_FOLDS = {"i": "iİı", "s": "sſ"}
# The first character of a handle in the lower-cased text: `[A-Za-z0-9_]` under IGNORECASE (or an ASCII
# digit of `\+?\d`; `cue_prefilter` adds the non-ASCII digits)
HANDLE_START_BYTES = b"(?:[a-z0-9_]|\\xc4\\xb0|\\xc4\\xb1|\\xc5\\xbf)"
# What may stand between the cue word and the handle's first character (one character at a time): spaces,
# separators, "@", the characters of the CJK fill words (the Latin ones start with a handle character)
_BETWEEN_BYTES = _bytes_alt("".join(sorted(set(" \t@" + _SEP_CHARS + _ADD_SIGNS + "".join(_FILL_CJK)))))
_STRICT_FORMS = {f for _t, fs, strict in CUES if strict for f in fs} - {f for _t, fs, strict in CUES if not strict
                                                                         for f in fs}


def _rest_bytes(rest: str) -> bytes | None:
    """`rest` (the end of a cue word, spaces removed) as a prefilter on the lower-cased text, spaces or tabs
    allowed before each character; None when a character has case variants this does not model."""
    out = []
    for c in rest:
        if c in _FOLDS:
            alt = _bytes_alt(_FOLDS[c])
        elif c.isascii() or c.lower() == c.upper() == c:
            alt = _bytes_alt(c)
        else:
            return None  # a cased non-ASCII letter: not modelled, the caller keeps the bare key
        out.append(b"[ \\t]*" + alt)
    return b"".join(out)


_LETTERS_THEN_MARKS = re.compile(r"([ \t]*)[a-z]+([^a-z0-9_]*)")


def _no_handle_inside(form: str, key: str) -> bool | None:
    """Whether a `_CUE_RE` match of the cue word `form` at the start of `key` can give `_cue_hook` a
    candidate whose handle starts inside `key`: None when it can (as far as this tells), else whether a
    handle after the key needs at least one separator character first.

    It cannot when the rest of the key is letters (for a strict cue, after spaces) and then only marks:
    a handle starting at those letters would follow the cue with nothing explicit between (no separator,
    "@" or fill word), and for a cue that is not CJK and does not end in "me" the hook rejects that
    (strict: no explicit separator; otherwise: no separator at all). An add-me sign before a strict cue
    is the key "加"+cue, which gets its own expression. The letters can still be a fill word ("vid: x");
    a fill word must be followed by a character that is not a letter or digit, so when the key ends with
    the letters, a separator character follows it."""
    if not key.startswith(form) or _CJK_START.match(form) is not None or form.endswith("me"):
        return None
    m = _LETTERS_THEN_MARKS.fullmatch(key[len(form):])
    if m is None or (form not in _STRICT_FORMS and m.group(1)):
        return None
    return not m.group(2)


def cue_prefilter(non_ascii_digit: bytes) -> list[bytes]:
    """Hyperscan expressions (on the UTF-8 bytes of the lower-cased text) of which one matches in every
    text where the cue pattern can produce a candidate. `non_ascii_digit` matches the other characters
    `\\d` matches (a handle may start with one: `\\+?\\d` in `_CUE_RE` has no ASCII flag).

    A candidate needs an automaton key K at the match start (`_cue_finder`) and a `_CUE_RE` match there:
    a cue word F, then only spaces, separators, fill words or "@" up to the handle's first character. F
    and K start at the same place, so one is a prefix of the other:
    - F longer than K (or F = K): the expression is K, the rest of F, the characters between, a handle
      start; for a cue that is not CJK and does not end in "me", `_cue_hook` needs a separator, "@" or a
      fill word between (or an add-me sign before it, which is the key "加"+F);
    - F shorter than K: the rest of K lies between F and the handle, or starts the handle. When the
      handle can start inside K (`_no_handle_inside`), the expression is K alone.
    Every expression also allows the characters IGNORECASE folds to ASCII letters ("İ", "ı", "ſ").
    """
    forms = [f for _t, fs, _s in CUES for f in fs]
    # A handle is never followed by a colon ("飞机号TG:x", "line: https://..."): its first character,
    # then at most 4 more handle characters and one that is neither a handle character nor a colon (the
    # text always ends with a separator), or 5 more (a longer run is let through whatever follows: the
    # possessive run takes up to 65 more; 4 keeps the automaton small and still stops "https:")
    run = b"(?:[a-z0-9_.\\-]|\\xc4\\xb0|\\xc4\\xb1|\\xc5\\xbf)"
    other = (
        b"(?:[^a-z0-9_.\\-:\\xc4\\xc5\\xef]|\\xc4[^\\xb0\\xb1]|\\xc5[^\\xbf]|\\xef(?:[^\\xbc]|\\xbc[^\\x9a]))"
    )
    end = b"(?:" + run + b"{0,4}" + other + b"|" + run + b"{5})"
    start = b"(?:" + HANDLE_START_BYTES + b"|" + non_ascii_digit + b")" + end
    # What may follow the key and the rest of F, up to the handle and the character after it: spaces,
    # separators, "@", CJK fill words, at most one Latin fill word (followed by a character that is not a
    # letter or digit: a separator, or "_" or a non-ASCII digit starting the handle); when a fill word or
    # separator must come first (`plus`: the key ends with the fill word; `fill_then_plus`), that.
    between = b"(?:" + _BETWEEN_BYTES + b")"
    fill = b"(?:" + b"|".join(_rest_bytes(w) or b"" for w in _FILL_LATIN) + b")"
    after_fill = b"(?:_|" + non_ascii_digit + b")" + end
    star = between + b"*(?:" + fill + between + b"*)?" + start
    plus = b"(?:" + between + b"+" + start + b"|" + after_fill + b")"
    fill_then_plus = b"(?:" + fill + b"?" + between + b"+" + start + b"|" + fill + after_fill + b")"
    exprs: list[bytes] = []
    # what may follow the key: (rest of F, kind of gap before the handle); one expression per kind of gap
    by_gap: dict[bytes, set[bytes]] = {star: set(), plus: set(), fill_then_plus: set()}
    for key, off in _KEY_OFFSET.items():
        kb = "".join(key[off:].split())
        tails: set[tuple[bytes, bytes]] = set()
        bare = False
        for f in forms:
            fb = "".join(f.split())
            if fb.startswith(kb):
                r = _rest_bytes(fb[len(kb):])
                if r is None:
                    bare = True
                elif off or _CJK_START.match(f) is not None or f.endswith("me"):
                    tails.add((r, star))
                else:
                    # `_cue_hook` needs a separator character or a fill word between F and the handle
                    # (an add-me sign before F is the key "加"+F: off > 0, the branch above)
                    tails.add((r, fill_then_plus))
            elif kb.startswith(fb):
                rem = kb[len(fb):]
                if not any(c.isascii() and (c.isalnum() or c == "_") for c in rem):
                    tails.add((b"", star))  # the rest of K lies between F and the handle (or F is impossible)
                    continue
                # after an add-me sign (off > 0) the hook takes a handle glued to a strict cue
                inside = None if off else _no_handle_inside(f, key[off:])
                if inside is None:
                    bare = True  # the handle may start inside K
                else:
                    tails.add((b"", plus if inside else star))
        lit = b"".join(b"\\x%02x" % b for b in key.encode("utf-8"))
        if bare or not tails:
            exprs.append(lit)
        else:
            for r, gap in tails:
                by_gap[gap].add(lit + r)
    # few expressions per kind of gap (hundreds of separate ones compile and scan slowly; Hyperscan limits
    # the length of one)
    for gap, heads in by_gap.items():
        ordered = sorted(heads)
        for i in range(0, len(ordered), 120):
            exprs.append(b"(?:" + b"|".join(ordered[i : i + 120]) + b")" + gap)
    return exprs


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


# cue word as matched (lower case, without spaces) -> its group: the first group with that form, as in
# the alternation of _CUE_RE (a form with case-folded letters, "wıckr", is not in it: the hook then looks
# at every group)
_CUE_GROUP_OF: dict[str, str] = {}
for _i, (_t, _forms, _strict) in enumerate(CUES):
    for _f in _forms:
        _CUE_GROUP_OF.setdefault(_f.replace(" ", ""), f"c{_i}")
_EXPLICIT_SEP = frozenset(":：=＝>→➡⇒👉~+＋➕")


def _handle_like(h: str) -> bool:
    """A name that reads like a handle, not a word: it holds a digit, "_" or ".". A full stop or dash after it (or a
    space) is the sentence's, no part of it: "dealers on Instagram advertise." named the handle "advertise"."""
    return any(c.isdigit() or c in "_." for c in h.rstrip(" \t.-"))


def _cue_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    end = m.start("fill")
    if end < 0:
        end = m.start("sep")
    cue = ctx.text[m.start() : end]
    cue_group = _CUE_GROUP_OF.get(cue.lower().replace(" ", "").replace("\t", ""))
    if cue_group is None or m.start(cue_group) < 0:
        cue_group = next(g for g in _CUE_INFO if m.group(g) is not None)
    kind, strict = _CUE_INFO[cue_group]
    sep = m.group("sep")
    at = m.group("at") is not None
    fill = m.group("fill")
    explicit = (
        at
        or not _EXPLICIT_SEP.isdisjoint(sep)
        # "me" after a cue is an English imperative only in the cues' own forms ("wickr me x", "kik me x"); after
        # another cue it is as often a pronoun of the sentence ("Instagram me tira publicidades", Spanish for
        # "Instagram shows me ads"), so the handle must then look like one (a digit, "_" or ".")
        or (fill is not None and (fill.strip().lower() != "me" or _handle_like(m.group("h"))))
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
        if not _handle_like(m.group("h")):
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
# The name ends where the word ends: "@grangoig" is a reply to a user, not "@grango" on Instagram.
_REVERSE = re.compile(
    r"@(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{1,31})(?![A-Za-z0-9_])[ \t]*(?:on|in|via|at|@|-|\(|:)?[ \t]*"
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
