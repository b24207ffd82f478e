# A file-integrity checker: digests files with hashlib.file_digest (which reads
# binary files through readinto), verifies a manifest, and reports tampering.
import hashlib
import os
import tempfile

def write(path, data):
    with open(path, "wb") as f:
        f.write(data)

def manifest_for(paths, algo):
    out = {}
    for p in paths:
        with open(p, "rb") as f:
            out[os.path.basename(p)] = hashlib.file_digest(f, algo).hexdigest()
    return out

def verify(paths, manifest, algo):
    bad = []
    for p in paths:
        with open(p, "rb") as f:
            d = hashlib.file_digest(f, lambda: hashlib.new(algo)).hexdigest()
        if manifest[os.path.basename(p)] != d:
            bad.append(os.path.basename(p))
    return bad

with tempfile.TemporaryDirectory() as root:
    files = []
    for i, size in enumerate([0, 1, 4095, 4096, 70000]):
        p = os.path.join(root, f"blob{i}.bin")
        write(p, bytes((j * 7 + i) % 251 for j in range(size)))
        files.append(p)
    for algo in ["sha256", "md5", "blake2b"]:
        m = manifest_for(files, algo)
        for name in sorted(m):
            print(algo, name, m[name][:16])
        print("clean:", verify(files, m, algo))
    m = manifest_for(files, "sha1")
    write(files[2], b"tampered")
    print("after tamper:", verify(files, m, "sha1"))

    # readinto on a binary file: into a bytearray, a memoryview slice, short at EOF.
    with open(files[4], "rb") as f:
        buf = bytearray(10)
        print(f.readinto(buf), buf[:4].hex())
        view = memoryview(bytearray(8))
        print(f.readinto(view[2:6]), bytes(view).hex())
        f.seek(-3, os.SEEK_END)
        print(f.readinto(buf), buf[:3].hex())
        print(f.readinto(buf))
        f.seek(0)
        print(len(f.read1(5)), f.readinto1(bytearray(3)))
    try:
        with open(files[0], "rb") as f:
            f.readinto(b"immutable")
    except TypeError as e:
        print("TypeError:", e)
    # A text file is no binary stream: file_digest refuses it.
    with open(files[1], "r", encoding="latin-1") as f:
        print(hasattr(f, "readinto"), hasattr(f, "read1"))
        try:
            hashlib.file_digest(f, "sha256")
        except ValueError as e:
            print("ValueError:", str(e).split("'")[0] + "...")
    closed = open(files[1], "rb")
    closed.close()
    try:
        closed.readinto(bytearray(1))
    except ValueError as e:
        print("ValueError:", e)

# blake2 constructors carry their size limits.
for ctor in (hashlib.blake2b, hashlib.blake2s):
    print(ctor.__name__, ctor.SALT_SIZE, ctor.PERSON_SIZE, ctor.MAX_KEY_SIZE,
          ctor.MAX_DIGEST_SIZE)
    h = ctor(b"payload", salt=b"s" * ctor.SALT_SIZE, person=b"p" * ctor.PERSON_SIZE,
             key=b"k" * ctor.MAX_KEY_SIZE, digest_size=ctor.MAX_DIGEST_SIZE)
    print(h.hexdigest()[:20])
