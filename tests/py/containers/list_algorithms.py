def quicksort(xs):
    if len(xs) <= 1:
        return xs
    pivot = xs[len(xs) // 2]
    return quicksort([x for x in xs if x < pivot]) + [x for x in xs if x == pivot] + quicksort([x for x in xs if x > pivot])

def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]

data = [38, 27, 43, 3, 9, 82, 10, 3, -5, 0]
print(quicksort(data), merge_sort(data), sorted(data) == merge_sort(data))

def rotate(xs, k):
    k %= len(xs)
    return xs[-k:] + xs[:-k]

print(rotate([1, 2, 3, 4, 5], 2), rotate([1, 2, 3], -1))

def chunks(xs, n):
    return [xs[i:i + n] for i in range(0, len(xs), n)]

print(chunks(list(range(10)), 3))

def dedupe(xs):
    seen = set()
    return [x for x in xs if not (x in seen or seen.add(x))]

print(dedupe([3, 1, 3, 2, 1, 5]))
stack = []
for ch in "(()[]{[()]})":
    if ch in "([{":
        stack.append(ch)
    else:
        top = stack.pop()
        assert "([{".index(top) == ")]}".index(ch)
print("balanced:", not stack)
print(list(zip(*[[1, 2, 3], [4, 5, 6]])), [list(t) for t in zip("ab", "cd")])
