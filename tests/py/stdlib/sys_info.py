# What a program asks sys about the interpreter: version checks, limits, float and int
# facts, the frames of its callers (as logging and warnings do), encodings.
import sys

if sys.version_info < (3, 11):
    raise SystemExit("needs 3.11")
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, type(sys.version_info))
print(sys.version_info.releaselevel, sys.hexversion >> 16 == 0x30B)
print(sys.flags.optimize, sys.flags.verbose, sys.flags.bytes_warning, sys.flags.inspect)
fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.radix, fi.max_exp, fi[0] == fi.max)
print(sys.int_info.bits_per_digit, sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf)
print(sys.maxsize, sys.maxunicode, sys.byteorder, sys.getdefaultencoding(), sys.getfilesystemencoding())
print("collections" in sys.stdlib_module_names, "sys" in sys.builtin_module_names, sys.warnoptions)
print(sys.intern("name"), sys.float_repr_style, isinstance(sys.getrefcount(object()), int))


def log(msg, depth=1):
    caller = sys._getframe(depth)
    return "%s:%s %s" % (caller.f_code.co_name, caller.f_globals["__name__"], msg)


def handler(request):
    local_value = request * 2
    frame = sys._getframe()
    return log("handled %d" % request), frame.f_locals["local_value"], frame.f_back.f_code.co_name


def dispatch():
    return handler(21)


print(dispatch())
print(log("at module level", 1), sys._getframe().f_code.co_name, sys._getframe().f_back)
try:
    sys._getframe(500)
except ValueError as e:
    print("ValueError:", e)
code = dispatch.__code__
print(code.co_name, code.co_argcount, code.co_varnames, code.co_filename.endswith("sys_info.py"))
