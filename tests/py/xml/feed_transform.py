"""An RSS feed transformer: build a feed, edit it (reorder, filter, rename, move
items), copy it, pickle it, and serialize it as RSS and as a digest."""
import copy
import pickle
import xml.etree.ElementTree as ET
from xml.etree.ElementTree import Element, SubElement

POSTS = [
    ("Release 1.0", "2024-01-05", ["release", "news"], "First stable release."),
    ("Bug fixes", "2024-02-11", ["maintenance"], "Fixed <many> bugs & more."),
    ("Roadmap", "2024-01-20", ["news"], "What comes next."),
    ("Release 1.1", "2024-03-01", ["release"], "Faster, smaller."),
]


def build():
    rss = Element("rss", version="2.0")
    channel = SubElement(rss, "channel")
    SubElement(channel, "title").text = "Project blog"
    SubElement(channel, "link").text = "https://example.org/"
    for title, date, tags, body in POSTS:
        item = SubElement(channel, "item", {"date": date})
        SubElement(item, "title").text = title
        for t in tags:
            SubElement(item, "category").text = t
        desc = SubElement(item, "description")
        desc.text = body
    return rss


rss = build()
channel = rss.find("channel")
items = channel.findall("item")
print(len(channel), "children,", len(items), "items")

# Sort the items by date, newest first, with slice assignment.
head = [c for c in channel if c.tag != "item"]
channel[:] = head + sorted(items, key=lambda i: i.get("date"), reverse=True)
print([i.findtext("title") for i in channel.iter("item")])

# Drop maintenance posts, tag releases, move the roadmap first.
for item in list(channel.iterfind("item")):
    cats = [c.text for c in item.findall("category")]
    if "maintenance" in cats:
        channel.remove(item)
    elif "release" in cats:
        item.set("highlight", "yes")
roadmap = next(i for i in channel.iter("item") if i.findtext("title") == "Roadmap")
channel.remove(roadmap)
channel.insert(2, roadmap)
print([(i.findtext("title"), i.get("highlight")) for i in channel.iter("item")])

# Rename elements and edit text and tails.
for d in rss.iter("description"):
    d.tag = "summary"
    d.text = d.text.upper()
    d.tail = "\n"
del channel[-1][1:2]
print(channel[-1][0].text, [c.tag for c in channel[-1]])

# Copies.
snap = copy.deepcopy(rss)
shallow = copy.copy(channel)
channel[0].text = "Renamed blog"
print("deep copy keeps", snap.find("channel/title").text)
print("shallow shares", shallow[0].text, shallow[0] is channel[0], len(shallow) == len(channel))
again = pickle.loads(pickle.dumps(rss, protocol=pickle.HIGHEST_PROTOCOL))
print("pickle round trip equal:", ET.tostring(again) == ET.tostring(rss))
print(type(again).__name__, again.attrib, [type(c).__name__ for c in again])

# Serialize.
ET.indent(rss, space=" ")
print(ET.tostring(rss, encoding="unicode"))
print(ET.tostring(rss.find("channel/item"), method="text", encoding="unicode").strip())

digest = Element("digest")
for n, item in enumerate(rss.iter("item"), 1):
    e = digest.makeelement("entry", {"n": str(n)})
    e.text = item.findtext("title")
    digest.append(e)
digest.extend([Element("end")])
print(ET.tostring(digest, encoding="unicode"))
print(len(digest), digest[0].keys(), digest[-1].items(), [c.tag for c in digest[1:3]])
try:
    digest.extend([Element("ok"), "not an element"])
except TypeError as e:
    print("TypeError:", e)
try:
    digest.append("text")
except TypeError as e:
    print("TypeError:", e)
try:
    digest[0] = 42
except TypeError as e:
    print("TypeError:", e)
try:
    digest[1:3] = [Element("a")] * 3
    digest[::2] = [Element("b")]
except ValueError as e:
    print("ValueError:", e)
try:
    digest[99]
except IndexError as e:
    print("IndexError:", e)
try:
    digest["x"]
except TypeError as e:
    print("TypeError:", e)
print([c.tag for c in digest])
