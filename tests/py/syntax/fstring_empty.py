name = "ann"
print(f"hello {}!")
