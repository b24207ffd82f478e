# A table of primes someone typed by hand.
primes = [2, 3, 5, 7 11, 13]
print(sum(primes))
