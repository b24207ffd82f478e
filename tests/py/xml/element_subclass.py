"""A document model on a subclass of Element: nodes know their parents, compute
paths and sizes, are made by the parser through an element factory, and a
tree with parent links (cycles) is reclaimed by the cycle collector."""
import copy
import gc
import weakref
import xml.etree.ElementTree as ET


class Node(ET.Element):
    created = 0

    def __init__(self, tag, attrib={}, **extra):
        super().__init__(tag, attrib, **extra)
        self.parent = None
        Node.created += 1

    def append(self, child):
        super().append(child)
        child.parent = self

    def path(self):
        parts = []
        node = self
        while node is not None:
            parts.append(node.tag)
            node = node.parent
        return "/" + "/".join(reversed(parts))

    def size(self):
        return 1 + sum(c.size() for c in self)

    def __repr__(self):
        return f"Node({self.tag!r}, {len(self)} children)"


DOC = "<book><ch n='1'><p>a</p><p>b</p></ch><ch n='2'><p>c</p><fig/></ch></book>"

builder = ET.TreeBuilder(element_factory=Node)
parser = ET.XMLParser(target=builder)
parser.feed(DOC)
book = parser.close()
print(type(book).__name__, isinstance(book, ET.Element), book)
print("nodes made", Node.created, "size", book.size())
for p in book.iter("p"):
    print(p.path(), p.text, type(p).__name__)
fig = book.find(".//fig")
print(fig.path(), fig.parent.get("n"))
print(ET.tostring(book, encoding="unicode"))

# Elements a subclass makes by itself are plain Elements (the C type's rule).
e = Node("x")
sub = ET.SubElement(e, "y")
print(type(sub).__name__, type(e.makeelement("z", {})).__name__)
print(type(copy.copy(e)).__name__, type(copy.deepcopy(e)).__name__)
print(ET.Element.__module__, ET.Element.__name__, Node.__mro__[1].__name__)
print(type(ET.Element("a")).__name__, repr(ET.Element("a")).startswith("<Element 'a' at 0x"))
print(hasattr(e, "__dict__"), e.__dict__)

# Cycles through parent links are collected.
gc.collect()
probe = weakref.ref(book)
del book, builder, parser, p, fig
print("alive before collect:", probe() is not None)
gc.collect()
print("alive after collect:", probe() is not None)

# Messages of the type checks and the attribute setters.
plain = ET.Element("plain")
for f in (lambda: plain.append(None), lambda: plain.insert(0, 1),
          lambda: plain.remove(ET.Element("other")), lambda: ET.SubElement(None, "t"),
          lambda: ET.Element("t", 5), lambda: setattr(plain, "attrib", []),
          lambda: delattr(plain, "tag"),
          lambda: plain.__setstate__([])):
    try:
        f()
    except Exception as ex:
        print(type(ex).__name__ + ":", ex)
