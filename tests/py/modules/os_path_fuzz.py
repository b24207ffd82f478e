# Differential fuzzing of os.path's string functions on seeded random paths.
import os.path
import random
random.seed(21)
alpha = "/./a.b/..//x"
def path():
    return "".join([random.choice(alpha) for _ in range(random.randint(0, 10))])
for i in range(400):
    p = path()
    q = path()
    print(i, repr(p), repr(q), os.path.basename(p), repr(os.path.dirname(p)), os.path.split(p), os.path.splitext(p),
          os.path.normpath(p), os.path.isabs(p), os.path.join(p, q), os.path.join(q, p, q))
