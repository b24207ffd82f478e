# A SAX element counter and a minidom pretty-printer over the same inventory
# document: xml.sax's expat reader (namespaces on and off), minidom's parseString,
# DOM navigation and toprettyxml, and errors as SAXParseException.
import io
import xml.sax
import xml.sax.handler
from xml.dom import minidom

DOC = b"""<?xml version="1.0"?>
<!-- inventory export -->
<inventory xmlns="urn:inv" xmlns:p="urn:price" warehouse="north">
  <item sku="A-1"><name>Bolt</name><p:price currency="EUR">0.10</p:price><qty>500</qty></item>
  <item sku="B-7"><name>Nut &amp; washer</name><p:price currency="EUR">0.05</p:price><qty>1200</qty></item>
  <item sku="C-3"><name>Hinge</name><qty>40</qty><?restock soon?></item>
</inventory>
"""


class Counter(xml.sax.handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.counts = {}
        self.text = []
        self.path = []
        self.events = []

    def startDocument(self):
        self.events.append("startDocument")

    def endDocument(self):
        self.events.append("endDocument")

    def startElement(self, name, attrs):
        self.counts[name] = self.counts.get(name, 0) + 1
        self.path.append(name)
        if name == "item":
            self.events.append(f"item {attrs.getValue('sku')} {sorted(attrs.keys())}")

    def endElement(self, name):
        self.path.pop()

    def startElementNS(self, name, qname, attrs):
        self.counts[name] = self.counts.get(name, 0) + 1
        if name[1] == "price":
            self.events.append(f"price {qname} {dict(attrs.items())}")

    def endElementNS(self, name, qname):
        pass

    def startPrefixMapping(self, prefix, uri):
        self.events.append(f"prefix {prefix}={uri}")

    def characters(self, content):
        if self.path and self.path[-1] == "name":
            self.text.append(content)

    def processingInstruction(self, target, data):
        self.events.append(f"pi {target} {data}")


h = Counter()
xml.sax.parseString(DOC, h)
print(sorted(h.counts.items()))
print("names:", "".join(h.text))
for e in h.events:
    print(" ", e)

ns = Counter()
parser = xml.sax.make_parser()
parser.setFeature(xml.sax.handler.feature_namespaces, True)
parser.setContentHandler(ns)
parser.parse(io.BytesIO(DOC))
print(sorted(ns.counts.items()))
for e in ns.events:
    print(" ", e)


class Errors(xml.sax.handler.ErrorHandler):
    def fatalError(self, exc):
        print("fatal:", exc.getMessage(), exc.getLineNumber(), exc.getColumnNumber())
        raise exc


for bad in [b"<a><b></a>", b"<a>", b"<a>&x;</a>"]:
    try:
        xml.sax.parseString(bad, xml.sax.handler.ContentHandler(), Errors())
    except xml.sax.SAXParseException as e:
        print("SAXParseException:", e)

# minidom: parse, navigate, edit and pretty-print.
dom = minidom.parseString(DOC)
root = dom.documentElement
print(root.tagName, root.getAttribute("warehouse"), root.namespaceURI)
for item in root.getElementsByTagName("item"):
    name = item.getElementsByTagName("name")[0].firstChild.data
    qty = int(item.getElementsByTagName("qty")[0].firstChild.data)
    price = item.getElementsByTagNameNS("urn:price", "price")
    print(" ", item.getAttribute("sku"), name, qty, price[0].firstChild.data if price else "-")
low = dom.createElement("low-stock")
low.setAttribute("threshold", "100")
low.appendChild(dom.createTextNode("C-3"))
root.appendChild(low)
print(dom.toprettyxml(indent="  "))
small = minidom.parseString("<cfg><a x='1'>t</a><!--c--><b/></cfg>")
print(small.toxml())
print(small.documentElement.toprettyxml(indent="\t"))
print([n.nodeType for n in small.documentElement.childNodes])
try:
    minidom.parseString("<a><b></a>")
except Exception as e:
    print(type(e).__name__, e)
