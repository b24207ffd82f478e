x = "global"

def read():
    return x

def local_shadow():
    x = "local"
    return x

def uses_before_assign():
    try:
        print(x)
        x = 1
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

print(read(), local_shadow(), x)
print(uses_before_assign())

def comprehension_scope():
    i = "outer i"
    squares = [i * i for i in range(3)]
    return i, squares

print(comprehension_scope())

def nested_functions():
    result = []
    def level1():
        a = 1
        def level2():
            b = 2
            def level3():
                return a + b
            return level3()
        return level2()
    result.append(level1())
    return result

print(nested_functions())

def free_in_comprehension(k):
    return [k * j for j in range(4)]

print(free_in_comprehension(3))
