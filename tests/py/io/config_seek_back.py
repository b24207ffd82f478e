# A config loader that reads sections of an INI-like file through a text stream,
# remembers where each section starts with tell(), and seeks back to re-read one
# when an "include" refers to it; the same file in UTF-8 and UTF-16 (a codec whose
# decoder keeps state, so the tell() cookies carry it) and with \r\n line ends.
import io


CONFIG = """\
# service settings
[server]
host = café.example
port = 8080
[paths]
root = /srv/日本
logs = /var/log/x
[client]
include = server
timeout = 2.5
[extra]
include = paths
"""


def load(stream):
    sections = {}
    order = []
    current = None
    while True:
        pos = stream.tell()
        line = stream.readline()
        if not line:
            break
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line[1:-1]
            sections[current] = pos
            order.append(current)
    config = {}
    for name in order:
        config[name] = read_section(stream, sections, name, depth=0)
    return sections, config


def read_section(stream, sections, name, depth):
    back = stream.tell()
    stream.seek(sections[name])
    header = stream.readline()
    assert header.strip() == "[%s]" % name, header
    values = {}
    while True:
        line = stream.readline()
        if not line or line.startswith("["):
            break
        key, _, value = line.strip().partition(" = ")
        if key == "include" and depth < 3:
            values.update(read_section(stream, sections, value, depth + 1))
        else:
            values[key] = value
    stream.seek(back)
    return values


for encoding, newline in [("utf-8", "\n"), ("utf-16", "\n"), ("utf-8", "\r\n"),
                          ("utf-16-le", "\r\n"), ("latin-1", "\r")]:
    text = CONFIG.replace("日本", "ja") if encoding == "latin-1" else CONFIG
    data = text.replace("\n", newline).encode(encoding)
    stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data), 16),
                              encoding=encoding)
    sections, config = load(stream)
    print(encoding, repr(newline), repr(stream.newlines))
    print("  cookies:", sections)
    for name, values in config.items():
        print("  %s: %s" % (name, values))
    # The cookies round-trip: seeking to one and reading gives the same line.
    for name, cookie in sections.items():
        stream.seek(cookie)
        assert stream.readline().strip() == "[%s]" % name
        assert stream.tell() > cookie
    # A position part-way through a decoded chunk.
    stream.seek(0)
    stream.read(7)
    mid = stream.tell()
    rest = stream.read(20)
    stream.seek(mid)
    print("  mid cookie", mid, stream.read(20) == rest, repr(rest))
    for bad in [(-1,), (1, 1), (0, 3), ("x",), (0, 1.0)]:
        try:
            stream.seek(*bad)
        except (ValueError, TypeError, OSError) as e:
            print("  seek%r: %s: %s" % (bad, type(e).__name__, e))
    print("  seek(0, 2) ->", stream.seek(0, 2), repr(stream.read()))
