# Differential fuzzing of math: seeded random arguments (ints, big ints, floats, specials)
# through every float function; every result or error is printed.
import math, random
random.seed(13)
names = ["sqrt", "exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan",
         "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "fabs", "degrees", "radians", "floor", "ceil", "trunc",
         "isnan", "isinf", "isfinite", "modf", "frexp", "exp2", "ulp"]
two = ["atan2", "hypot", "pow", "copysign", "fmod", "remainder", "log", "ldexp", "isclose", "nextafter"]
def sample():
    r = random.random()
    if r < 0.1:
        return random.choice([0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, 2.0, 1e308, 5e-324])
    if r < 0.3:
        return random.randint(-1000, 1000)
    if r < 0.35:
        return random.randint(-10 ** 30, 10 ** 30)
    if r < 0.6:
        return random.uniform(-2, 2)
    return random.uniform(-1, 1) * 10 ** random.randint(-320, 308)
def show(v):
    if isinstance(v, float):
        return "nan" if v != v else repr(v)
    if isinstance(v, tuple):
        return "(" + ", ".join([show(x) for x in v]) + ")"
    return repr(v)
for i in range(1200):
    name = random.choice(names + two)
    x = sample()
    y = sample()
    try:
        if name == "dist2":
            r = math.dist((x, y), (y, x))
        elif name == "ldexp":
            r = math.ldexp(x, random.randint(-1100, 1100))
        elif name in two:
            r = getattr(math, name)(x, y)
        else:
            r = getattr(math, name)(x)
        print(i, name, show(x), show(y), show(r))
    except (ValueError, OverflowError, TypeError) as e:
        print(i, name, show(x), show(y), type(e).__name__, e)
