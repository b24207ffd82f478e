price = 5
total = price € 3
print(total)
