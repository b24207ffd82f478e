# Tag statistics over a feed: pyexpat reports each distinct name as one string
# (its `intern` dict), and ElementTree's XMLParser drives a custom target object.
import xml.parsers.expat
from xml.etree.ElementTree import XMLParser, TreeBuilder

DOC = b"""<?xml version="1.0"?>
<feed xmlns:m="urn:meta">
  <entry id="1"><title>One</title><m:tag kind="a"/><m:tag kind="b"/></entry>
  <entry id="2"><title>Two</title><m:tag kind="a"/></entry>
  <entry id="3"><title>Three</title></entry>
</feed>"""

seen = {}
same = []


def start(name, attrs):
    if name in seen:
        same.append(seen[name] is name)
    seen.setdefault(name, name)


def end(name):
    same.append(seen[name] is name)


p = xml.parsers.expat.ParserCreate()
p.StartElementHandler = start
p.EndElementHandler = end
p.Parse(DOC, True)
print("names:", sorted(seen))
print("reported as one string each:", all(same), len(same))
print("intern dict:", sorted(p.intern))

# A parser given its own intern dict fills it; names already there are used.
mine = {"entry": "entry"}
p2 = xml.parsers.expat.ParserCreate(intern=mine)
got = []
p2.StartElementHandler = lambda n, a: got.append(n)
p2.Parse(DOC, True)
print("own dict:", sorted(mine), got.count("entry"), got[1] is mine["entry"])


class Stats:
    """A parser target counting tags and collecting titles."""

    def __init__(self):
        self.counts = {}
        self.titles = []
        self._in_title = False

    def start(self, tag, attrib):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self._in_title = tag == "title"

    def end(self, tag):
        self._in_title = False

    def data(self, text):
        if self._in_title:
            self.titles.append(text)

    def close(self):
        return self.counts, self.titles


parser = XMLParser(target=Stats())
for i in range(0, len(DOC), 37):  # fed in pieces, as from a socket
    parser.feed(DOC[i:i + 37])
counts, titles = parser.close()
print(sorted(counts.items()))
print(titles)


class Numbered(XMLParser):
    """A subclass with attributes of its own beside the parser's."""

    def __init__(self):
        self.note = "numbered"
        super().__init__(target=TreeBuilder())
        self.extra = 1


np = Numbered()
np.feed(DOC)
root = np.close()
print(np.note, np.extra, root.tag, [e.get("id") for e in root.iter("entry")])
print([t.get("kind") for t in root.iter("{urn:meta}tag")])
