def make_lru(capacity):
    store = {}
    stats = {"hits": 0, "misses": 0, "evictions": 0}

    def get(key):
        if key in store:
            value = store.pop(key)
            store[key] = value
            stats["hits"] += 1
            return value
        stats["misses"] += 1
        return None

    def put(key, value):
        if key in store:
            store.pop(key)
        elif len(store) >= capacity:
            oldest = next(iter(store))
            del store[oldest]
            stats["evictions"] += 1
        store[key] = value

    return get, put, store, stats

get, put, store, stats = make_lru(3)
for k in "abc":
    put(k, k.upper())
print(get("a"), get("z"))
put("d", "D")
print(list(store.items()))
put("b", "bb")
put("e", "E")
print(list(store), get("c"), get("b"), stats)

def cached(f):
    get, put, _, stats = make_lru(100)
    def wrapper(n):
        v = get(n)
        if v is None:
            v = f(n)
            put(n, v)
        return v
    return wrapper, stats

def slow_square(n):
    return n * n

fast, st = cached(slow_square)
print([fast(i % 5) for i in range(12)], st)
