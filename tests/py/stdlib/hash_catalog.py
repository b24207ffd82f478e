# An algorithm catalog for a key-derivation CLI: lists each hashlib algorithm with
# its block size and digest size, and for the Keccak family its sponge parameters
# (rate + capacity = 1600 bits, and the domain-separation suffix).
import _sha3
import hashlib

rows = []
for name in ["md5", "sha1", "sha256", "sha512", "blake2b", "blake2s", "sha3_224",
             "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"]:
    h = hashlib.new(name, b"seed")
    sponge = ""
    if name.startswith(("sha3_", "shake_")):
        ctor = getattr(_sha3, name)()
        rate, cap = ctor._rate_bits, ctor._capacity_bits
        sponge = f" rate={rate} capacity={cap} sum={rate + cap} suffix={ctor._suffix!r}"
        assert rate == ctor.block_size * 8
    rows.append(f"{h.name:<10} block={h.block_size:<4} digest={h.digest_size:<3}{sponge}")
print("\n".join(rows))
