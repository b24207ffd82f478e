counter = [0]
def next_id():
    counter[0] += 1
    return counter[0]

def make(tag=next_id()):
    return tag

print(make(), make(), make(99), counter)
x = 10
def show(v=x):
    return v
x = 20
print(show(), x)
def append_to(item, target=[]):
    target.append(item)
    return target
r1 = append_to(1)
r2 = append_to(2)
print(r1, r2, r1 is r2)
def kw_defaults(*, a=[], b={}):
    a.append(len(a))
    b[len(b)] = True
    return a, b
kw_defaults()
print(kw_defaults())
