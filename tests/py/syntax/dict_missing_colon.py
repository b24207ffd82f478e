ages = {"ann": 31, "bob"}
print(ages)
