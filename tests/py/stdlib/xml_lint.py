# An XML linter on pyexpat directly: every handler traced with expat's positions,
# whole and byte-at-a-time feeding, namespace processing, buffer_text,
# ordered/specified attributes, DTD declarations and content models, encodings,
# and malformed documents reported as ExpatError (message, code, lineno, offset).
import pyexpat
from xml.parsers import expat

HANDLERS = ["StartElementHandler", "EndElementHandler", "CharacterDataHandler",
            "ProcessingInstructionHandler", "CommentHandler", "StartNamespaceDeclHandler",
            "EndNamespaceDeclHandler", "XmlDeclHandler", "StartDoctypeDeclHandler",
            "EndDoctypeDeclHandler", "StartCdataSectionHandler", "EndCdataSectionHandler",
            "EntityDeclHandler", "NotationDeclHandler", "UnparsedEntityDeclHandler",
            "ElementDeclHandler", "AttlistDeclHandler", "SkippedEntityHandler"]


def trace(data, chunk=None, **kw):
    p = expat.ParserCreate(**kw)
    out = []

    def make(name):
        def handler(*args):
            out.append((name, args, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex))
        return handler
    for n in HANDLERS:
        setattr(p, n, make(n[:-7]))
    try:
        if chunk:
            for i in range(0, len(data), chunk):
                p.Parse(data[i:i + chunk], False)
            p.Parse(b"", True)
        else:
            p.Parse(data, True)
    except expat.ExpatError as e:
        out.append(("ERROR", str(e), e.code, e.lineno, e.offset,
                    p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex,
                    expat.ErrorString(e.code) == expat.errors.messages[e.code]))
    return out


DOCS = [
    b"<a></b>", b"", b"<a>", b"<a>&</a>", b"<a x='1' x='2'/>", b"<a/><b/>", b"<a/>junk",
    b"  <a/>  ", b"<a>&foo;</a>", b"<a>&#0;</a>", b"<a>&#xZ;</a>", b"<a><![CDATA[x</a>",
    b"<?xml version='1.0'?><a/>", b"<a><?xml version='1.0'?></a>", b"<a b=c/>", b"<a b='<'/>",
    b"<1a/>", b"<a>\n<b>\n</c></a>", b"<a xmlns:p='u'><p:b/><q:c/></a>", b"<a>text",
    b"<!-- c -- d --><a/>", b"<a>]]></a>", b"<a>\xff</a>", b"<a>\xc3</a>", b"<a x='&#60;'/>",
    b"<!DOCTYPE a [<!ENTITY e 'v<b/>w'>]><a>&e;</a>",
    b"<!DOCTYPE a [<!ENTITY e '&e;'>]><a>&e;</a>",
    b"<!DOCTYPE a [<!ENTITY e '<b>'>]><a>&e;</a>",
    b"<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</a>",
    b"<a\n  b='1'\n  c='2'>\r\nx\ry\r\n</a>", b"<a x='a\tb\nc'/>", b"<a></a ><b/>", b"<a></ a>",
    b"<?pi?><a/>", b"<?xml?><a/>", b"<?xml version='1.0' standalone='maybe'?><a/>",
    b"<a>x</a>\n<!-- t -->\n<?p d?>", b"\xef\xbb\xbf<a/>",
    b"<a x=\"1\" y='2'>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80</a>", b"<a:b:c/>", b"<a xmlns:a=''/>",
    b"<xmlns:a/>", b"<a xmlns='u' xmlns:p='v' p:x='1' x='2'><b/><p:c p:y='3'/></a>",
    b"<a x='1'x='2'/>", b"<a\x01/>", b"<a>\x01</a>", b"<a><!-- x --></a>",
    b"<!DOCTYPE a PUBLIC 'p' 's'><a/>", b"<!DOCTYPE a SYSTEM 's'><a/>",
    b"<!DOCTYPE a [<!ELEMENT a (b|c)*><!ATTLIST a x CDATA 'd' y (p|q) #REQUIRED>"
    b"<!NOTATION n SYSTEM 'x'><!ENTITY u SYSTEM 'f' NDATA n>]><a/>",
    b"<!DOCTYPE a [<!ELEMENT a (#PCDATA|b|c)*><!ELEMENT b EMPTY><!ELEMENT c ANY>"
    b"<!ELEMENT d (#PCDATA)><!ELEMENT e (x,(y|z)+,w?)>]><a/>",
    b"<!DOCTYPE a [<!ATTLIST a x NOTATION (p|q) #IMPLIED y ID #FIXED \"v\" z CDATA \"a&#10;b\">]><a/>",
    b"<!DOCTYPE a [<!ATTLIST a x NMTOKENS \"  p  q \">]><a y=\" 1  2 \"/>",
    b"<a></a><", b"<a>&#xD800;</a>", b"<a>&#1114112;</a>", b"<a>&lt</a>", b"<a", b"<a b",
    b"<a b=", b"<a b='", b"<!--", b"<?p", b"<a/>\x00", b"junk<a/>", b"junk <a/>",
    b"<a/></a>", b"<a>x]y]]z</a>", b"<a b='x&amp;y'>&#x1F600;</a>", b"<a>&#65</a>",
    b"<?xml version='1.0' encoding='iso-8859-1'?><a>\xe9</a>", b"\xff\xfe<\x00a\x00/\x00>\x00",
    b"<!DOCTYPE a [<!ENTITY % p 'x'><!ENTITY e '%p;'>]><a>&e;</a>",
    b"<!DOCTYPE a [<!ENTITY e '</a>'>]><a>&e;</a>", b"<!DOCTYPE a [<!ENTITY e 'x</a><a>'>]><a>&e;</a>",
    b"<!DOCTYPE a [<!ENTITY e '<b>x</b>'><!ENTITY f '&e;&e;'>]><a x='&f;'>&f;</a>",
    b"<!DOCTYPE a [<!ENTITY e '<b>x</b>'><!ENTITY f '&e;&e;'>]><a>&f;</a>",
    b"<a x='&nope;'/>", b"<!DOCTYPE a [<!ENTITY e '&e;'>]><a x='&e;'/>",
    b"<!DOCTYPE a [<!ENTITY e SYSTEM 'x'>]><a x='&e;'/>",
    b"<!DOCTYPE a [<!ENTITY e 'a&#10;b'>]><a x='1&e;2'/>",
    "<doc a='\u00e9'>caf\u00e9</doc>".encode("utf-16le"), "<doc>x\ny</doc>".encode("utf-16be"),
    b"<x><e xmlns='a}b'/></x>",
]

