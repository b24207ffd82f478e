"""A configuration reader: typed settings from an XML file, with defaults,
includes by path, validation errors and a report."""
import xml.etree.ElementTree as ET

CONFIG = """<?xml version="1.0" encoding="utf-8"?>
<config version="3">
  <!-- database settings -->
  <section name="database">
    <option name="host" type="str">db.example.org</option>
    <option name="port" type="int">5432</option>
    <option name="timeout" type="float">2.5</option>
    <option name="replicas" type="list">a, b ,c</option>
  </section>
  <section name="cache" enabled="false">
    <option name="size" type="int">128</option>
    <option name="policy">lru</option>
  </section>
  <section name="logging">
    <option name="level">INFO</option>
    <option name="verbose" type="bool">yes</option>
    <handlers>
      <handler kind="file" path="/var/log/app.log"/>
      <handler kind="syslog"/>
    </handlers>
  </section>
</config>
"""

CONVERT = {
    "str": str,
    "int": int,
    "float": float,
    "bool": lambda s: s.strip().lower() in ("1", "yes", "true", "on"),
    "list": lambda s: [p.strip() for p in s.split(",")],
}


class ConfigError(Exception):
    pass


def load(text):
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise ConfigError(f"bad XML at {e.position}: {e}") from None
    if root.tag != "config":
        raise ConfigError(f"root element is {root.tag!r}")
    settings = {}
    for section in root.iter("section"):
        name = section.get("name")
        if section.get("enabled", "true") == "false":
            print("skipping disabled section", name)
            continue
        values = {}
        for opt in section.findall("option"):
            kind = opt.get("type", "str")
            values[opt.get("name")] = CONVERT[kind](opt.text or "")
        handlers = section.find("handlers")
        if handlers is not None:
            values["handlers"] = [(h.get("kind"), h.get("path", "-")) for h in handlers]
        settings[name] = values
    return root, settings


root, settings = load(CONFIG)
print("version", root.get("version"), "sections", len(root))
for name, values in settings.items():
    print(name)
    for k in sorted(values):
        print("   ", k, "=", repr(values[k]))

print("host:", root.findtext("section/option"))
print("missing:", root.findtext("section/nothing", default="(none)"))
print("ports:", [o.text for o in root.iterfind(".//option[@name='port']")])
print("attr names:", sorted({k for e in root.iter() for k in e.keys()}))
print("all text:", "|".join(t.strip() for t in root.itertext() if t.strip()))
print("first option:", root[0][0].tag, root[0][0].attrib, root[0][0].items())

for bad in ["<config><section></config>", "<other/>", "<config>&nope;</config>", "", "<a/><b/>"]:
    try:
        load(bad)
    except ConfigError as e:
        print("ConfigError:", e)
    else:
        print("loaded", repr(bad))

try:
    ET.fromstring("<config><unclosed></config>")
except ET.ParseError as e:
    print(type(e).__name__, e.code, e.position, isinstance(e, SyntaxError))
