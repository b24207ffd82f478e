# helper module: a cycle where the second module uses from-import
from cycle_from_b import helper

VALUE = 10
