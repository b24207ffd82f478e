# helper module: two submodules that import each other
