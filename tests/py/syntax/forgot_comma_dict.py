settings = {
    "width": 80,
    "height": 24 "depth": 3,
}
print(settings)