for doc in DOCS:
    whole = trace(doc)
    print(doc)
    for ev in whole:
        print("   ", ev)
    bytewise = trace(doc, 1)
    if bytewise != whole:
        print("  byte by byte:")
        for ev in bytewise:
            print("     ", ev)
    print("  namespaces:", trace(doc, namespace_separator="}"))

# Attribute and text options, as a document loader sets them.
DOC = b"<!DOCTYPE r [<!ATTLIST r d CDATA 'dflt'>]><r b='2' a='1'>one\ntwo &amp; three<x/>four</r>"
for opts in [{}, {"ordered_attributes": True}, {"specified_attributes": True},
             {"buffer_text": True}, {"buffer_text": True, "buffer_size": 4}]:
    p = expat.ParserCreate()
    for k, v in opts.items():
        setattr(p, k, v)
    got = []
    p.StartElementHandler = lambda n, a: got.append((n, a))
    p.CharacterDataHandler = lambda t: got.append(t)
    p.Parse(DOC, True)
    print(opts, got, p.buffer_text, p.buffer_size, p.buffer_used)

# namespace_prefixes (triplets) and the default handlers.
p = expat.ParserCreate(namespace_separator=" ")
p.namespace_prefixes = True
names = []
p.StartElementHandler = lambda n, a: names.append((n, a))
p.Parse(b"<x:a xmlns:x='urn:x' xmlns='urn:d' x:k='v'><b/></x:a>", True)
print(names)
for which in ("DefaultHandler", "DefaultHandlerExpand"):
    p = expat.ParserCreate()
    seen = []
    setattr(p, which, lambda s: seen.append(s))
    p.StartElementHandler = lambda n, a: seen.append(("start", n))
    p.CharacterDataHandler = lambda s: seen.append(("text", s))
    p.Parse(b"<?xml version='1.0'?>\n<!DOCTYPE d [<!ENTITY e 'E'>]>\n<d>&e;&amp;<!--c--></d>\n", True)
    print(which, seen)

# Parse(str), ParseFile, encodings, and state errors.
p = expat.ParserCreate()
p.CharacterDataHandler = lambda s: print("text:", repr(s))
p.Parse("<?xml version='1.0' encoding='latin-1'?><t>\u00e9\u20ac</t>", True)
import io
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: print("file start:", n, a)
print(p.ParseFile(io.BytesIO(b"<big>" + b"<i n='1'/>" * 3 + b"</big>")))
try:
    p.Parse(b"<more/>", True)
