import cycle_a
import cycle_b

print(cycle_a.hello())
print(cycle_b.hello())
print(cycle_a.cycle_b is cycle_b, cycle_b.cycle_a is cycle_a)
