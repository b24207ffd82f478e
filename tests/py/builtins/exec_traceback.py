def run(source):
    exec(source, {})

print("before")
run("def helper(n):\n    return 10 // n\n\nhelper(0)\n")
