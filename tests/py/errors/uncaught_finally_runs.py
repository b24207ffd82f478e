def work():
    try:
        print("working")
        raise RuntimeError("boom")
    finally:
        print("cleanup ran")

work()
