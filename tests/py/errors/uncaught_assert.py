def check_positive(n):
    assert n > 0, "n must be positive"
    return n

check_positive(5)
check_positive(-1)
