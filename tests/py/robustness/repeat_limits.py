# A padding helper fed counts from untrusted input (a header's length field): repeating a
# sequence by a count beyond a machine integer or past what memory can hold gives
# CPython's exception and message, and the program goes on.
for e in ['[1]*2**100', "'a'*2**100", "b'ab'*2**62", '[1]*2**62', "'ab'*2**62", '(1,)*2**62', '[1]*-2**100', "'a'*-2**100", 'bytearray(b"ab")*2**62', '[]*2**100', "''*2**100", "2**100*[1]", "[1, 2]*3", "b'x'*-1", "3*(1,)"]:
    try: print(e, repr(eval(e)))
    except Exception as x: print(e, type(x).__name__, x)
