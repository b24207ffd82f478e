"""The interactive prompt of pyvm (`pyvm` with no program on a terminal, `pyvm -i`):
CPython's read-eval-print loop. Statements are read with `input()` on a terminal
(prompts on stdout) or from `sys.stdin` otherwise (prompts on stderr, as CPython
writes them), compiled in 'single' mode (expression values go to
`sys.displayhook`), and errors are reported through `sys.excepthook`. Reading
waits only the main micro_thread: the others keep running at the prompt."""

import sys

_DONT_IMPLY_DEDENT = 0x200
_ALLOW_INCOMPLETE_INPUT = 0x4000


def _readline(prompt, tty):
    if tty:
        return input(prompt)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line[:-1] if line.endswith('\n') else line


def _is_incomplete(source):
    # Incomplete: compiling stops at the end of the text (`(1,`, `if x:`), or it
    # compiles but ends inside a block no empty line has closed yet.
    for flags in (_ALLOW_INCOMPLETE_INPUT, _DONT_IMPLY_DEDENT | _ALLOW_INCOMPLETE_INPUT):
        try:
            compile(source, '<stdin>', 'single', flags, True)
        except SyntaxError as e:
            return e.msg == 'incomplete input'
        except (OverflowError, ValueError):
            return False
    return False


def _statement(tty):
    """The next statement's source (None: an empty line); EOFError at the end."""
    lines = []
    prompt = getattr(sys, 'ps1', '>>> ')
    while True:
        try:
            line = _readline(str(prompt), tty)
        except EOFError:
            if not lines:
                raise
            # The end of the input ends the statement too.
            return '\n'.join(lines) + '\n'
        if not lines and not line.strip():
            return None
        lines.append(line)
        source = '\n'.join(lines)
        if not _is_incomplete(source):
            return source + '\n' if len(lines) > 1 else source
        prompt = getattr(sys, 'ps2', '... ')


def _report(e, skip):
    tb = e.__traceback__
    for _ in range(skip):
        if tb is not None:
            tb = tb.tb_next
    sys.last_type, sys.last_value, sys.last_traceback = type(e), e, tb
    sys.excepthook(type(e), e, tb)


def _site_builtins():
    # What site.py gives the prompt: exit(), quit(), help, copyright, credits.
    try:
        import _sitebuiltins
        import builtins
    except ImportError:
        return
    builtins.exit = _sitebuiltins.Quitter('exit', 'Ctrl-D (i.e. EOF)')
    builtins.quit = _sitebuiltins.Quitter('quit', 'Ctrl-D (i.e. EOF)')
    builtins.help = _sitebuiltins._Helper()
    builtins.copyright = _sitebuiltins._Printer('copyright', sys.copyright)
    builtins.credits = _sitebuiltins._Printer('credits', 'pyvm: a Python 3.11 runtime of micro_threads.')


def interact(namespace, banner):
    """Read, evaluate and print statements in `namespace` until the input ends."""
    if not hasattr(sys, 'ps1'):
        sys.ps1 = '>>> '
    if not hasattr(sys, 'ps2'):
        sys.ps2 = '... '
    tty = sys.stdin.isatty()
    _site_builtins()
    if banner:
        sys.stderr.write('Python %s on %s\nType "help", "copyright", "credits" or '
                         '"license" for more information.\n' % (sys.version, sys.platform))
    while True:
        try:
            source = _statement(tty)
        except EOFError:
            (sys.stdout if tty else sys.stderr).write('\n')
            return
        except KeyboardInterrupt:
            sys.stderr.write('\nKeyboardInterrupt\n')
            continue
        if source is None:
            continue
        try:
            code = compile(source, '<stdin>', 'single', 0, True)
        except (SyntaxError, OverflowError, ValueError) as e:
            _report(e, 1)
            continue
        try:
            exec(code, namespace)
        except SystemExit:
            raise
        except BaseException as e:
            _report(e, 1)
