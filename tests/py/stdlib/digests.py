# A content-addressed store: files are chunked, each chunk keyed by its digest, with
# integrity checks, a manifest hash and a MAC, using the hash modules hashlib is built
# on (CPython's built-in _md5/_sha*/_blake2 modules; pyvm's are the same API).
import _md5
import _sha1
import _sha256
import _sha512
import _sha3
import _blake2


class Store:
    def __init__(self, algorithm):
        self.new = algorithm
        self.chunks = {}

    def put(self, data, size=64):
        keys = []
        for i in range(0, len(data), size):
            chunk = data[i:i + size]
            key = self.new(chunk).hexdigest()
            self.chunks.setdefault(key, chunk)
            keys.append(key)
        return keys

    def get(self, keys):
        out = bytearray()
        for k in keys:
            chunk = self.chunks[k]
            if self.new(chunk).hexdigest() != k:
                raise ValueError("corrupt chunk " + k[:8])
            out += chunk
        return bytes(out)


document = b"".join(b"line %d: the quick brown fox\n" % i for i in range(40))
for name, algo in [("sha256", _sha256.sha256), ("sha1", _sha1.sha1), ("blake2s", _blake2.blake2s)]:
    store = Store(algo)
    keys = store.put(document)
    again = store.put(document[:128])
    print(name, len(keys), len(store.chunks), keys[0][:16], store.get(keys) == document, again == keys[:2])

# Incremental hashing equals one-shot hashing; copy() forks the state.
h = _sha512.sha512()
for part in (b"alpha ", bytearray(b"beta "), b"gamma"):
    h.update(part)
fork = h.copy()
fork.update(b"!")
print(h.hexdigest() == _sha512.sha512(b"alpha beta gamma").hexdigest(), h.hexdigest()[:24], fork.hexdigest()[:24])
print(h.name, h.digest_size, h.block_size, len(h.digest()), _sha512.sha384(b"x").hexdigest()[:16])

for ctor in (_md5.md5, _sha1.sha1, _sha256.sha224, _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512):
    d = ctor(b"abc")
    print(d.name, d.digest_size, d.block_size, d.hexdigest()[:32])

print(_sha3.shake_128(b"abc").hexdigest(16), _sha3.shake_256(b"abc").hexdigest(8), len(_sha3.shake_128().digest(100)))

# BLAKE2 parameters: digest size, key (a MAC), salt and personalization.
mac = _blake2.blake2b(b"message", digest_size=16, key=b"secret key")
print(mac.hexdigest(), mac.digest_size)
print(_blake2.blake2b(b"m", salt=b"salt", person=b"app-v1").hexdigest()[:32])
print(_blake2.blake2s(b"m", digest_size=20, key=b"k", salt=b"s", person=b"p").hexdigest())
print(_blake2.blake2b(key=b"only key").hexdigest()[:32], _blake2.blake2b(b"kw").hexdigest()[:16])
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE)

for bad in [lambda: _sha256.sha256("text"), lambda: _md5.md5(12), lambda: _blake2.blake2b(digest_size=0),
            lambda: _blake2.blake2s(key=b"k" * 33), lambda: _blake2.blake2b(salt=b"s" * 17),
            lambda: _sha3.shake_128(b"x").hexdigest(-1), lambda: _sha256.sha256(b"x").update("s")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
for bad in [lambda: _sha3.sha3_256(data=b"x"), lambda: _blake2.blake2b(data=b"x")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
