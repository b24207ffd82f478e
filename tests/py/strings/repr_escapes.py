for s in ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "new\nline", "back\\slash", "\x00\x1f\x7f", "bell\a", "\u200b", "\xa0nbsp", "é"]:
    print(repr(s))
print(str("x"), repr(["a", 'b"c', "d'e"]))
print(r"raw\n", "\N{BULLET}", "\x41\u0042\U00000043", "\101")
print(b"bytes\x00\xff'", bytearray(b"ab"), repr(b'"'), repr(b"'\""))
