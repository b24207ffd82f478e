def fail():
    raise
fail()
