PROGRAM = """
set x 10
set y 0
label loop
add y x
sub x 1
jnz x loop
print y
set n 5
set f 1
label fact
mul f n
sub n 1
jnz n fact
print f
print z
"""

def run(src):
    lines = [l.split() for l in src.strip().splitlines() if l.strip()]
    labels = {parts[1]: i for i, parts in enumerate(lines) if parts[0] == "label"}
    env = {}
    pc = 0
    steps = 0
    def val(tok):
        return int(tok) if tok.lstrip("-").isdigit() else env[tok]
    while pc < len(lines):
        op, *args = lines[pc]
        steps += 1
        if op == "set":
            env[args[0]] = val(args[1])
        elif op == "add":
            env[args[0]] += val(args[1])
        elif op == "sub":
            env[args[0]] -= val(args[1])
        elif op == "mul":
            env[args[0]] *= val(args[1])
        elif op == "jnz":
            if val(args[0]) != 0:
                pc = labels[args[1]]
                continue
        elif op == "print":
            try:
                print(args[0], "=", val(args[0]))
            except KeyError as e:
                print("undefined variable", e)
        elif op != "label":
            raise SyntaxError("unknown op " + op)
        pc += 1
    return steps

print("steps:", run(PROGRAM))
