# A log sanitizer: user-supplied fields are shown with repr(), so invisible and
# unassigned characters come out escaped and the rest as they are (CPython's
# printable test: Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs are escaped).

fields = {
    "user": "zoë",
    "note": "line\u2028break",
    "nbsp": "a\u00a0b",
    "zero_width": "ad\u200bmin",
    "bom": "\ufeffid",
    "private": "\ue000\U000f0000\U0010ffff",
    "unassigned": "\u0378\U000e0001",
    "tag": "\U000e0041",
    "emoji": "ok \U0001f600",
    "cjk": "日本語\u3000text",
    "soft_hyphen": "co\u00adop",
    "combining": "e\u0301",
    "rtl": "\u202eabc",
    "ogham": "\u1680space",
}
for key, value in fields.items():
    flags = [c.isprintable() for c in value]
    print(f"{key:12} {value!r:40} printable={all(flags)} {flags.count(False)} hidden")

text = "".join(chr(c) for c in range(0x2000, 0x2070))
print(repr(text))
print(ascii("zoë\u2028\U0010ffff"))
