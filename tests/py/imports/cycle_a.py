# helper module: half of an import cycle
import cycle_b

NAME = "a"


def hello():
    return "a says hi to " + cycle_b.NAME
