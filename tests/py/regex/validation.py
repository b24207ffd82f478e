# Input validation: emails, dates with fullmatch, passwords with lookaheads, prices
# with lookbehind, atomic groups and possessive quantifiers.
import re

EMAIL = re.compile(r"[\w.+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
for addr in ["ann@example.org", "bob.smith+tag@mail.co.uk", "bad@", "@bad.com",
             "no spaces@x.org", "x@y.z", "first.last@sub-domain.example.com"]:
    print(addr.ljust(36), bool(EMAIL.fullmatch(addr)))

DATE = re.compile(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])")
for s in ["2024-02-29", "2024-13-01", "2024-00-10", "1999-12-31", "2024-1-5", "2024-02-29x"]:
    m = DATE.fullmatch(s)
    print(s, m.groupdict() if m else None)

PASSWORD = re.compile(r"(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?!.*\s).{8,}")
for pw in ["Secret123", "secret123", "SECRET123", "Sec 123abc", "Sh0rt", "LongEnough1"]:
    print(pw.ljust(12), bool(PASSWORD.fullmatch(pw)))

# Lookbehind: amounts preceded by a currency sign, numbers not preceded by one.
text = "Paid $30 and €12.50, then 7 items for $4.99 (not 100)."
print(re.findall(r"(?<=[$€])\d+(?:\.\d\d)?", text))
print(re.findall(r"(?<![$€\d.])\b\d+\b(?!\.\d)", text))
print(re.sub(r"(?<=\d)(?=(\d{3})+\b)", ",", "1234567 and 89 and 1000"))

# Atomic groups and possessive quantifiers never give back what they matched.
print(re.match(r"(?>a+)ab", "aaab"), re.match(r"(?:a+)ab", "aaab"))
print(re.match(r"a++b", "aaab"), re.match(r"a++a", "aaaa"))
print(re.match(r"\d*+\d", "123"), re.match(r"\d*\d", "123"))
print(re.fullmatch(r'"(?>[^"\\]+|\\.)*"', r'"say \"hi\""'))
print(re.match(r"(?:ab)*+ab", "ababab"), re.match(r"(?:ab)*ab", "ababab"))
print(re.match(r"x{2,3}+x", "xxxx"), re.match(r"(?:x|y){1,2}+z", "xyz"))

# Conditional groups: optional brackets must balance.
PHONE = re.compile(r"(\()?\d{3}(?(1)\))[- ]?\d{4}")
for s in ["(555) 1234", "555-1234", "(555-1234", "555)1234"]:
    print(s.ljust(10), bool(PHONE.fullmatch(s)))

# Backreferences: doubled words, matching quotes.
print(re.findall(r"\b(\w+)\s+\1\b", "it is is a test test of the the words"))
print(re.findall(r"""(["'])(.*?)\1""", """say "hi" and 'bye' but "mixed'"""))
print(re.search(r"(?i)(\w+) \1", "Hello HELLO world"))
print(re.search(r"(?P<q>['\"]).*?(?P=q)", "x = 'abc' + \"d\"").group())

# Hex colours, IPv4 with range checks in code, and a deep backtracking case.
for c in ["#fff", "#A0b1C2", "#abcd", "fff", "#12345g"]:
    print(c, bool(re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", c)))
IPV4 = re.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})")
for ip in ["10.0.0.1", "256.1.1.1", "1.2.3", "192.168.001.010"]:
    m = IPV4.fullmatch(ip)
    print(ip, bool(m) and all(0 <= int(g) <= 255 for g in m.groups()))
print(re.match(r"(x+x+)+y", "x" * 18), re.match(r"(?:a|b)*c", "ab" * 20000 + "c").end())
print(re.match(r"(a*)+$", "a" * 50).span(), re.search(r"(?:.)*?z", "y" * 30000 + "z").end())
