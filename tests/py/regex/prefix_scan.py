# A log scanner whose patterns start with a literal prefix (scanned with the overlap
# table), a single literal, or a character set (the first character filtered before
# the matcher runs): every match, span and group as CPython's `_sre` finds them.
import re

LOG = """\
2026-12-07 10:00:01 INFO  worker-1 started job=abab
2026-12-07 10:00:02 WARN  worker-2 retry job=ababac attempt=2
2026-12-07 10:00:03 ERROR worker-1 failed job=aabab code=E42
2026-12-07 10:00:04 INFO  worker-3 done job=abababab
""" * 3

patterns = [
    r'ababac',                 # prefix whose overlap table is used after a near miss
    r'abab',                   # a literal: the prefix is the whole match
    r'job=(a+b)+',             # prefix then a repeat
    r'ERROR|WARN',             # first character from a set
    r'[A-Z]{4,5} +worker-\d',  # a charset start with a minimum length
    r'[^\x00-\x7f]',           # a set no character is in
    r'code=E\d+$',             # prefix then an anchor (MULTILINE below)
    r'w',                      # a one-character literal
    r'(?i)warn',               # ignore-case: no literal prefix
    r'a*',                     # may match empty: every position
]

for p in patterns:
    rx = re.compile(p, re.M)
    found = [(m.start(), m.group()) for m in rx.finditer(LOG)]
    print(p, len(found), found[:3])
    b = re.compile(p.encode(), re.M)
    assert [(m.start(), m.group().decode()) for m in b.finditer(LOG.encode())] == found, p

# search from positions and with bounds
rx = re.compile('abab')
print([rx.search(LOG, pos).start() for pos in (0, 50, 51, 200)])
print(rx.search(LOG, 0, 40), rx.search('xxabab', 2, 5), rx.search('xxabab', 2, 6))
print(re.search('aab', 'aaab').span(), re.search('abcabd', 'abcabcabd').span())
print(re.sub('ab', '-', 'abababa'), re.subn('aa', 'b', 'aaaaa'), re.split('[,;]', 'a,b;c'))
print(re.findall(b'[cgt]gggtaaa|tttaccc[acg]', b'agggtaaatttacccaxcgggtaaa'))
text = 'x' * 1000 + 'needle' + 'y' * 1000
print(re.search('needle', text).span(), re.search('[nm]eedle', text).span())
print(re.search('nee(d)le', text).group(1), re.search('zzz', text))
