# `yield` at module level is a SyntaxError found before anything runs.
print("never printed")
values = [1, 2]
yield values
