"""inventory - report stock levels from a tiny CSV.

The first line of this docstring is the command's summary; the whole docstring is
its --help description, as many real command-line tools arrange it.
"""

import argparse
import json
import textwrap

SUMMARY = __doc__.splitlines()[0]

parser = argparse.ArgumentParser(
    prog="inventory",
    description=__doc__,
    formatter_class=argparse.RawDescriptionHelpFormatter,
)
parser.add_argument("--low", type=int, default=3, help="warn below this count")
print(parser.format_help())
print("summary:", SUMMARY)

# Library modules carry their docstrings too.
print("json:", json.__doc__.splitlines()[0])
print("textwrap:", textwrap.__doc__.strip().splitlines()[0])

# Code run by exec() gets its docstring as __doc__ in the namespace it runs in.
plugin = '''
"""Plugin: doubles every count."""
def apply(rows):
    """Double the counts."""
    return [(name, 2 * n) for name, n in rows]
'''
ns = {}
exec(plugin, ns)
print("plugin:", ns["__doc__"], "|", ns["apply"].__doc__)

# Not a docstring: an f-string, a bytes literal, or a string after another statement.
for src in ('f"""no"""\n', 'b"""no"""\n', 'x = 1\n"""no"""\n', '\n\n# comment\n"""yes"""\n'):
    ns = {}
    exec(src, ns)
    print(repr(src), "->", repr(ns.get("__doc__")))

# compile(..., "single") does not take one.
ns = {}
exec(compile('"""interactive"""\n', "<stdin>", "single"), ns)
print("single:", repr(ns.get("__doc__")))
