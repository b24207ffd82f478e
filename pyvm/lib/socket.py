"""socket: CPython's socket module for pyvm.

The socket type and the system calls are native (_socket); every call that would
block defers only the calling micro_thread. This module adds what CPython writes in
Python: create_connection, create_server, has_dualstack_ipv6 and makefile.
"""

from _socket import *
import _socket

_GLOBAL_DEFAULT_TIMEOUT = object()


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT,
                      source_address=None, *, all_errors=False):
    """Connect to address (host, port), trying each address getaddrinfo gives,
    and return the connected socket."""
    host, port = address
    errors = []
    for af, socktype, proto, canonname, sa in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(af, socktype, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sa)
            errors.clear()
            return sock
        except OSError as exc:
            errors.append(exc)
            if sock is not None:
                sock.close()
    if errors:
        try:
            raise errors[0]
        finally:
            errors = None
    raise OSError("getaddrinfo returns an empty list")


def getfqdn(name=''):
    """Get fully qualified domain name from name (CPython's own logic).

    An empty argument is interpreted as meaning the local host. First the hostname
    returned by gethostbyaddr() is checked, then possibly existing aliases. In case
    no FQDN is available and `name` was given, it is returned unchanged. If `name`
    was empty, '0.0.0.0' or '::', hostname from gethostname() is returned.
    """
    name = name.strip()
    if not name or name in ('0.0.0.0', '::'):
        name = gethostname()
    try:
        hostname, aliases, ipaddrs = gethostbyaddr(name)
    except error:
        pass
    else:
        aliases.insert(0, hostname)
        for name in aliases:
            if '.' in name:
                break
        else:
            name = hostname
    return name


def has_dualstack_ipv6():
    """Can one AF_INET6 socket accept IPv4 and IPv6 connections?"""
    try:
        with socket(AF_INET6, SOCK_STREAM) as sock:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0)
            return True
    except OSError:
        return False


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False,
                  dualstack_ipv6=False):
    """A TCP socket bound to address (host, port) and listening."""
    if dualstack_ipv6 and family != AF_INET6:
        raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        if family == AF_INET6:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            sock.bind(address)
        except OSError as err:
            msg = '%s (while attempting to bind on address %r)' % (err.strerror, address)
            raise OSError(err.errno, msg) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except OSError:
        sock.close()
        raise


class SocketFile:
    """What socket.makefile() returns: a buffered reader and writer over a socket
    (binary with 'b' in the mode, else text). Reads block only the calling
    micro_thread; writes are buffered until flush() (or the buffer fills)."""

    _CHUNK = 65536
    _WRITE_LIMIT = 65536

    def __init__(self, sock, mode, encoding, errors, newline):
        self._sock = sock
        # Keeps the descriptor open after sock.close() until this file closes (or
        # is dropped), as CPython's _io_refs do.
        self._io_ref = sock._io_ref()
        self.mode = mode
        self._binary = 'b' in mode
        self._reading = 'r' in mode
        self._writing = 'w' in mode
        self._rbuf = b''
        self._eof = False
        self._wbuf = []
        self._wlen = 0
        self.encoding = None if self._binary else (encoding or 'utf-8')
        self.errors = errors or 'strict'
        self.newline = newline
        self.closed = False

    def __repr__(self):
        kind = 'BufferedRWPair' if self._reading and self._writing else (
            'BufferedReader' if self._reading else 'BufferedWriter')
        if not self._binary:
            return "<_io.TextIOWrapper mode=%r encoding=%r>" % (self.mode, self.encoding)
        return "<_io.%s>" % kind

    # What CPython's buffered binary files say when used after close (text files
    # say "I/O operation on closed file.").
    _CLOSED = {'read': "read of closed file", 'readline': "readline of closed file",
               'write': "write to closed file", 'flush': "flush of closed file"}

    def _check(self, want, op=None):
        if self.closed:
            self._closed_error(op)
        if want == 'r' and not self._reading:
            raise OSError("File not open for reading")
        if want == 'w' and not self._writing:
            raise OSError("File not open for writing")

    def _closed_error(self, op):
        if self._binary and op in self._CLOSED:
            raise ValueError(self._CLOSED[op])
        raise ValueError("I/O operation on closed file.")

    def _fill(self):
        data = self._sock.recv(self._CHUNK)
        if data:
            self._rbuf += data
        else:
            self._eof = True

    def _out(self, data):
        if self._binary:
            return data
        text = data.decode(self.encoding, self.errors)
        if self.newline is None:
            text = text.replace('\r\n', '\n').replace('\r', '\n')
        return text

    def readline(self, size=-1):
        self._check('r', 'readline')
        if size is None:
            size = -1
        start = 0
        while True:
            i = self._rbuf.find(b'\n', start)
            if i >= 0:
                end = i + 1
                break
            if 0 <= size <= len(self._rbuf) or self._eof:
                end = len(self._rbuf)
                break
            start = len(self._rbuf)
            self._fill()
        if 0 <= size < end:
            end = size
        line = self._rbuf[:end]
        self._rbuf = self._rbuf[end:]
        return self._out(line)

    def read(self, size=-1):
        self._check('r', 'read')
        if size is None or size < 0:
            while not self._eof:
                self._fill()
            data = self._rbuf
            self._rbuf = b''
            return self._out(data)
        while len(self._rbuf) < size and not self._eof:
            self._fill()
        data = self._rbuf[:size]
        self._rbuf = self._rbuf[size:]
        return self._out(data)

    def read1(self, size=-1):
        self._check('r', 'read')
        if not self._rbuf and not self._eof:
            self._fill()
        if size is None or size < 0:
            size = len(self._rbuf)
        data = self._rbuf[:size]
        self._rbuf = self._rbuf[size:]
        return self._out(data)

    def readlines(self, hint=-1):
        self._check('r')
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                return lines

    def __iter__(self):
        self._check(None)
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, data):
        self._check('w', 'write')
        if self._binary:
            if isinstance(data, str):
                raise TypeError("a bytes-like object is required, not 'str'")
            chunk = bytes(data)
            n = len(chunk)
        else:
            if not isinstance(data, str):
                raise TypeError("write() argument must be str, not %s" % type(data).__name__)
            n = len(data)
            chunk = data.encode(self.encoding, self.errors)
        self._wbuf.append(chunk)
        self._wlen += len(chunk)
        if self._wlen >= self._WRITE_LIMIT:
            self.flush()
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if self.closed:
            self._closed_error('flush')
        if self._wbuf:
            data = b''.join(self._wbuf)
            self._wbuf = []
            self._wlen = 0
            self._sock.sendall(data)

    def close(self):
        """Flush, and give the socket back: a socket whose close() was called
        meanwhile closes with the last of its files."""
        if self.closed:
            return
        try:
            if self._writing and self._sock.fileno() >= 0:
                self.flush()
        finally:
            self.closed = True
            self._io_ref = None

    def fileno(self):
        return self._sock.fileno()

    def readable(self):
        return self._reading

    def writable(self):
        return self._writing

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _makefile(sock, mode="r", buffering=None, *, encoding=None, errors=None, newline=None):
    if not set(mode) <= {"r", "w", "b"}:
        raise ValueError("invalid mode %r (only r, w, b allowed)" % (mode,))
    if 'r' not in mode and 'w' not in mode:
        mode = 'r' + mode
    if buffering == 0 and 'b' not in mode:
        raise ValueError("unbuffered streams must be binary")
    return SocketFile(sock, mode, encoding, errors, newline)
