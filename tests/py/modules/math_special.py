# gamma, lgamma, erf, erfc: exact values, a grid (10 significant digits: the last
# place of these approximations may differ between implementations), errors, and a
# normal-distribution table built on erf.
import math

print([math.gamma(n) for n in range(1, 24)] == [float(math.factorial(n - 1)) for n in range(1, 24)])
print(math.gamma(0.5) ** 2 / math.pi, math.gamma(1), math.gamma(2), math.lgamma(1), math.lgamma(2))
for x in [-3.5, -2.5, -0.5, 0.1, 0.5, 1.5, 2.5, 3.7, 7.25, 10.5, 25.1, 100.75, 170.5]:
    print("%7.2f %.10g %.10g" % (x, math.gamma(x), math.lgamma(x)))
for x in [200.5, 1000.0, 1e6, -200.25]:
    print("%g lgamma %.10g" % (x, math.lgamma(x)))
print(math.gamma(-200.5), math.gamma(-201.5), math.gamma(math.inf), math.lgamma(-math.inf), math.isnan(math.gamma(math.nan)))
for x in [-3.0, -1.2, -0.5, -1e-5, 0.0, 1e-5, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 6.0]:
    print("%6g %.10g %.10g %.10g" % (x, math.erf(x), math.erfc(x), math.erf(x) + math.erfc(x)))
print(math.erf(math.inf), math.erf(-math.inf), math.erfc(math.inf), math.erfc(-math.inf), math.erf(-0.0), math.erfc(30))
print("%.6g %.6g %.6g" % (math.erfc(10), math.erfc(20), math.erfc(26)))

def phi(z):
    return 0.5 * math.erfc(-z / math.sqrt(2))

print("  z    P(Z<z)   two-sided")
for z in [-3, -2, -1.96, -1, 0, 0.5, 1, 1.645, 1.96, 2.576, 3]:
    print("%5.3f %.6f %.6f" % (z, phi(z), 2 * (1 - phi(abs(z)))))
for f, x in [(math.gamma, 0), (math.gamma, -0.0), (math.gamma, -2), (math.gamma, -math.inf), (math.gamma, 171.7),
             (math.gamma, 1e-320), (math.gamma, 1e308), (math.lgamma, 0), (math.lgamma, -3), (math.lgamma, 1e308),
             (math.lgamma, -1e308), (math.erf, "x"), (math.gamma, None)]:
    try:
        print(f.__name__, x, f(x))
    except (ValueError, OverflowError, TypeError) as e:
        print(f.__name__, x, type(e).__name__ + ":", e)
