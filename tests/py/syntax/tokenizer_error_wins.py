# The parser fails on line 3, but CPython's tokenizer then finds the bad literal on
# line 4 and reports that instead.
print(a b)
size = 10kb
