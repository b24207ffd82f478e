def run(code, trace=False):
    stack, pc, out = [], 0, []
    while pc < len(code):
        op, arg = code[pc]
        pc += 1
        if op == "push":
            stack.append(arg)
        elif op == "add":
            b, a = stack.pop(), stack.pop()
            stack.append(a + b)
        elif op == "mul":
            b, a = stack.pop(), stack.pop()
            stack.append(a * b)
        elif op == "dup":
            stack.append(stack[-1])
        elif op == "swap":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == "jz":
            if stack.pop() == 0:
                pc = arg
        elif op == "jmp":
            pc = arg
        elif op == "print":
            out.append(stack[-1])
        else:
            raise ValueError("bad op " + op)
        if trace:
            print(f"{pc:3d} {op:<6} {stack}")
    return out

countdown = [("push", 5), ("print", None), ("push", -1), ("add", None), ("dup", None), ("jz", 7), ("jmp", 1), ("push", 99), ("print", None)]
print(run(countdown))
print(run([("push", 6), ("push", 7), ("mul", None), ("print", None)], trace=True))
try:
    run([("push", 1), ("frob", None)])
except ValueError as e:
    print("ValueError:", e)
try:
    run([("add", None)])
except IndexError as e:
    print("IndexError:", e)
