# helper module: found through sys.path; imports a sibling module
import textutil

GREETING = "hello"


def greet(name):
    return textutil.banner(GREETING + " " + name, 24)
