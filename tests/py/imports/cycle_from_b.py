# helper module: imports a name its importer has not defined yet
from cycle_from_a import VALUE


def helper():
    return VALUE
