"""A streaming counter: iterparse over a socket fed by another thread, counting
elements and summing values while clearing what it has seen, then the same with
XMLPullParser fed in chunks."""
import socket
import threading
import xml.etree.ElementTree as ET


def records(n):
    yield b'<?xml version="1.0"?>\n<log xmlns:x="urn:extra">\n'
    for i in range(n):
        level = ("info", "warn", "error")[i % 3]
        yield b'  <rec id="%d" level="%s"><ms>%d</ms><x:note>n%d</x:note></rec>\n' % (
            i, level.encode(), i * 7 % 50, i)
    yield b"</log>\n"


def writer(sock, n):
    with sock:
        buf = b"".join(records(n))
        # Small uneven pieces, so the parser reads across element boundaries.
        for i in range(0, len(buf), 173):
            sock.sendall(buf[i:i + 173])


a, b = socket.socketpair()
t = threading.Thread(target=writer, args=(a, 300))
t.start()
counts = {}
total = 0
depth = 0
max_depth = 0
ns_seen = []
with b, b.makefile("rb") as f:
    for event, elem in ET.iterparse(f, events=("start", "end", "start-ns")):
        if event == "start-ns":
            ns_seen.append(elem)
            continue
        if event == "start":
            depth += 1
            max_depth = max(max_depth, depth)
            continue
        depth -= 1
        if elem.tag == "rec":
            counts[elem.get("level")] = counts.get(elem.get("level"), 0) + 1
            total += int(elem.findtext("ms"))
            note = elem.find("{urn:extra}note")
            if elem.get("id") in ("0", "299"):
                print("record", elem.get("id"), note.tag, note.text, len(elem))
            elem.clear()
t.join()
print("levels", sorted(counts.items()), "total ms", total, "max depth", max_depth)
print("namespaces", ns_seen)

# XMLPullParser fed by hand, events read between feeds.
parser = ET.XMLPullParser(events=("end", "comment", "pi"))
chunks = [b"<root><!-- hi --><a>1</a><?tool run?>", b"<b>2</b><c", b">3</c></root>"]
for chunk in chunks:
    parser.feed(chunk)
    got = [(ev, getattr(el, "tag", el) if ev == "end" else el.text) for ev, el in parser.read_events()]
    print(len(chunk), got)
parser.close()
print("pull root done", [e for e in parser.read_events()])

# A truncated stream is an error at the end.
a, b = socket.socketpair()
t = threading.Thread(target=lambda: (a.sendall(b"<log><rec id='1'>"), a.close()))
t.start()
try:
    with b, b.makefile("rb") as f:
        for event, elem in ET.iterparse(f):
            print("got", event, elem.tag)
except ET.ParseError as e:
    print("ParseError", e.code, e.position)
t.join()
