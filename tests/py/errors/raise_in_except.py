def handler():
    try:
        [].pop()
    except IndexError:
        print("handling", 1 / 0)

handler()
