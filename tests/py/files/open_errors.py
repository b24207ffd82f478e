for path, mode in [("no_such_file.txt", "r"), (".", "r"), ("x.txt", "rw"), ("x.txt", "q")]:
    try:
        open(path, mode)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
try:
    open(42.5)
except TypeError as e:
    print("TypeError:", e)
