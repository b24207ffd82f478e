try:
    {}["a"]
except KeyError:
    try:
        [][1]
    except IndexError:
        None + 1
