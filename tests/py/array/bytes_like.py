# Arrays and memoryviews wherever a bytes-like object is taken: checksums of a block
# of samples, hex dumps, joins, prefixes, and the regular-expression compiler (which
# itself builds charsets with memoryview(...).cast('I')).
from array import array
import binascii, hashlib, re, zlib

samples = array('h', [0, 1000, -1000, 32767, -32768, 7])
view = memoryview(samples)
print("bytes", bytes(samples).hex(), len(bytearray(samples)))
print("crc32", zlib.crc32(samples), zlib.crc32(view), zlib.crc32(bytes(samples)))
print("adler", zlib.adler32(view[2:]) == zlib.adler32(bytes(samples)[4:]))
print("md5", hashlib.md5(samples).hexdigest())
print("sha256", hashlib.sha256(view).hexdigest()[:16])
print("hexlify", binascii.hexlify(view.cast('B')[:4]))
packed = zlib.compress(samples)
print("round trip", array('h', zlib.decompress(packed)) == samples)

header = memoryview(b"PYVM\x01\x02")
print(b"-".join([header[:4], b"v", header[4:]]))
print(b">" + header[:4], bytearray(b"#") + header[4:])
print(b"PYVM\x01".startswith(header[:4]), b"xPYVM".endswith((b"zz", header[:4])))
print(header.hex(" "), header.hex(":", 2), header.hex("_", -4))
print(re.findall("[\u0100-\u0180a-c]+", "abc \u0150\u0151 xyz ca"))
print(re.sub(b"[\x00-\x1f]", b".", bytes(header)))
print(list(reversed(header[:4])), max(header), sorted(header)[:3])
view.release()
