# helper module: an __all__ with a name the module lacks
__all__ = ["present", "absent"]
present = 1
