s = "naïve café — 日本語 🐍"
print(len(s), s[2], s[-1], s[11:14], s[::-1])
print(s.upper(), s.find("日"), s.index("🐍"), s.count("é"))
print(list("añb"), [ord(c) for c in "añ🐍"])
print(repr(s), ascii(s))
print("ß".upper(), "straße".title(), "ÀÉÎ".lower())
b = s.encode("utf-8")
print(len(b), b[:6], b.decode("utf-8") == s)
print("abc".encode("ascii"), "€".encode())
try:
    "€".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
for ch in "a1 _Z":
    print(repr(ch), ch.isalpha(), ch.isdigit(), ch.isspace(), ch.isidentifier())
