"""A directory lister that must survive file names that are not valid UTF-8.

It creates a few files whose names hold undecodable bytes, lists them as str (each
bad byte shows as a lone surrogate U+DC80..U+DCFF, as `os.fsdecode` gives), reopens
each by the str name, and checks that `os.fsencode` gives the original bytes back.
"""
import os
import shutil
import sys
import tempfile

RAW_NAMES = [
    b"report.txt",
    b"caf\xc3\xa9.md",          # valid UTF-8
    b"latin1-\xe9t\xe9.csv",   # Latin-1 bytes: undecodable as UTF-8
    b"junk-\xff\xfe",
    b"cut-\xe2\x82",            # a multi-byte sequence cut short
    b"sur-\xed\xa0\x80",        # an encoded surrogate (not valid UTF-8)
]


def describe(name):
    bad = [c for c in name if 0xDC80 <= ord(c) <= 0xDCFF]
    return "%-32s %d escaped byte(s)" % (ascii(name), len(bad))


def main():
    print("fs encoding:", sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
    root = tempfile.mkdtemp(prefix="names-")
    try:
        for i, raw in enumerate(RAW_NAMES):
            with open(os.path.join(os.fsencode(root), raw), "wb") as f:
                f.write(b"x" * (i + 1))
        names = sorted(os.listdir(root))
        print("listing (str):")
        for n in names:
            print("  ", describe(n))
        print("listing (bytes):")
        for n in sorted(os.listdir(os.fsencode(root))):
            print("  ", n)
        print("round trips:")
        for n in names:
            raw = os.fsencode(n)
            path = os.path.join(root, n)
            with open(path, "rb") as f:
                size = len(f.read())
            back = os.fsdecode(raw)
            print("   %-26r size=%d same=%s stat=%d" % (raw, size, back == n, os.stat(path).st_size))
        entries = sorted((e.name, e.is_file()) for e in os.scandir(root))
        print("scandir:", ascii(entries))
        # Renaming through str names keeps the undecodable bytes.
        old = [n for n in names if n.startswith("junk-")][0]
        os.rename(os.path.join(root, old), os.path.join(root, old + ".bak"))
        print("renamed:", ascii(sorted(n for n in os.listdir(root) if n.startswith("junk"))))
        print("bytes of renamed:", sorted(n for n in os.listdir(os.fsencode(root)) if n.startswith(b"junk")))
        # A lone surrogate that is not an escaped byte cannot name a file.
        for bad in ["\ud800.txt", "x\udc00"]:
            try:
                open(os.path.join(root, bad), "w")
            except UnicodeEncodeError as e:
                print("refused:", e.reason, e.start, e.end, ascii(e.object[e.start:e.end]))
            try:
                os.fsencode(bad)
            except UnicodeEncodeError as e:
                print("fsencode:", e)
    finally:
        shutil.rmtree(root)
    print("cleaned:", not os.path.exists(root))


main()
