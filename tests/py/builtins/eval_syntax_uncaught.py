print("computing")
value = eval("2 ** ** 3")
print(value)
