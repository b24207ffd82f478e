# Verifying webhook signatures with hmac (CPython's hmac on pyvm's _operator and hash
# modules): sign payloads, check them in constant time, reject tampered ones, and the
# errors compare_digest gives for mixed or non-ASCII inputs.
import hashlib
import hmac
import json

SECRET = b"whsec_2f9c"


def sign(body: bytes, algo="sha256") -> str:
    return algo + "=" + hmac.new(SECRET, body, getattr(hashlib, algo)).hexdigest()


def verify(body: bytes, header: str) -> bool:
    algo, _, _ = header.partition("=")
    if algo not in ("sha1", "sha256", "sha512"):
        return False
    return hmac.compare_digest(sign(body, algo), header)


events = [
    {"id": 1, "type": "invoice.paid", "amount": 1250},
    {"id": 2, "type": "invoice.failed", "amount": 90},
]
for ev in events:
    body = json.dumps(ev, sort_keys=True).encode()
    header = sign(body)
    tampered = body.replace(b"1250", b"9999")
    print(ev["id"], header[:20], verify(body, header), verify(tampered, header))

print(verify(b"x", sign(b"x", "sha1")), verify(b"x", "md5=abc"))
mac = hmac.new(SECRET, digestmod="sha512")
for chunk in (b"part one, ", b"part two"):
    mac.update(chunk)
print(mac.name, mac.digest_size, mac.hexdigest()[:16], mac.copy().hexdigest() == mac.hexdigest())
print(hmac.digest(SECRET, b"quick", "sha256").hex()[:16])

for a, b in (("abc", "abc"), (b"abc", bytearray(b"abc")), ("abc", "abd"), (b"a", b"ab")):
    print(repr(a), repr(b), hmac.compare_digest(a, b))
for a, b in (("é", "é"), ("a", b"a"), (1, 2), (b"a", 3)):
    try:
        hmac.compare_digest(a, b)
    except TypeError as e:
        print("TypeError:", e)


def scope_names():
    secret_len = len(SECRET)
    algo = "sha256"
    return dir()


print(scope_names(), [n for n in dir() if n in ("hmac", "sign", "verify")])
