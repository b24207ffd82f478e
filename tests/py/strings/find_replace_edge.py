s = "abracadabra"
print(s.find("abra"), s.find("abra", 1), s.rfind("abra"), s.find(""), s.find("", 20), s.rfind(""))
print(s.count("a"), s.count("abra"), s.count(""), s.count("a", 5), s.count("a", 5, 8))
print(s.replace("a", "A"), s.replace("a", "A", 2), s.replace("", "-"), s.replace("xyz", "q"))
print(s.index("c"), s.rindex("a"), s.startswith("bra", 1), s.endswith("cad", 0, 7))
print(s.partition("ca"), s.rpartition("a"), s.partition("zz"))
for sub in ["zz", "q"]:
    try:
        s.index(sub)
    except ValueError as e:
        print("ValueError:", e)
print("aaaa".replace("aa", "b"), "aaa".count("aa"), "hello"[10:], "hello"[-100:2])
