def area(kind, *dims):
    import shapes
    if kind == "circle":
        return round(shapes.area_circle(*dims), 2)
    return shapes.area_rect(*dims)


for job in [("circle", 1), ("rect", 2, 3), ("circle", 3)]:
    print(job, area(*job))
import shapes
print(shapes.history())
print("module imported once, from inside a function")
