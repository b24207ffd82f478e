count = 0
count + 1 += 1
