def area(w, h):
    return w * h

print("area:", area(3 4))
