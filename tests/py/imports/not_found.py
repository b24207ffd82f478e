import sys

for name in ["nosuchmodule", "shapes_typo", "os.nothing_here"]:
    try:
        if name == "nosuchmodule":
            import nosuchmodule
        elif name == "shapes_typo":
            import shapes_typo
        else:
            import os.nothing_here
    except ModuleNotFoundError as e:
        print(type(e).__name__ + ":", e)
print(issubclass(ModuleNotFoundError, ImportError))

def load():
    import missing_dependency

load()
