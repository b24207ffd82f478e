for w in [0, 3, 8, 9]:
    print(repr("abc".ljust(w)), repr("abc".rjust(w, "*")), repr("abc".center(w, "-")), repr("7".zfill(w)))
print("-5".zfill(4), "+5".zfill(4), "abc".zfill(5), "".center(3, "x"), "ab".center(5), "ab".center(6))
print(f"[{'x':<5}][{'x':>5}][{'x':^5}][{'x':_^6}][{12:<6}][{12:^7}][{-3:=6}][{3.5:*>8}]")
try:
    "a".center(5, "ab")
except TypeError as e:
    print("TypeError:", e)
