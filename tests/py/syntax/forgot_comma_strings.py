name = "world"
print("hello" " there" name)