except expat.ExpatError as e:
    print("after the end:", e, e.code)
p = expat.ParserCreate(encoding="cp1252")
p.CharacterDataHandler = lambda s: print("cp1252:", repr(s))
p.Parse(b"<t>\x80 \x93q\x94</t>", True)
for bad in [dict(namespace_separator="ab"), dict(encoding=1)]:
    try:
        expat.ParserCreate(**bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
p = expat.ParserCreate()
for attr, value in [("buffer_size", 0), ("buffer_size", "x"), ("nosuch", 1)]:
    try:
        setattr(p, attr, value)
    except (ValueError, TypeError, AttributeError) as e:
        print(type(e).__name__, e)


def boom(name, attrs):
    raise RuntimeError("handler failed on " + name)


p = expat.ParserCreate()
p.StartElementHandler = boom
try:
    p.Parse(b"<root/>", True)
except RuntimeError as e:
    print("handler error:", e)

print(expat.version_info, expat.EXPAT_VERSION, expat.native_encoding)
print(expat.error is expat.ExpatError, expat.ExpatError.__module__, pyexpat.errors.XML_ERROR_TAG_MISMATCH)
print(expat.errors.codes["mismatched tag"], len(expat.errors.messages), expat.ErrorString(99))
print(sorted((k, v) for k, v in vars(expat.model).items() if k.startswith("XML")))
print(expat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE, type(expat.ParserCreate()).__name__)

# Names come interned (one string per name), text is buffered across markup
# that has no handler, other encodings arrive in pieces of 1024 bytes.
p = expat.ParserCreate()
names = []
p.StartElementHandler = lambda n, a: names.append(n)
p.EndElementHandler = names.append
p.Parse(b"<e> <e/> <e></e> </e>", True)
print("interned:", all(n is names[0] for n in names), p.intern)
p = expat.ParserCreate()
p.buffer_text = True
chunks = []
p.CharacterDataHandler = chunks.append
p.Parse(b"<a>1<b/>2<c/>3</a>", True)
print("buffered across unhandled tags:", chunks)
for enc in ("utf-8", "iso-8859-1", "cp1252"):
    p = expat.ParserCreate()
    sizes = []
    p.CharacterDataHandler = lambda s: sizes.append(len(s))
    p.Parse(("<?xml version='1.0' encoding='%s'?><s>" % enc).encode() + b"a" * 2500 + b"</s>", True)
    print(enc, "pieces:", sizes)
print("BOM and declaration:", expat.ParserCreate().Parse(b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8-sig'?><x/>", True))
for text in (b"foo", b"foo bar"):
    try:
        expat.ParserCreate().Parse(text, True)
    except expat.ExpatError as e:
        print(text, "->", e, e.code)

# The DTD's external parts: not-standalone checks and the external subset asked of
# the ExternalEntityRefHandler (with SetParamEntityParsing), UseForeignDTD.
calls = []
p = expat.ParserCreate()
p.NotStandaloneHandler = lambda: calls.append("not standalone") or 1
p.ExternalEntityRefHandler = lambda *a: calls.append(("external", a)) or 1
p.Parse(b"<?xml version='1.0' standalone='no'?><!DOCTYPE d SYSTEM 'd.dtd' [%pe;]><d>&ext;</d>", True)
print(calls)
p = expat.ParserCreate()
p.NotStandaloneHandler = lambda: 0
try:
    p.Parse(b"<!DOCTYPE d SYSTEM 'd.dtd'><d/>", True)
except expat.ExpatError as e:
    print("refused:", e, e.code)
for doc in (b"<?xml version='1.0'?><element/>", b"<!DOCTYPE foo PUBLIC 'bar' 'baz'><element/>"):
    calls = []
    p = expat.ParserCreate()
    p.UseForeignDTD(True)
    print("param entity parsing:", p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_ALWAYS))
    p.ExternalEntityRefHandler = lambda ctx, base, sysid, pubid: calls.append((ctx, pubid, sysid)) or 1
    p.Parse(doc, True)
    print("foreign DTD:", calls, p.SetParamEntityParsing(0))
p = expat.ParserCreate()
p.Parse(b"<a>", False)
try:
    p.UseForeignDTD()
except expat.ExpatError as e:
    print("too late:", e, e.code)

import xml.etree.ElementTree as ET
try:
    ET.fromstring("<a><b></a>")
except ET.ParseError as e:
    print("ParseError fields:", e.msg, e.filename, e.lineno, e.offset, e.text, e.position)
