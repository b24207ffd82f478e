# Tracing bolted on at run time: __getattribute__ set on a base class after the
# attribute and method sites of a hot function have cached its classes; every cached
# site must notice, for the class and its subclasses, and classes made later inherit it.
class Base:
    def __init__(self): self.x = 1
    def m(self): return 'm'
class Sub(Base): pass
def read(o): return o.x, o.m()
s = Sub(); b = Base()
for _ in range(3): print(read(s), read(b))
def ga(self, name):
    if name == 'x': return 'hooked-x'
    return object.__getattribute__(self, name)
Base.__getattribute__ = ga
for _ in range(2): print(read(s), read(b))
class Late: 
    def __init__(self): self.x = 2
    def m(self): return 'late'
l = Late()
print(read(l))
Late.__bases__ = (Base,) if False else Late.__bases__
class Mixin(Base): pass
Late2 = type('Late2', (Late,), {})
print(read(Late2()))
