# helper module: the other half of an import cycle
import cycle_a

print("cycle_b sees cycle_a partially initialized:", hasattr(cycle_a, "NAME"))
NAME = "b"


def hello():
    return "b says hi to " + cycle_a.NAME
