import os
import sys

print(type(sys.path).__name__, sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
try:
    import textutil
except ModuleNotFoundError as e:
    print("before:", e)

sys.path.append(os.path.join(os.path.dirname(__file__), "lib"))
import textutil
import greeter
print(textutil.banner("report"))
print(textutil.words("Hello, World! Hello again."))
print(greeter.greet("ada"))
print(greeter.textutil is textutil)
print(textutil.__file__)

# Entries that do not exist or are not strings are skipped.
sys.path.insert(0, "/nonexistent/folder")
sys.path.insert(0, 42)
del sys.modules["textutil"]
import textutil as again
print(again is not textutil, again.banner("x", 5))
