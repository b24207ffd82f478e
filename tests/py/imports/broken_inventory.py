# helper module: raises while it is being imported
STOCK = {"apples": 3, "pears": 0}


def ratio(item):
    return STOCK["apples"] / STOCK[item]


print("computing ratios")
RATIO = ratio("pears")
