# A start-up check a deployment tool runs: import a long list of standard-library
# modules (CPython's own .py files on pyvm's native C modules) and report which are
# usable: every module listed must import, and each failure is named.
import importlib

REQUIRED = [
    # On the native posix module (Lib's os.py).
    'pathlib', 'shutil', 'tempfile', 'tarfile', 'sysconfig', 'trace', 'zoneinfo', 'pydoc_data',
    'logging', 'collections.abc', 'email.message', 'http.client', 'urllib.parse',
    'xml.etree.ElementTree', 'importlib.machinery', 'encodings.utf_8',
    'abc', 'argparse', 'array', 'ast', 'atexit', 'base64', 'bdb', 'binascii', 'bisect', 'builtins', 'calendar', 'cmath', 'cmd', 'code', 'codecs', 'codeop', 'collections', 'colorsys', 'concurrent', 'configparser', 'contextlib', 'contextvars', 'copy', 'copyreg', 'csv', 'dataclasses', 'datetime', 'dbm', 'decimal', 'difflib', 'dis', 'email', 'encodings', 'enum', 'errno', 'faulthandler', 'fcntl', 'filecmp', 'fileinput', 'fnmatch', 'fractions', 'ftplib', 'functools', 'gc', 'genericpath', 'getopt', 'getpass', 'gettext', 'glob', 'graphlib', 'grp', 'gzip', 'hashlib', 'heapq', 'hmac', 'html', 'http', 'importlib', 'inspect', 'io', 'ipaddress', 'itertools', 'json', 'keyword', 'linecache', 'locale', 'mailbox', 'marshal', 'math', 'mimetypes', 'netrc', 'ntpath', 'nturl2path', 'numbers', 'opcode', 'operator', 'optparse', 'os', 'pickle', 'pickletools', 'platform', 'poplib', 'posixpath', 'pprint', 'pstats', 'pty', 'pwd', 'queue', 'quopri', 'random', 're', 'reprlib', 'resource', 'rlcompleter', 'sched', 'select', 'selectors', 'shelve', 'shlex', 'site', 'smtplib', 'socket', 'socketserver', 'stat', 'statistics', 'string', 'stringprep', 'struct', 'sys', 'syslog', 'tabnanny', 'termios', 'textwrap', 'tty', 'threading', 'time', 'timeit', 'token', 'tokenize', 'traceback', 'types', 'typing', 'unicodedata', 'urllib', 'uuid', 'warnings', 'wave', 'weakref', 'wsgiref', 'xml', 'xmlrpc', 'zlib']

failed = []
for name in REQUIRED:
    try:
        mod = importlib.import_module(name)
    except Exception as e:
        failed.append((name, type(e).__name__))
        continue
    assert mod.__name__ == name, name
print(f"required: {len(REQUIRED) - len(failed)} of {len(REQUIRED)} imported")
for name, err in failed:
    print("  FAILED", name, err)
