# The block after an if is missing: IndentationError names the if.
x = 1
if x:
# nothing indented

print(x)
