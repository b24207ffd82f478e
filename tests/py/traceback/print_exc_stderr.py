import traceback

def risky(n):
    return 10 // n

for n in [5, 0, 2]:
    try:
        print("result", risky(n))
    except ZeroDivisionError:
        traceback.print_exc()
        print("recovered from", n)
print("done")
