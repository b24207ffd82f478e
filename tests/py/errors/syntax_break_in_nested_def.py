def f():
    while True:
        def g():
            break
