import string
from string import capwords, digits

print(string.ascii_lowercase)
print(string.ascii_uppercase)
print(string.digits, digits is string.digits)
print(string.hexdigits, string.octdigits)
print(string.punctuation)
print(repr(string.whitespace))
print(len(string.printable), string.printable[:20])
print(capwords("the quick  brown\tfox"))
print(capwords("one-two-three", "-"))
print(string.capwords("   "))
print(sorted([n for n in string.__all__ if n[0].islower()]))
print(string.__name__, repr(string)[:16])
