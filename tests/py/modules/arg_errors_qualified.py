# Argument errors of module functions: CPython qualifies the function in "takes no
# keyword arguments" and "takes exactly one argument" (math.sqrt, _struct.pack,
# posix.getpid) but not in "expected 2 arguments".
import math, struct, sys, time, os
names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'comb', 'copysign', 'cos', 'cosh', 'degrees', 'dist', 'erf', 'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'factorial', 'floor', 'fmod', 'frexp', 'fsum', 'gamma', 'gcd', 'hypot', 'isfinite', 'isinf', 'isnan', 'isqrt', 'lcm', 'ldexp', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'modf', 'nextafter', 'perm', 'pow', 'radians', 'remainder', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc', 'ulp']
for n in names:
    f = getattr(math, n)
    for args, kw in [((), {"x": 1}), ((1,), {"zz": 1}), ((), {}), ((1, 2, 3, 4), {})]:
        try:
            f(*args, **kw)
            print(n, "ok")
        except Exception as e:
            print(n, type(e).__name__, e)
for mod, ns in [(struct, ["pack", "unpack", "calcsize", "pack_into", "iter_unpack"]), (sys, ["exit", "getrecursionlimit", "setrecursionlimit"]), (time, ["time", "time_ns", "monotonic", "perf_counter", "sleep", "process_time"]), (os, ["getpid", "getppid", "getcwd", "urandom"])]:
    for n in ns:
        f = getattr(mod, n)
        for args, kw in [((), {"x": 1}), ((1,), {"zz": 1}), ((1, 2, 3, 4), {})]:
            try:
                if n == "exit" and not kw and len(args) < 2:
                    continue
                f(*args, **kw)
                print(n, "ok")
            except SystemExit:
                print(n, "exit")
            except Exception as e:
                print(n, type(e).__name__, e)
