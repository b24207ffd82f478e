import sys
import traceback
import helper_failing

try:
    helper_failing.average([])
except ZeroDivisionError:
    traceback.print_exc(file=sys.stdout)

collected = []
class_like = {"write": collected.append}
try:
    helper_failing.average(None)
except TypeError as e:
    traceback.print_exception(e, file=sys.stdout)
helper_failing.average([])
