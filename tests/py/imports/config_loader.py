import settings_defaults as config
from settings_defaults import DEFAULTS

SOURCES = [
    """
    # production
    host = example.org
    port = 443
    debug = no
    """,
    """
    port = eighty
    colour = blue
    workers = 16
    just a line
    debug = TRUE   # for now
    """,
]

for text in SOURCES:
    settings, problems = config.parse(text)
    for key in sorted(settings):
        marker = "" if settings[key] == DEFAULTS[key] else "  (changed)"
        print("%-8s %r%s" % (key, settings[key], marker))
    for p in problems:
        print("problem:", p)
    print("-" * 20)
print("parsed", config.loaded, "configs")
print(DEFAULTS is config.DEFAULTS)
