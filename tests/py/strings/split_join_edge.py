cases = ["", " ", "a", " a ", "a b", "a  b", "\ta\nb\r\nc ", "a,b,,c,", ",", "x,y"]
for s in cases:
    print(repr(s), s.split(), s.split(","), s.split(" "), s.rsplit(None, 1), s.split(",", 1))
print("a b c d".split(maxsplit=2), "a b c d".rsplit(maxsplit=2), "a-b-c".split(sep="-"))
print("|".join([]), "|".join(["one"]), ", ".join(map(str, range(4))))
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
