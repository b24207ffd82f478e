# A preferences store kept as an XML property list: plistlib's dumps/loads round
# trip (dicts, arrays, ints, floats, booleans, dates, data, nested values), a file
# written and read back, and malformed plists rejected.
import datetime
import io
import plistlib

prefs = {
    "AppName": "Notes & Ideas",
    "Version": 3,
    "Ratio": 0.75,
    "Enabled": True,
    "Beta": False,
    "LastOpened": datetime.datetime(2023, 1, 4, 9, 30, 15),
    "Token": b"\x00\x01binary\xff",
    "Recent": ["a.txt", "b <draft>.md", "c\u00e9.txt"],
    "Window": {"x": 10, "y": -20, "size": [800, 600]},
    "Big": 2**40,
    "Empty": {},
    "EmptyList": [],
}

data = plistlib.dumps(prefs)
text = data.decode("utf-8")
print(text)
back = plistlib.loads(data)
print(back == prefs, sorted(back))
print(back["Recent"], back["Window"]["size"], back["Token"])

buf = io.BytesIO()
plistlib.dump(prefs, buf, sort_keys=False)
buf.seek(0)
again = plistlib.load(buf)
print(list(again) == list(prefs), again["LastOpened"].isoformat())

print(plistlib.loads(plistlib.dumps(["x", 1, 2.5]), fmt=plistlib.FMT_XML))
binary = plistlib.dumps(prefs, fmt=plistlib.FMT_BINARY)
print(plistlib.loads(binary) == prefs)

for bad in [
    b"<plist version='1.0'><dict><key>a</key></plist>",
    b"<?xml version='1.0'?><plist><integer>x</integer></plist>",
    b"<plist><dict><key>a</key><string>1</string><string>2</string></dict></plist>",
    b"<plist><array><foo/></array></plist>",
]:
    try:
        print(plistlib.loads(bad))
    except Exception as e:
        print(type(e).__name__, e)
