# PEP 420: folders without __init__.py are namespace packages; every sys.path entry
# that has the folder adds a portion.
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.append(os.path.join(here, "more"))

import nsdata
import nsdata.reader
from nsdata import writer
from nsdata.formats import csvish

print(nsdata.__name__, nsdata.__file__, repr(nsdata.__package__))
print(list(nsdata.__path__))
print(nsdata.__spec__.name, nsdata.__spec__.origin, list(nsdata.__spec__.submodule_search_locations))
print(nsdata.reader.read(), "|", writer.write())
print(csvish.SEP, nsdata.formats.__file__, list(nsdata.formats.__path__))
print(writer.__name__, writer.__package__, writer.__file__)
print(sorted(k for k in sys.modules if k.startswith("nsdata")))
try:
    import nsdata.missing
except ModuleNotFoundError as e:
    print(e)
