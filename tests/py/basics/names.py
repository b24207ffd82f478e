counter = 0

def bump():
    global counter
    counter += 1
    return counter

bump()
bump()
print(counter)

def read_global():
    return counter * 10

print(read_global())

def shadow():
    counter = "local"
    return counter

print(shadow(), counter)

x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)

def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return str(e)

print(f())
print(__name__)
