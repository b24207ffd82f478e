# helper module: plugins made on first access through a module __getattr__ (PEP 562)
made = []


def __getattr__(name):
    if name.startswith("plugin_"):
        made.append(name)
        value = name[len("plugin_"):].upper()
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
