"""AC circuit impedance calculator: series/parallel networks of R, L and C."""
import cmath
import math


class Component:
    def __init__(self, name):
        self.name = name

    def impedance(self, omega):
        raise NotImplementedError


class Resistor(Component):
    def __init__(self, name, ohms):
        super().__init__(name)
        self.ohms = ohms

    def impedance(self, omega):
        return complex(self.ohms, 0)


class Inductor(Component):
    def __init__(self, name, henries):
        super().__init__(name)
        self.henries = henries

    def impedance(self, omega):
        return 1j * omega * self.henries


class Capacitor(Component):
    def __init__(self, name, farads):
        super().__init__(name)
        self.farads = farads

    def impedance(self, omega):
        return 1 / (1j * omega * self.farads)


class Series:
    def __init__(self, *parts):
        self.parts = parts

    def impedance(self, omega):
        return sum((p.impedance(omega) for p in self.parts), 0j)


class Parallel:
    def __init__(self, *parts):
        self.parts = parts

    def impedance(self, omega):
        total = 0j
        for p in self.parts:
            total += 1 / p.impedance(omega)
        return 1 / total


def describe(z):
    mag, ang = cmath.polar(z)
    kind = "inductive" if z.imag > 0 else "capacitive" if z.imag < 0 else "resistive"
    return f"|Z|={mag:10.3f} ohm  phase={math.degrees(ang):8.3f} deg  ({kind})"


circuit = Series(
    Resistor("R1", 100),
    Parallel(Inductor("L1", 0.05), Capacitor("C1", 10e-6)),
    Resistor("R2", 47),
)

resonance = 1 / math.sqrt(0.05 * 10e-6) / (2 * math.pi)
print(f"tank resonance near {resonance:.2f} Hz")

for f in [50, 60, 200, 500, 700, 1000, 5000]:
    omega = 2 * math.pi * f
    z = circuit.impedance(omega)
    print(f"{f:5d} Hz  Z = {z:.3f}  {describe(z)}")

# Current and power with a 230 V source at 50 Hz.
omega = 2 * math.pi * 50
z = circuit.impedance(omega)
v = cmath.rect(230, 0)
i = v / z
s = v * i.conjugate()
print("current:", f"{abs(i):.4f} A at {math.degrees(cmath.phase(i)):.2f} deg")
print("complex power:", f"{s:.2f}")
print("real power: {:.2f} W, reactive: {:.2f} var, power factor {:.4f}".format(
    s.real, s.imag, s.real / abs(s)))

# A voltage divider with complex impedances.
z1 = Resistor("R", 1000).impedance(omega)
z2 = Capacitor("C", 1e-6).impedance(omega)
ratio = z2 / (z1 + z2)
print("divider ratio:", round(ratio.real, 6), round(ratio.imag, 6), f"gain {abs(ratio):.5f}")
print("equal impedances:", Resistor("a", 5).impedance(1) == 5, Inductor("b", 0).impedance(3) == 0)
