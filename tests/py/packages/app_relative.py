# An application package whose subpackages import each other relatively.
import sys

import app
from app.services.report import report, WHERE
import app.services.report as rep

print(app.VERSION, app.User("Ada Lovelace"))
print(WHERE)
text, user_module = report(["Grace Hopper", "Alan  Turing!", "x"])
print(text)
print(user_module is app.models.user, rep is sys.modules["app.services.report"])
print(app.services.report is rep, app.services.formatting.table([(1, 2)]))

for name in ["app", "app.models", "app.models.user", "app.services", "app.services.report", "app.util"]:
    m = sys.modules[name]
    spec = m.__spec__
    print(name, "|", m.__name__, repr(m.__package__), getattr(m, "__path__", "-"), m.__file__)
    print("   spec:", spec.name, repr(spec.parent), spec.origin, spec.submodule_search_locations)

print(sorted(k for k in sys.modules if k.startswith("app")))
print(sorted(k for k in vars(app) if not k.startswith("__")))
print(repr(app.models)[:26], type(app).__name__)
