# helper module: never named by __all__
SIDES = 4
