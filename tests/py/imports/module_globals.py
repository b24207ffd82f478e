import counter_mod
from counter_mod import bump, count

bump()
bump(5)
print(counter_mod.count, count, counter_mod.log)

count = 100  # rebinds this module's name only
print(counter_mod.count, count)
counter_mod.reset()
print(counter_mod.count, counter_mod.log, bump(2))

def use_inside_function():
    import counter_mod as cm
    return cm.bump(10)

print(use_inside_function(), counter_mod.count)
try:
    cm
except NameError as e:
    print(e)
