# A registry of record types built on dict/list, checked against the ABCs: the
# isinstance checks call __subclasshook__ on every registered subclass, which for a
# subclass of a built-in is object's class method, bound to the class.
import collections.abc


class Record(dict):
    pass


class Row(list):
    pass


class Tagged(Record):
    pass


for cls in (Record, Row, Tagged, dict, int):
    print(cls.__name__, cls.__subclasshook__(int), cls.__subclasshook__(cls))

for obj in (Record(a=1), Row([1]), Tagged(), [1], {}):
    print(type(obj).__name__,
          isinstance(obj, collections.abc.Sequence),
          isinstance(obj, collections.abc.Mapping),
          isinstance(obj, collections.abc.MutableSequence))

notes = Row(["first note"])
print(isinstance(notes, collections.abc.Sequence), issubclass(Tagged, collections.abc.Sequence))
