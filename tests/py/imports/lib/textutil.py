# helper module: found through sys.path by the scripts in the folder above
def banner(text, width=20):
    return text.center(width, "*")


def words(text):
    return [w.strip(".,!?").lower() for w in text.split()]
