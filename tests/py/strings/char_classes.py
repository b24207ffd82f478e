samples = ["abc", "ABC", "Abc", "123", "12.5", "  ", "", "a1", "_x", "Ünïcödé", "٣", "x y", "A1B2"]
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isalnum(), s.isspace(), s.isupper(), s.islower(), s.isidentifier(), s.isdecimal())
print([c for c in "Hello, World! 123" if c.isalpha()], sum([c.isdigit() for c in "a1b22c333"]))
