# An RSS/Atom feed reader and a service-config loader on xml.etree.ElementTree:
# parse, find/findall/iter, the XPath subset, attributes, namespaces, tostring,
# an incremental XMLPullParser fed in chunks, iterparse, and ParseError reports.
import io
import xml.etree.ElementTree as ET

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Tech &amp; Things</title>
    <link>https://example.org/</link>
    <description><![CDATA[News <b>daily</b>]]></description>
    <item id="101" lang="en">
      <title>Rust 2.0 released</title>
      <dc:creator>Ann Lee</dc:creator>
      <category>rust</category><category>release</category>
      <media:content url="https://example.org/a.png" width="640"/>
      <pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate>
    </item>
    <item id="102" lang="fr">
      <title>Caf\u00e9 &#x2615; &#233;dition</title>
      <dc:creator>Jos\u00e9</dc:creator>
      <category>coffee</category>
      <pubDate>Tue, 03 Jan 2023 11:30:00 GMT</pubDate>
    </item>
    <item id="103" lang="en">
      <title>Parsing XML, incrementally</title>
      <dc:creator>Ann Lee</dc:creator>
      <category>xml</category>
      <!-- no pubDate yet -->
    </item>
  </channel>
</rss>
"""

NS = {"dc": "http://purl.org/dc/elements/1.1/", "media": "http://search.yahoo.com/mrss/"}


def summarize(root):
    channel = root.find("channel")
    print("feed:", channel.findtext("title"), "|", channel.findtext("link"))
    print("description:", channel.find("description").text)
    for item in channel.iter("item"):
        cats = ",".join(c.text for c in item.findall("category"))
        author = item.find("dc:creator", NS).text
        date = item.findtext("pubDate", default="(undated)")
        print(f"  #{item.get('id')} [{item.get('lang')}] {item.findtext('title')!r} by {author} ({cats}) {date}")
    print("english:", [i.get("id") for i in root.findall(".//item[@lang='en']")])
    print("second:", root.find("./channel/item[2]/title").text)
    print("last:", root.find("./channel/item[last()]").get("id"))
    print("with media:", [i.get("id") for i in root.findall(".//item/media:content/..", NS)])
    print("by Ann:", [i.get("id") for i in root.iterfind(".//item[dc:creator='Ann Lee']", NS)])
    media = root.find(".//{http://search.yahoo.com/mrss/}content")
    print("media:", media.tag, sorted(media.attrib.items()))
    authors = {}
    for c in root.iter("{http://purl.org/dc/elements/1.1/}creator"):
        authors[c.text] = authors.get(c.text, 0) + 1
    print("authors:", sorted(authors.items()))
    print("all tags:", len(list(root.iter())), sorted({e.tag.split('}')[-1] for e in root.iter()}))


root = ET.fromstring(FEED)
print(root.tag, root.attrib)
summarize(root)

# The same document through a file, bytes and an encoding declaration.
tree = ET.parse(io.BytesIO(FEED.encode("utf-8")))
print("parsed from bytes:", tree.getroot().find(".//item[2]/title").text)
latin = '<?xml version="1.0" encoding="iso-8859-1"?><note>na\xefve caf\xe9</note>'.encode("latin-1")
print("latin-1:", ET.fromstring(latin).text)

# A config file: defaults, overrides and typed values.
CONFIG = """<service name="api">
  <listen host="127.0.0.1" port="8080"/>
  <workers count="4"/>
  <limits>
    <limit key="body" value="1048576"/>
    <limit key="headers" value="64"/>
  </limits>
  <route path="/users" methods="GET POST"/>
  <route path="/health" methods="GET"/>
  <feature enabled="yes">gzip</feature>
  <feature enabled="no">http2</feature>
</service>"""
cfg = ET.fromstring(CONFIG)
listen = cfg.find("listen")
settings = {
    "name": cfg.get("name"),
    "addr": (listen.get("host"), int(listen.get("port"))),
    "workers": int(cfg.find("workers").get("count")),
    "limits": {l.get("key"): int(l.get("value")) for l in cfg.iterfind("limits/limit")},
    "routes": {r.get("path"): r.get("methods").split() for r in cfg.findall("route")},
    "features": [f.text for f in cfg.findall("feature[@enabled='yes']")],
    "timeout": cfg.findtext("timeout", default="30"),
}
for k in sorted(settings):
    print(f"  {k} = {settings[k]!r}")

# Building and serializing.
out = ET.Element("report", {"generated": "2023-01-04"})
for item in root.iter("item"):
    e = ET.SubElement(out, "entry", id=item.get("id"))
    e.text = item.findtext("title")
    e.tail = "\n"
ET.SubElement(out, "note").text = "a < b & \"c\""
ET.indent(out)
print(ET.tostring(out, encoding="unicode"))
print(ET.tostring(ET.fromstring("<a><b x='1'/>text</a>")))
print(ET.tostring(root.find(".//item[3]"), encoding="unicode").strip())
nsdoc = ET.fromstring('<x:doc xmlns:x="urn:x" xmlns="urn:d"><x:p>1</x:p><q>2</q></x:doc>')
print([e.tag for e in nsdoc.iter()])
print(ET.tostring(nsdoc, encoding="unicode"))
ET.register_namespace("shop", "urn:shop")
cart = ET.Element("{urn:shop}cart")
ET.SubElement(cart, "{urn:shop}line", qty="2").text = "tea"
print(ET.tostring(cart, encoding="unicode"))

# Incremental parsing: the feed arrives in chunks of various sizes.
for size in (1, 7, 64, 4096):
    parser = ET.XMLPullParser(["start", "end", "start-ns", "end-ns", "comment"])
    events = []
    data = FEED.encode("utf-8")
    for i in range(0, len(data), size):
        parser.feed(data[i:i + size])
        for ev, el in parser.read_events():
            if ev == "end" and el.tag == "item":
                events.append(("item", el.get("id"), el.findtext("title")))
            elif ev in ("start-ns", "comment"):
                events.append((ev, el if ev == "start-ns" else el.text))
            elif ev == "end-ns":
                events.append((ev,))
    parser.close()
    print(f"chunks of {size}:", events)

# iterparse over a growing log of records, clearing as it goes.
LOG = "<log>" + "".join(f'<rec n="{i}" level="{"warn" if i % 3 else "error"}">m{i}</rec>' for i in range(12)) + "</log>"
counts = {}
for ev, el in ET.iterparse(io.StringIO(LOG)):
    if el.tag == "rec":
        counts[el.get("level")] = counts.get(el.get("level"), 0) + 1
        el.clear()
print("levels:", sorted(counts.items()))
for ev, el in ET.iterparse(io.BytesIO(b"<a><b/><c>t</c></a>"), events=("start", "end")):
    print(" ", ev, el.tag)

# Errors, as a feed validator reports them.
for bad in ["<rss><channel></rss>", "", "<a>", "<a x='1' x='2'/>", "<a>&nope;</a>",
            "<a/><b/>", "<a>\x01</a>", "<1a/>", "<a><b></a>",
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><p>&nbsp;x</p>']:
    try:
        ET.fromstring(bad)
        print("ok?", bad)
    except ET.ParseError as e:
        print(f"{bad[:30]!r}: {e} code={e.code} position={e.position}")
p = ET.XMLParser()
p.entity["nbsp"] = "\u00a0"
p.feed('<!DOCTYPE p SYSTEM "x.dtd"><p>a&nbsp;b</p>')
print(repr(p.close().text))
