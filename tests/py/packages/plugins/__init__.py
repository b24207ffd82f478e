# helper module: the plugin package; plugins register themselves here
REGISTRY = {}


def register(name):
    def deco(cls):
        REGISTRY[name] = cls
        return cls
    return deco
