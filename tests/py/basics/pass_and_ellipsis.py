def nothing():
    pass

def stub():
    ...

print(nothing(), stub(), ...)
print(Ellipsis is ..., type(...).__name__)
if True:
    pass
for _ in range(2):
    pass
print("done")
