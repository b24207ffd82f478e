# A tiny 8x4 grayscale image in array('B'), edited through memoryviews.
from array import array

W, H = 8, 4
pixels = array('B', [0]) * (W * H)
view = memoryview(pixels)
print(view.format, view.itemsize, view.nbytes, view.readonly, view.ndim, view.shape, view.strides)
print(view.obj is pixels, len(view))

def show(title):
    print(title)
    for y in range(H):
        print("  " + "".join(".:-=+*#%@"[p * 8 // 256] for p in pixels[y * W:(y + 1) * W]))

# draw a gradient row by row through slices of the view (no copies)
for y in range(H):
    row = view[y * W:(y + 1) * W]
    row[:] = bytes(range(y * 16, y * 16 + W * 32, 32))
show("gradient")

# a vertical line with an extended slice: every W-th pixel from column 3
column = view[3::W]
print("column", column.shape, column.strides, column.tolist())
column[:] = bytes([255] * H)
show("with column")

# whole-pixel writes and reads
view[0] = 200
print("corner", pixels[0], view[0], view[-1])

# process 4 pixels at a time as unsigned ints, then back to bytes
words = view.cast('I')
print(words.format, words.itemsize, len(words), words.nbytes, words.shape)
for i in range(len(words)):
    words[i] = words[i] ^ 0xFFFFFFFF
show("inverted")
back = words.cast('B')
print(back.format, len(back), back.tolist() == pixels.tolist())
print(bytes(back[:4]).hex(), view[:4].hex(), view[:4].tobytes())

# 2-D view of the image
grid = view.cast('B', [H, W])
print(grid.ndim, grid.shape, grid.strides, grid.tolist()[1][:3])

# equality with other bytes-like objects, release
print(view[:3] == bytes(pixels[:3]), view == pixels, view == b"x", view != pixels)
for m in (grid, back, words, column, row):
    m.release()
view.release()
print("released", repr(view).startswith("<released memory at"))
pixels.append(1)
print("resized after release", len(pixels))
with memoryview(pixels) as m:
    print("inside", m[32], m.nbytes)
