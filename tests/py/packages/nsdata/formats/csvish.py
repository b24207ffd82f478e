# helper module: a nested namespace package's module
SEP = ","
