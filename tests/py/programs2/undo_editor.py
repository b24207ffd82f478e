# A text editor buffer with the command pattern: insert/delete/replace commands
# that know how to undo themselves, an undo and a redo stack, and macros.

class Command:
    def do(self, buf):
        raise NotImplementedError(f"{type(self).__name__}.do")

    def undo(self, buf):
        raise NotImplementedError(f"{type(self).__name__}.undo")

    def __repr__(self):
        fields = ", ".join([f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_")])
        return f"{type(self).__name__}({fields})"


class Insert(Command):
    def __init__(self, pos, text):
        self.pos, self.text = pos, text

    def do(self, buf):
        if not 0 <= self.pos <= len(buf.text):
            raise IndexError(f"insert position {self.pos} outside 0..{len(buf.text)}")
        buf.text = buf.text[:self.pos] + self.text + buf.text[self.pos:]

    def undo(self, buf):
        buf.text = buf.text[:self.pos] + buf.text[self.pos + len(self.text):]


class Delete(Command):
    def __init__(self, pos, length):
        self.pos, self.length = pos, length
        self._removed = None

    def do(self, buf):
        self._removed = buf.text[self.pos:self.pos + self.length]
        if len(self._removed) != self.length:
            raise IndexError("delete past the end")
        buf.text = buf.text[:self.pos] + buf.text[self.pos + self.length:]

    def undo(self, buf):
        buf.text = buf.text[:self.pos] + self._removed + buf.text[self.pos:]


class Replace(Command):
    def __init__(self, old, new):
        self.old, self.new = old, new
        self._before = None

    def do(self, buf):
        if self.old not in buf.text:
            raise ValueError(f"{self.old!r} not found")
        self._before = buf.text
        buf.text = buf.text.replace(self.old, self.new)

    def undo(self, buf):
        buf.text = self._before


class Macro(Command):
    def __init__(self, *commands):
        self.commands = list(commands)

    def do(self, buf):
        done = []
        try:
            for c in self.commands:
                c.do(buf)
                done.append(c)
        except Exception:
            for c in reversed(done):
                c.undo(buf)
            raise

    def undo(self, buf):
        for c in reversed(self.commands):
            c.undo(buf)


class Buffer:
    def __init__(self, text=""):
        self.text = text
        self.undo_stack = []
        self.redo_stack = []

    def run(self, cmd):
        cmd.do(self)
        self.undo_stack.append(cmd)
        self.redo_stack.clear()

    def undo(self):
        if not self.undo_stack:
            return False
        cmd = self.undo_stack.pop()
        cmd.undo(self)
        self.redo_stack.append(cmd)
        return True

    def redo(self):
        if not self.redo_stack:
            return False
        cmd = self.redo_stack.pop()
        cmd.do(self)
        self.undo_stack.append(cmd)
        return True


buf = Buffer("Hello world")
steps = [
    ("run", Insert(5, ",")), ("run", Insert(len("Hello, world"), "!")),
    ("run", Replace("world", "there")), ("undo",), ("undo",), ("redo",),
    ("run", Delete(0, 7)), ("undo",), ("run", Macro(Insert(0, ">> "), Replace("Hello", "Bye"))),
    ("run", Macro(Insert(0, "x"), Replace("nope", "y"))), ("run", Delete(3, 100)),
    ("run", Insert(99, "?")), ("undo",), ("undo",), ("undo",), ("undo",), ("undo",), ("redo",),
]
for step in steps:
    try:
        if step[0] == "run":
            buf.run(step[1])
            result = "ok"
        else:
            result = getattr(buf, step[0])()
    except (IndexError, ValueError) as e:
        result = f"{type(e).__name__}: {e}"
    label = step[0] if len(step) == 1 else f"run {step[1]!r}"
    print(f"{label:<58} {result!s:<26} {buf.text!r}")
print(len(buf.undo_stack), len(buf.redo_stack), buf.undo_stack)
try:
    Command().do(buf)
except NotImplementedError as e:
    print("NotImplementedError:", e)
