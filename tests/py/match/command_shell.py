# A tiny command interpreter: commands are split into words and dispatched with
# sequence patterns, literal patterns, or-patterns and guards.

class Shell:
    def __init__(self):
        self.files = {"readme.txt": "hello", "notes.md": "todo: match"}
        self.cwd = ["home"]
        self.history = []

    def run(self, line):
        self.history.append(line)
        match line.split():
            case []:
                return "(empty)"
            case ["quit" | "exit" | "q"]:
                return "bye"
            case ["ls"]:
                return " ".join(sorted(self.files))
            case ["cat", name] if name in self.files:
                return self.files[name]
            case ["cat", name]:
                return f"cat: {name}: no such file"
            case ["cat", *names]:
                return " | ".join(self.files.get(n, "?") for n in names)
            case ["write", name, *words] if words:
                self.files[name] = " ".join(words)
                return f"wrote {len(words)} words to {name}"
            case ["rm", ("-f" | "--force") as flag, name]:
                self.files.pop(name, None)
                return f"removed {name} ({flag})"
            case ["rm", name]:
                if name not in self.files:
                    return f"rm: {name}: missing"
                del self.files[name]
                return f"removed {name}"
            case ["cd", ".."]:
                if len(self.cwd) > 1:
                    self.cwd.pop()
                return "/" + "/".join(self.cwd)
            case ["cd", dirname]:
                self.cwd.append(dirname)
                return "/" + "/".join(self.cwd)
            case ["history", count] if count.isdigit():
                return "; ".join(self.history[-int(count) - 1:-1])
            case ["echo", *words]:
                return " ".join(words)
            case [cmd, *args]:
                return f"unknown command {cmd!r} with {len(args)} argument(s)"


sh = Shell()
script = [
    "", "ls", "cat readme.txt", "cat nothing.txt", "cat readme.txt notes.md x",
    "write todo.txt buy milk and eggs", "write empty.txt", "ls", "rm -f notes.md",
    "rm --force ghost", "rm todo.txt", "rm todo.txt", "cd src", "cd lib", "cd ..",
    "history 3", "history x", "echo  spaced   out  ", "frobnicate a b c", "q",
]
for line in script:
    print(f"$ {line!r:36} -> {sh.run(line)}")


# The same dispatch over tuples built from a generator, and a loop with break and
# continue inside case bodies.
def tokens(text):
    for word in text.split(","):
        word = word.strip()
        if word:
            yield word


for raw in ["push 1, push 2, add", "push 7, neg, skip, push 3, mul, stop, push 99", "pop"]:
    stack = []
    for op in raw.split(","):
        match tuple(tokens(op)):
            case (instr,) if instr.startswith("push "):
                stack.append(int(instr.split()[1]))
            case ("add",):
                b, a = stack.pop(), stack.pop()
                stack.append(a + b)
            case ("mul",):
                b, a = stack.pop(), stack.pop()
                stack.append(a * b)
            case ("neg",):
                stack[-1] = -stack[-1]
            case ("skip",):
                continue
            case ("stop",):
                break
            case other:
                print("  bad op", other, "on", stack)
                break
    print(raw, "=>", stack)
