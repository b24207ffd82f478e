# helper module: a top-level package
sibling_value = 42
