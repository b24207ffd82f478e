def outer():
    for i in range(3):
        pass
    while True:
    break
