pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
    (IndexError, LookupError), (UnboundLocalError, NameError), (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError), (FileNotFoundError, OSError), (ModuleNotFoundError, ImportError),
    (StopIteration, Exception), (KeyboardInterrupt, Exception), (SystemExit, BaseException),
    (Exception, BaseException), (TypeError, ValueError), (UnicodeDecodeError, ValueError),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
try:
    [].pop()
except LookupError as e:
    print("caught by base:", type(e).__name__, e)
try:
    raise KeyboardInterrupt
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException catches", type(e).__name__)
print(isinstance(KeyError("x"), LookupError), isinstance(KeyError("x"), (TypeError, Exception)))
print(ValueError.__mro__)
e = OSError("disk")
print(repr(e), IOError is OSError, EnvironmentError is OSError)
