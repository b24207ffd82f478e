"""XMLParser with targets written in Python: an outline printer and a word
counter, TreeBuilder options (comments and PIs kept), and malformed documents."""
import xml.etree.ElementTree as ET

DOC = """<?xml version="1.0"?>
<!DOCTYPE note [<!ENTITY who "World">]>
<?style sheet="a.css"?>
<note lang="en">
  <!-- greeting follows -->
  <to>&who;</to>
  <body>Hello <b>bold</b> &amp; <i>plain</i> text</body>
  <?render fast?>
</note>
"""


class Outline:
    def __init__(self):
        self.depth = 0
        self.lines = []
        self.text = []

    def flush(self):
        text = "".join(self.text)
        self.text = []
        if text.strip():
            self.lines.append("  " * self.depth + repr(text))

    def start(self, tag, attrib):
        self.flush()
        self.lines.append("  " * self.depth + f"<{tag} {sorted(attrib.items())}>")
        self.depth += 1

    def end(self, tag):
        self.flush()
        self.depth -= 1
        self.lines.append("  " * self.depth + f"</{tag}>")

    def data(self, data):
        self.text.append(data)

    def comment(self, text):
        self.lines.append("  " * self.depth + f"comment {text!r}")

    def pi(self, target, data):
        self.lines.append("  " * self.depth + f"pi {target} {data!r}")

    def close(self):
        return "\n".join(self.lines)


print(ET.fromstring(DOC, ET.XMLParser(target=Outline())))


class Words:
    def __init__(self):
        self.n = 0

    def data(self, data):
        self.n += len(data.split())

    def close(self):
        return self.n


p = ET.XMLParser(target=Words())
for piece in (DOC[:40], DOC[40:90], DOC[90:]):
    p.feed(piece)
print("words", p.close())

for opts in ({}, {"insert_comments": True}, {"insert_pis": True},
             {"insert_comments": True, "insert_pis": True}):
    tb = ET.TreeBuilder(**opts)
    root = ET.fromstring(DOC, ET.XMLParser(target=tb))
    print(opts, ET.tostring(root, encoding="unicode").replace("\n", "\\n"))

# The builder driven by hand.
tb = ET.TreeBuilder()
tb.start("a", {"k": "v"})
tb.data("x")
tb.data("y")
tb.start("b", {})
tb.end("b")
tb.data("tail")
c, p = tb.comment("c"), tb.pi("t", "d")
print(c.tag is ET.Comment, c.text, p.tag is ET.PI, p.text)
tb.end("a")
root = tb.close()
print(ET.tostring(root), root.text, root[0].tail)
print(ET.TreeBuilder().close())
tb = ET.TreeBuilder()
tb.start("a", {})
tb.end("a")
try:
    tb.start("b", {})
except ET.ParseError as e:
    print("ParseError:", e)
try:
    tb.end("b")
    tb.end("b")
except IndexError as e:
    print("IndexError:", e)

for bad in ["<a>", "<a></b>", "<a x='1' x='2'/>", "<a>&undefined;</a>",
            "text only", "<a><b></a>", "<?xml version='1.0'?>"]:
    try:
        ET.fromstring(bad)
        print("parsed", bad)
    except ET.ParseError as e:
        print(f"{bad!r}: {e} code={e.code} position={e.position}")

# The parser's own attributes, entities it is told about, and DOCTYPE reporting.
p = ET.XMLParser()
print(p.version.startswith("Expat "), type(p).__name__, ET.XMLParser.__module__,
      ET.ParseError.__module__, issubclass(ET.ParseError, SyntaxError))
p.entity["me"] = "the author"
p.feed('<!DOCTYPE doc SYSTEM "doc.dtd"><doc>by &me;</doc>')
print(p.close().text)


class Doctypes(ET.TreeBuilder):
    def doctype(self, name, pubid, system):
        print("doctype", name, pubid, system)


ET.fromstring('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
              '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html/>',
              ET.XMLParser(target=Doctypes()))
root = ET.fromstring('<r xmlns="urn:a" xmlns:b="urn:b"><b:x b:k="1"/><y/></r>')
print([(e.tag, e.attrib) for e in root.iter()])

# A parser dropped after an error is freed with its target (no cycle left behind).
import gc
import weakref


class Collector:
    def start(self, tag, attrib):
        pass

    def close(self):
        return "closed"


for doc in ("<a><b></a>", "<a>", "<a/><b/>"):
    target = Collector()
    probe = weakref.ref(target)
    p = ET.XMLParser(target=target)
    try:
        p.feed(doc)
        p.close()
    except ET.ParseError as e:
        print("error", e.code)
    del p, target
    gc.collect()
    print("target freed:", probe() is None)
