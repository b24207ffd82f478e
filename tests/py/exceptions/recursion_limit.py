import sys

def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)

def count(n):
    return 0 if n == 0 else 1 + count(n - 1)

print(count(500))
print(sys.getrecursionlimit())
sys.setrecursionlimit(3000)
print(count(2500))

def mutual_a(n):
    return mutual_b(n)

def mutual_b(n):
    return mutual_a(n)

try:
    mutual_a(1)
except RecursionError:
    print("mutual recursion stopped")

print(sorted([3, 1, 2], key=lambda x: -x))
