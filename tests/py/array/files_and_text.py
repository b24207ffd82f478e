# array.tofile/fromfile through real files, unicode arrays, hex dumps of views.
from array import array
import os
path = 'array_files_%d.tmp' % os.getpid()  # removed at the end
a = array('h', [1, -2, 300])
with open(path, 'wb') as f:
    a.tofile(f)
b = array('h')
with open(path, 'rb') as f:
    b.fromfile(f, 3)
print(b, b == a, os.path.getsize(path))
c = array('h')
try:
    with open(path, 'rb') as f:
        c.fromfile(f, 5)
except EOFError as e:
    print("EOFError:", e, c)
m = memoryview(bytearray(b'abcdef'))
print(m.hex(), m.hex('-', 2), m.hex(':', -4), m[::2].tobytes(), m[::-1].tolist()[:2], m[4:1:-1].strides)
x = array('u', 'héllo')
print(x, x.tounicode(), x.itemsize, len(x), x[1])
x.fromunicode('!')
print(x, x.buffer_info()[1])
print(array('d', [1.0, float('nan')]) == array('d', [1.0, float('nan')]))
print(array('b', [1, 2]) == array('h', [1, 2]), array('i', [1,2]) < array('d', [1, 2.5]))
os.remove(path)
