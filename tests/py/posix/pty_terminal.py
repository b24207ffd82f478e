# A terminal UI's setup code, exercised on a pseudo-terminal: it saves the tty's
# modes, turns echo off for a password prompt (as getpass does), switches to raw mode
# for key-by-key input (tty.setraw / setcbreak), sizes the window, and restores
# everything on exit; errors on a non-terminal come back as termios.error.
import os
import termios
import tty

master, slave = os.openpty()
print("is a tty:", os.isatty(slave), os.isatty(master), "inheritable:", os.get_inheritable(slave))
saved = termios.tcgetattr(slave)
iflag, oflag, cflag, lflag, ispeed, ospeed, cc = saved
print(len(saved), len(cc), "canonical:", bool(lflag & termios.ICANON), "echo:", bool(lflag & termios.ECHO))
print("VINTR", cc[termios.VINTR], "VEOF", cc[termios.VEOF], "VMIN", cc[termios.VMIN])

# Password prompt: echo off, then back on.
quiet = termios.tcgetattr(slave)
quiet[3] &= ~termios.ECHO
termios.tcsetattr(slave, termios.TCSAFLUSH, quiet)
print("echo now:", bool(termios.tcgetattr(slave)[3] & termios.ECHO))
os.write(master, b"s3cret\n")
print("read a line:", os.read(slave, 100))
termios.tcsetattr(slave, termios.TCSADRAIN, saved)

# Canonical input with echo: the line comes back on the master side too.
os.write(master, b"hello\n")
print("line:", os.read(slave, 100), "echoed:", os.read(master, 100))

# Raw mode: byte by byte, no echo, no signals; VMIN/VTIME read back as ints.
tty.setraw(slave)
raw = termios.tcgetattr(slave)
print("raw:", raw[3] & (termios.ICANON | termios.ECHO | termios.ISIG), raw[6][termios.VMIN], raw[6][termios.VTIME],
      "opost:", raw[1] & termios.OPOST)
os.write(master, b"q")
print("key:", os.read(slave, 1))
tty.setcbreak(slave)
print("cbreak echo:", bool(termios.tcgetattr(slave)[3] & termios.ECHO))
termios.tcsetattr(slave, termios.TCSANOW, saved)
print("restored:", termios.tcgetattr(slave) == saved)

termios.tcsetwinsize(slave, (40, 132))
print("window:", termios.tcgetwinsize(slave), os.get_terminal_size(slave))
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcflow(slave, termios.TCOON)
termios.tcdrain(slave)
print("speeds:", ispeed == ospeed, termios.B38400, termios.B9600, termios.TCSANOW, termios.TCSAFLUSH)

r, w = os.pipe()
for bad in [lambda: termios.tcgetattr(r), lambda: termios.tcsetattr(slave, termios.TCSANOW, saved[:6]),
            lambda: termios.tcsetattr(slave, termios.TCSANOW, saved[:6] + [[b"x"]]),
            lambda: termios.tcsetattr(slave, termios.TCSANOW, saved[:6] + [[0.5] * len(cc)]),
            lambda: termios.tcgetattr(-2), lambda: termios.tcgetattr("tty"), lambda: termios.tcgetwinsize(w)]:
    try:
        print("no error:", bad())
    except termios.error as e:
        print("termios.error", e.args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for fd in (r, w, master, slave):
    os.close(fd)
import pty
print("pty imports:", callable(pty.openpty))
