# Float hex forms for a binary data exporter: float.hex/fromhex round trips, rounding at
# the subnormal edge (ties to even), overflow and the errors for malformed strings.
import sys, random
vals = [0.0, -0.0, 1.0, 1.5, -2.75, 0.1, 1e300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, sys.float_info.max, float('inf'), float('-inf'), float('nan'), 3.141592653589793, 1/3]
for v in vals:
    h = v.hex()
    back = float.fromhex(h)
    print(h, back == v or (v != v and back != back))
for s in ["0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x3p-1076", "0x1.fffffffffffff8p0", "0x1.fffffffffffff7p0", " -0X1.ABCp+3 ", "inf", "-Infinity", "nan", "0x.8", "1", "0x1.p1", "0x1p1023", "0x1.fffffffffffffp1023", "0x1.fffffffffffff8p1023", "0x2p1023", "0x1p-2000", "0x1p+99999999999999999", "", "0x", "0xg", "0x1p", "1.5e3", "0x1.5p3.2"]:
    try:
        print(repr(s), float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)
r = random.Random(5)
ok = all(float.fromhex(x.hex()) == x for x in (r.random() * 10 ** r.randint(-300, 300) for _ in range(2000)))
print(ok)
class F(float): pass
print(type(F.fromhex("0x1p0")).__name__, (2.0).fromhex("0x1p2"))
