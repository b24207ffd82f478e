# helper module: a leaf module
print("kit.tools.hammer: body runs, parent package is", __package__)
WEIGHT = 3
