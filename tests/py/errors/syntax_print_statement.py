# Python 2 habits.
name = "world"
print "hello", name  # greet
