def greet(name, punctuation="!"):
    """Say hello."""
    return f"Hello, {name}{punctuation}"

print(greet.__name__, greet.__qualname__, greet.__doc__, greet.__module__, greet.__dict__)
greet.__name__ = "salute"
greet.__qualname__ = "Greeter.salute"
greet.__doc__ = "Salute someone."
greet.__module__ = "greetings"
greet.version = 2
print(greet.__name__, greet.__qualname__, greet.__doc__, greet.__module__, greet.__dict__)
print(repr(greet).split(" at ")[0])
try:
    greet()
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", "b", "c")
except TypeError as e:
    print("TypeError:", e)
for attr, value in [("__name__", 5), ("__qualname__", None)]:
    try:
        setattr(greet, attr, value)
    except TypeError as e:
        print("TypeError:", e)
del greet.version
print(greet.__dict__, hasattr(greet, "version"))
try:
    del greet.version
except AttributeError as e:
    print("AttributeError:", e)

class Widget:
    def method(self):
        "A method."
        return 1

print(Widget.method.__qualname__, Widget().method.__doc__, Widget.method.__module__)
Widget.method.label = "m"
print(Widget().method.label, Widget.method.__dict__)

def nodoc():
    pass
print(nodoc.__doc__, (lambda: 0).__name__, (lambda: 0).__qualname__)
vars(nodoc)["extra"] = 42
print(nodoc.extra)
