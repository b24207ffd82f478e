# An interpreter for a small Forth-like stack language: user-defined words,
# conditionals, loops, variables and error reporting.

class ForthError(Exception):
    pass


class StackUnderflow(ForthError):
    def __init__(self, word, need, have):
        super().__init__(f"{word}: needs {need} item(s), stack has {have}")


class Forth:
    def __init__(self):
        self.stack = []
        self.words = {}
        self.vars = {}
        self.out = []
        self.builtins = {
            "+": (2, lambda a, b: [a + b]), "-": (2, lambda a, b: [a - b]),
            "*": (2, lambda a, b: [a * b]), "/": (2, self._div), "mod": (2, self._mod),
            "dup": (1, lambda a: [a, a]), "drop": (1, lambda a: []),
            "swap": (2, lambda a, b: [b, a]), "over": (2, lambda a, b: [a, b, a]),
            "rot": (3, lambda a, b, c: [b, c, a]), "=": (2, lambda a, b: [-1 if a == b else 0]),
            "<": (2, lambda a, b: [-1 if a < b else 0]), ">": (2, lambda a, b: [-1 if a > b else 0]),
            ".": (1, self._emit), "negate": (1, lambda a: [-a]), "abs": (1, lambda a: [abs(a)]),
            "max": (2, lambda a, b: [max(a, b)]), "min": (2, lambda a, b: [min(a, b)]),
            "!": (2, self._store), "@": (1, self._fetch),
        }

    def _div(self, a, b):
        if b == 0:
            raise ForthError("division by zero")
        return [int(a / b)]

    def _mod(self, a, b):
        if b == 0:
            raise ForthError("division by zero")
        return [a % b]

    def _emit(self, a):
        self.out.append(str(a))
        return []

    def _store(self, value, name):
        self.vars[name] = value
        return []

    def _fetch(self, name):
        if name not in self.vars:
            raise ForthError(f"unset variable {name}")
        return [self.vars[name]]

    def pop(self, word, n):
        if len(self.stack) < n:
            raise StackUnderflow(word, n, len(self.stack))
        args = self.stack[len(self.stack) - n:]
        del self.stack[len(self.stack) - n:]
        return args

    def tokenize(self, src):
        tokens = []
        for line in src.splitlines():
            line = line.split("\\")[0]
            tokens.extend(line.lower().split())
        return tokens

    def run(self, src):
        self.execute(self.tokenize(src))
        out, self.out = " ".join(self.out), []
        return out

    def find_matching(self, tokens, i, opener, closers):
        depth = 0
        for j in range(i, len(tokens)):
            if tokens[j] == opener:
                depth += 1
            elif tokens[j] in closers and depth == 0:
                return j
            elif tokens[j] == closers[-1]:
                depth -= 1
        raise ForthError(f"unterminated {opener}")

    def execute(self, tokens):
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t == ":":
                end = tokens.index(";", i) if ";" in tokens[i:] else -1
                if end == -1:
                    raise ForthError("unterminated definition")
                name = tokens[i + 1]
                if name.lstrip("-").isdigit():
                    raise ForthError(f"cannot redefine number {name}")
                self.words[name] = tokens[i + 2:end]
                i = end + 1
                continue
            if t == "variable":
                self.vars[tokens[i + 1]] = 0
                self.words[tokens[i + 1]] = ["'" + tokens[i + 1]]
                i += 2
                continue
            if t.startswith("'"):
                self.stack.append(t[1:])
            elif t == "if":
                j = self.find_matching(tokens, i + 1, "if", ("else", "then"))
                (flag,) = self.pop("if", 1)
                if tokens[j] == "else":
                    k = self.find_matching(tokens, j + 1, "if", ("then",))
                    self.execute(tokens[i + 1:j] if flag else tokens[j + 1:k])
                    i = k
                else:
                    if flag:
                        self.execute(tokens[i + 1:j])
                    i = j
            elif t == "do":
                j = self.find_matching(tokens, i + 1, "do", ("loop",))
                limit, start = self.pop("do", 2)
                for k in range(start, limit):
                    body = [str(k) if w == "i" else w for w in tokens[i + 1:j]]
                    self.execute(body)
                i = j
            elif t in self.words:
                self.execute(self.words[t])
            elif t in self.builtins:
                n, fn = self.builtins[t]
                self.stack.extend(fn(*self.pop(t, n)))
            else:
                try:
                    self.stack.append(int(t))
                except ValueError:
                    raise ForthError(f"unknown word {t!r}") from None
            i += 1


f = Forth()
programs = [
    "1 2 + 3 * .",
    ": square dup * ; : cube dup square * ; 4 square . 3 cube .",
    "10 0 do i . loop",
    ": fact 1 swap 1 + 1 do i * loop ; 10 fact . 20 fact .",
    "5 3 > if 111 . else 222 . then 2 9 > if 333 . then",
    "variable total 0 'total ! 11 1 do 'total @ i + 'total ! loop 'total @ .",
    ": sign dup 0 < if drop -1 else 0 > if 1 else 0 then then ; -7 sign . 0 sign . 9 sign .",
    "7 2 / . -7 2 / . 7 -2 mod . 1 2 3 rot . . .",
    "1 +",
    "5 0 /",
    "foo",
    ": broken 1 2",
    "3 if 1 . ",
    "'nothing @",
    "\\ a comment only",
]
for src in programs:
    try:
        print(f"{src[:40]:<42}=> {f.run(src)!r}  stack={f.stack}")
    except ForthError as e:
        print(f"{src[:40]:<42}!! {type(e).__name__}: {e}")
        f.stack.clear()
        f.out.clear()
print(sorted(f.words), f.vars)
