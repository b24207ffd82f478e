value = 3
value == 3 = True
