"""collections and importlib are packages (collections.abc, importlib.machinery), and
a property's __doc__ can be set (as namedtuple-based modules such as dis do)."""
import collections
import collections.abc
from collections.abc import Mapping, MutableSequence, Iterable
import importlib.machinery
from collections import namedtuple

print(hasattr(collections, "__path__"), collections.abc.__name__)
print(isinstance({}, Mapping), isinstance([], MutableSequence), isinstance(3, Iterable))
print(issubclass(dict, collections.abc.MutableMapping), collections.abc.Callable[[int], str])
print(importlib.machinery.SOURCE_SUFFIXES, ".py" in importlib.machinery.all_suffixes())
spec = importlib.machinery.ModuleSpec("pkg.mod", None, origin="/x/pkg/mod.py")
print(spec.name, spec.parent, spec.origin, spec.has_location, spec)


class Account:
    @property
    def balance(self):
        """The balance."""
        return 10


print(Account.balance.__doc__)
Account.balance.__doc__ = "The current balance, in cents."
print(Account.balance.__doc__, Account().balance)
p = property(lambda self: 1)
p.__doc__ = "set later"
print(p.__doc__)

Instruction = namedtuple("Instruction", "opname arg")
Instruction.opname.__doc__ = "Human readable name for operation"
print(Instruction.opname.__doc__, Instruction("LOAD", 1).opname)
