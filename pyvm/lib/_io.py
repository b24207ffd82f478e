"""
The io module's C half, `_io`, for pyvm: an adapted copy of CPython 3.11's
Lib/_pyio.py (the pure-Python implementation of the io module), Copyright (c)
2001-2023 Python Software Foundation, licensed under the PSF License Agreement.

pyvm's changes (each marked "pyvm:" below): no `import io` (this *is* what io.py
imports); the SEEK_* constants defined here; the base classes named as _io names
them (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase) and not ABCs (io.py makes
the ABCs and registers the concrete classes); FileIO is _pyio's Python FileIO on
pyvm's native os.open/read/write/lseek/fstat/close; buffers are filled by slice
assignment into the bytearray itself rather than through a writable memoryview
(pyvm's memoryview is a read-only copy); a small utf-8/ascii/latin-1 codec
fallback used only while Lib's `codecs` cannot import (it needs `_codecs`).
"""

import os
import abc
try:
    import codecs
except (ImportError, SystemError):
    # pyvm: Lib's codecs needs the native _codecs; until it is there, TextIOWrapper
    # uses the small stand-in below (utf-8, ascii and latin-1 only).
    codecs = None
import errno
import stat
import sys
# Import _thread instead of threading to reduce startup cost
from _thread import allocate_lock as Lock
if sys.platform in {'win32', 'cygwin'}:
    from msvcrt import setmode as _setmode
else:
    _setmode = None

# pyvm: io.py imports this module, so it is not imported here.
# for seek()
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

valid_seek_flags = {0, 1, 2}  # Hardwired values
if hasattr(os, 'SEEK_HOLE') :
    valid_seek_flags.add(os.SEEK_HOLE)
    valid_seek_flags.add(os.SEEK_DATA)

# open() uses st_blksize whenever we can
DEFAULT_BUFFER_SIZE = 8 * 1024  # bytes

# NOTE: Base classes defined here are registered with the "official" ABCs
# defined in io.py. We don't use real inheritance though, because we don't want
# to inherit the C implementations.

# Rebind for compatibility
BlockingIOError = BlockingIOError

# Does io.IOBase finalizer log the exception if the close() method fails?
# The exception is ignored silently by default in release build.
_IOBASE_EMITS_UNRAISABLE = (hasattr(sys, "gettotalrefcount") or sys.flags.dev_mode)
# Does open() check its 'errors' argument?
_CHECK_ERRORS = _IOBASE_EMITS_UNRAISABLE


def text_encoding(encoding, stacklevel=2):
    """
    A helper function to choose the text encoding.

    When encoding is not None, this function returns it.
    Otherwise, this function returns the default text encoding
    (i.e. "locale" or "utf-8" depends on UTF-8 mode).

    This function emits an EncodingWarning if *encoding* is None and
    sys.flags.warn_default_encoding is true.

    This can be used in APIs with an encoding=None parameter
    that pass it to TextIOWrapper or open.
    However, please consider using encoding="utf-8" for new APIs.
    """
    if encoding is None:
        if sys.flags.utf8_mode:
            encoding = "utf-8"
        else:
            encoding = "locale"
        if sys.flags.warn_default_encoding:
            import warnings
            warnings.warn("'encoding' argument not specified.",
                          EncodingWarning, stacklevel + 1)
    return encoding


# Wrapper for builtins.open
#
# Trick so that open() won't become a bound method when stored
# as a class variable (as dbm.dumb does).
#
# See init_set_builtins_open() in Python/pylifecycle.c.
# pyvm: `open` is the native `_textio.open` (a built-in function, so it does not
# bind as a method; Argument Clinic's argument checks and the C mode checks), which
# calls this with its checked arguments, the file already through os.fspath.
def _open(file, mode, buffering, encoding, errors, newline, closefd, opener,
          rawmode, binary):
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary "
                      "mode, the default buffer size will be used",
                      RuntimeWarning, 2)
    creating = "x" in rawmode
    writing = "w" in rawmode
    appending = "a" in rawmode
    reading = "r" in rawmode
    updating = "+" in rawmode
    raw = FileIO(file, rawmode, closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or buffering < 0 and raw.isatty():
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
            try:
                bs = os.fstat(raw.fileno()).st_blksize
            except (OSError, AttributeError):
                pass
            else:
                if bs > 1:
                    buffering = bs
        if buffering < 0:
            raise ValueError("invalid buffering size")
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        elif reading:
            buffer = BufferedReader(raw, buffering)
        else:
            raise ValueError("unknown mode: %r" % mode)
        result = buffer
        if binary:
            return result
        encoding = text_encoding(encoding)
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except:
        result.close()
        raise

# Define a default pure-Python implementation for open_code()
# that does not allow hooks. Warn on first use. Defined for tests.
def _open_code_with_warning(path):
    """Opens the provided file with mode ``'rb'``. This function
    should be used when the intent is to treat the contents as
    executable code.

    ``path`` should be an absolute path.

    When supported by the runtime, this function can be hooked
    in order to allow embedders more control over code files.
    This functionality is not supported on the current runtime.
    """
    import warnings
    warnings.warn("_pyio.open_code() may not be using hooks",
                  RuntimeWarning, 2)
    return open(path, "rb")

def open_code(path):
    """Opens the provided file with mode ``'rb'``. This function
    should be used when the intent is to treat the contents as
    executable code.

    ``path`` should be an absolute path.
    """
    # pyvm: no open_code hooks (PyFile_SetOpenCodeHook), so this is open(path, "rb").
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, "rb")


def __getattr__(name):
    if name == "OpenWrapper":
        # bpo-43680: Until Python 3.9, _pyio.open was not a static method and
        # builtins.open was set to OpenWrapper to not become a bound method
        # when set to a class variable. _io.open is a built-in function whereas
        # _pyio.open is a Python function. In Python 3.10, _pyio.open() is now
        # a static method, and builtins.open() is now io.open().
        import warnings
        warnings.warn('OpenWrapper is deprecated, use open instead',
                      DeprecationWarning, stacklevel=2)
        global OpenWrapper
        OpenWrapper = open
        return OpenWrapper
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# pyvm: what this module's pyvm changes use (see the module doc).
from _textio import (textio_next as _textio_next, textio_readline as _textio_readline,
                     textio_write as _textio_write, textio_writeflush as _textio_writeflush,
                     textio_configure as _textio_configure)
import _textio
_textio._set_open_impl(_open)
open = _textio.open
import _memoryio
import _bufferedio

def _writable(b):
    """The buffer readinto() fills: a bytearray itself, filled by slice
    assignment, else a writable memoryview of bytes (an array, a view)."""
    if isinstance(b, bytearray):
        return b
    try:
        m = memoryview(b)
    except TypeError:
        m = None
    if m is None or m.readonly:
        raise TypeError("readinto() argument must be read-write bytes-like object, "
                        "not %s" % type(b).__name__)
    return m if m.format == 'B' and m.ndim == 1 else m.cast('B')


def _nbytes(b):
    """memoryview(b).nbytes, without a view for bytes and bytearray."""
    if isinstance(b, (bytes, bytearray)):
        return len(b)
    return memoryview(b).nbytes


if codecs is not None:
    _IncrementalDecoder = codecs.IncrementalDecoder
    _codecs_lookup = codecs.lookup
    _codecs_lookup_error = codecs.lookup_error
    _getincrementalencoder = codecs.getincrementalencoder
    _getincrementaldecoder = codecs.getincrementaldecoder
else:
    # pyvm: a stand-in for the part of codecs TextIOWrapper uses, while Lib's codecs
    # cannot import (it needs the native _codecs): utf-8, ascii and latin-1, with the
    # error handlers str.encode and bytes.decode take.
    class _IncrementalDecoder(object):
        """codecs.IncrementalDecoder."""
        def __init__(self, errors='strict'):
            self.errors = errors
            self.buffer = b""

        def decode(self, input, final=False):
            raise NotImplementedError

        def reset(self):
            self.buffer = b""

        def getstate(self):
            return (self.buffer, 0)

        def setstate(self, state):
            self.buffer = state[0]

    def _utf8_complete(data):
        """How many leading bytes of data end on a whole UTF-8 sequence."""
        n = len(data)
        for i in range(1, min(4, n + 1)):
            c = data[n - i]
            if c < 0x80:
                return n
            if c >= 0xC0:
                need = 2 if c < 0xE0 else 3 if c < 0xF0 else 4
                return n - i if need > i else n
        return n

    class _Decoder(_IncrementalDecoder):
        encoding = None

        def decode(self, input, final=False):
            data = self.buffer + bytes(input) if self.buffer else bytes(input)
            if not final and self.encoding == 'utf-8':
                cut = _utf8_complete(data)
                self.buffer = data[cut:]
                data = data[:cut]
            else:
                self.buffer = b""
            return data.decode(self.encoding, self.errors)

    class _Encoder(object):
        encoding = None

        def __init__(self, errors='strict'):
            self.errors = errors

        def encode(self, input, final=False):
            return input.encode(self.encoding, self.errors)

        def reset(self):
            pass

        def getstate(self):
            return 0

        def setstate(self, state):
            pass

    _ALIASES = {
        'utf-8': 'utf-8', 'utf8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8',
        'cp65001': 'utf-8', 'ascii': 'ascii', 'us-ascii': 'ascii', '646': 'ascii',
        'latin-1': 'iso8859-1', 'latin1': 'iso8859-1', 'latin': 'iso8859-1',
        'iso-8859-1': 'iso8859-1', 'iso8859-1': 'iso8859-1', 'l1': 'iso8859-1',
        'cp819': 'iso8859-1', '8859': 'iso8859-1',
    }

    class _CodecInfo(object):
        _is_text_encoding = True

        def __init__(self, name):
            self.name = name
            self.incrementaldecoder = type('IncrementalDecoder', (_Decoder,),
                                           {'encoding': name})
            self.incrementalencoder = type('IncrementalEncoder', (_Encoder,),
                                           {'encoding': name})

    _CODECS = {}

    def _codecs_lookup(encoding):
        name = _ALIASES.get(encoding.lower().replace('_', '-').replace(' ', '-'))
        if name is None:
            raise LookupError("unknown encoding: %s" % encoding)
        info = _CODECS.get(name)
        if info is None:
            info = _CODECS[name] = _CodecInfo(name)
        return info

    def _codecs_lookup_error(name):
        if name not in ('strict', 'ignore', 'replace', 'surrogateescape',
                        'backslashreplace', 'xmlcharrefreplace', 'namereplace',
                        'surrogatepass'):
            raise LookupError("unknown error handler name %r" % name)

    def _getincrementalencoder(encoding):
        return _codecs_lookup(encoding).incrementalencoder

    def _getincrementaldecoder(encoding):
        return _codecs_lookup(encoding).incrementaldecoder


# In normal operation, both `UnsupportedOperation`s should be bound to the
# same object.
class UnsupportedOperation(OSError, ValueError):
    pass


class _IOBase:

    """The abstract base class for all I/O classes.

    This class provides dummy implementations for many methods that
    derived classes can override selectively; the default implementations
    represent a file that cannot be read, written or seeked.

    Even though IOBase does not declare read or write because
    their signatures will vary, implementations and clients should
    consider those methods part of the interface. Also, implementations
    may raise UnsupportedOperation when operations they do not support are
    called.

    The basic type used for binary data read from or written to a file is
    bytes. Other bytes-like objects are accepted as method arguments too.
    Text I/O classes work with str data.

    Note that calling any method (even inquiries) on a closed stream is
    undefined. Implementations may raise OSError in this case.

    IOBase (and its subclasses) support the iterator protocol, meaning
    that an IOBase object can be iterated over yielding the lines in a
    stream.

    IOBase also supports the :keyword:`with` statement. In this example,
    fp is closed after the suite of the with statement is complete:

    with open('spam.txt', 'r') as fp:
        fp.write('Spam and eggs!')
    """

    ### Internal ###

    def _unsupported(self, name):
        """Internal: raise an OSError exception for unsupported operations."""
        # pyvm: the C message (the method's name)
        raise UnsupportedOperation(name)

    ### Positioning ###

    def seek(self, pos, whence=0):
        """Change stream position.

        Change the stream position to byte offset pos. Argument pos is
        interpreted relative to the position indicated by whence.  Values
        for whence are ints:

        * 0 -- start of stream (the default); offset should be zero or positive
        * 1 -- current stream position; offset may be negative
        * 2 -- end of stream; offset is usually negative
        Some operating systems / file systems could provide additional values.

        Return an int indicating the new absolute position.
        """
        self._unsupported("seek")

    def tell(self):
        """Return an int indicating the current stream position."""
        return self.seek(0, 1)

    def truncate(self, pos=None):
        """Truncate file to size bytes.

        Size defaults to the current IO position as reported by tell().  Return
        the new size.
        """
        self._unsupported("truncate")

    ### Flush and close ###

    def flush(self):
        """Flush write buffers, if applicable.

        This is not implemented for read-only and non-blocking streams.
        """
        # pyvm: the C module's test, this class's own flag (not the closed
        # property, which StringIO has of its own).
        if self.__closed:
            raise ValueError("I/O operation on closed file.")
        # XXX Should this return the number of bytes written???

    __closed = False

    def close(self):
        """Flush and close the IO object.

        This method has no effect if the file is already closed.
        """
        if not self.__closed:
            try:
                self.flush()
            finally:
                self.__closed = True

    def __del__(self):
        """Destructor.  Calls close()."""
        try:
            closed = self.closed
        except Exception:
            # If getting closed fails, then the object is probably
            # in an unusable state, so ignore.
            # pyvm: any error, as the C finalizer clears it (a detached
            # TextIOWrapper raises ValueError here).
            return

        if closed:
            return

        if _IOBASE_EMITS_UNRAISABLE:
            self.close()
        else:
            # The try/except block is in case this is called at program
            # exit time, when it's possible that globals have already been
            # deleted, and then the close() call might fail.  Since
            # there's nothing we can do about such failures and they annoy
            # the end users, we suppress the traceback.
            try:
                self.close()
            except:
                pass

    ### Inquiries ###

    def seekable(self):
        """Return a bool indicating whether object supports random access.

        If False, seek(), tell() and truncate() will raise OSError.
        This method may need to do a test seek().
        """
        return False

    def _checkSeekable(self, msg=None):
        """Internal: raise UnsupportedOperation if file is not seekable
        """
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable."
                                       if msg is None else msg)

    def readable(self):
        """Return a bool indicating whether object was opened for reading.

        If False, read() will raise OSError.
        """
        return False

    def _checkReadable(self, msg=None):
        """Internal: raise UnsupportedOperation if file is not readable
        """
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable."
                                       if msg is None else msg)

    def writable(self):
        """Return a bool indicating whether object was opened for writing.

        If False, write() and truncate() will raise OSError.
        """
        return False

    def _checkWritable(self, msg=None):
        """Internal: raise UnsupportedOperation if file is not writable
        """
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable."
                                       if msg is None else msg)

    @property
    def closed(self):
        """closed: bool.  True iff the file has been closed.

        For backwards compatibility, this is a property, not a predicate.
        """
        return self.__closed

    def _checkClosed(self, msg=None):
        """Internal: raise a ValueError if file is closed
        """
        if self.closed:
            raise ValueError("I/O operation on closed file."
                             if msg is None else msg)

    ### Context manager ###

    def __enter__(self):  # That's a forward reference
        """Context management protocol.  Returns self (an instance of IOBase)."""
        self._checkClosed()
        return self

    def __exit__(self, *args):
        """Context management protocol.  Calls close()"""
        self.close()

    ### Lower-level APIs ###

    # XXX Should these be present even if unimplemented?

    def fileno(self):
        """Returns underlying file descriptor (an int) if one exists.

        An OSError is raised if the IO object does not use a file descriptor.
        """
        self._unsupported("fileno")

    def isatty(self):
        """Return a bool indicating whether this is an 'interactive' stream.

        Return False if it can't be determined.
        """
        self._checkClosed()
        return False

    ### Readline[s] and writelines ###

    def readline(self, size=-1):
        r"""Read and return a line of bytes from the stream.

        If size is specified, at most size bytes will be read.
        Size should be an int.

        The line terminator is always b'\n' for binary files; for text
        files, the newlines argument to open can be used to select the line
        terminator(s) recognized.
        """
        # For backwards compatibility, a (slowish) readline().
        if hasattr(self, "peek"):
            def nreadahead():
                readahead = self.peek(1)
                if not readahead:
                    return 1
                n = (readahead.find(b"\n") + 1) or len(readahead)
                if size >= 0:
                    n = min(n, size)
                return n
        else:
            def nreadahead():
                return 1
        if size is None:
            size = -1
        else:
            try:
                size_index = size.__index__
            except AttributeError:
                raise TypeError("argument should be integer or None, not '%s'"
                                % type(size).__name__)  # pyvm: C message
            else:
                size = size_index()
        res = bytearray()
        while size < 0 or len(res) < size:
            b = self.read(nreadahead())
            if not b:
                break
            res += b
            if res.endswith(b"\n"):
                break
        return bytes(res)

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        """Return a list of lines from the stream.

        hint can be specified to control the number of lines read: no more
        lines will be read if the total size (in bytes/characters) of all
        lines so far exceeds hint.
        """
        # pyvm: the C module's argument check (Py_ssize_t or None).
        if hint is not None and not isinstance(hint, int):
            try:
                hint = hint.__index__()
            except AttributeError:
                raise TypeError("argument should be integer or None, not '%s'"
                                % type(hint).__name__) from None
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            # pyvm: the C module's test (stop once past hint, not at it).
            if len(line) > hint - n:
                break
            n += len(line)
        return lines

    def writelines(self, lines):
        """Write a list of lines to the stream.

        Line separators are not added, so it is usual for each of the lines
        provided to have a line separator at the end.
        """
        self._checkClosed()
        for line in lines:
            self.write(line)



class _RawIOBase(_IOBase):

    """Base class for raw binary I/O."""

    # The read() method is implemented by calling readinto(); derived
    # classes that want to support read() only need to implement
    # readinto() as a primitive operation.  In general, readinto() can be
    # more efficient than read().

    # (It would be tempting to also provide an implementation of
    # readinto() in terms of read(), in case the latter is a more suitable
    # primitive operation, but that would lead to nasty recursion in case
    # a subclass doesn't implement either.)

    def read(self, size=-1):
        """Read and return up to size bytes, where size is an int.

        Returns an empty bytes object on EOF, or None if the object is
        set not to block and has no data to read.
        """
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(size.__index__())
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)

    def readall(self):
        """Read until EOF, using multiple read() call."""
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        if res:
            return bytes(res)
        else:
            # b'' or None
            return data

    def readinto(self, b):
        """Read bytes into a pre-allocated bytes-like object b.

        Returns an int representing the number of bytes read (0 for EOF), or
        None if the object is set not to block and has no data to read.
        """
        raise NotImplementedError  # pyvm: as the C _RawIOBase

    def write(self, b):
        """Write the given buffer to the IO stream.

        Returns the number of bytes written, which may be less than the
        length of b in bytes.
        """
        raise NotImplementedError  # pyvm: as the C _RawIOBase



class _BufferedIOBase(_IOBase):

    """Base class for buffered IO objects.

    The main difference with RawIOBase is that the read() method
    supports omitting the size argument, and does not have a default
    implementation that defers to readinto().

    In addition, read(), readinto() and write() may raise
    BlockingIOError if the underlying raw stream is in non-blocking
    mode and not ready; unlike their raw counterparts, they will never
    return None.

    A typical implementation should not inherit from a RawIOBase
    implementation, but wrap one.
    """

    def read(self, size=-1):
        """Read and return up to size bytes, where size is an int.

        If the argument is omitted, None, or negative, reads and
        returns all data until EOF.

        If the argument is positive, and the underlying raw stream is
        not 'interactive', multiple raw reads may be issued to satisfy
        the byte count (unless EOF is reached first).  But for
        interactive raw streams (XXX and for pipes?), at most one raw
        read will be issued, and a short result does not imply that
        EOF is imminent.

        Returns an empty bytes array on EOF.

        Raises BlockingIOError if the underlying raw stream has no
        data at the moment.
        """
        self._unsupported("read")

    def read1(self, size=-1):
        """Read up to size bytes with at most one read() system call,
        where size is an int.
        """
        self._unsupported("read1")

    def readinto(self, b):
        """Read bytes into a pre-allocated bytes-like object b.

        Like read(), this may issue multiple reads to the underlying raw
        stream, unless the latter is 'interactive'.

        Returns an int representing the number of bytes read (0 for EOF).

        Raises BlockingIOError if the underlying raw stream has no
        data at the moment.
        """

        return self._readinto(b, read1=False)

    def readinto1(self, b):
        """Read bytes into buffer *b*, using at most one system call

        Returns an int representing the number of bytes read (0 for EOF).

        Raises BlockingIOError if the underlying raw stream has no
        data at the moment.
        """

        return self._readinto(b, read1=True)

    def _readinto(self, b, read1):
        # pyvm: b (a bytearray) is filled in place; see the module doc.
        b = _writable(b)

        if read1:
            data = self.read1(len(b))
        else:
            data = self.read(len(b))
        # pyvm: the C checks (_bufferediobase_readinto_generic)
        if not isinstance(data, bytes):
            raise TypeError("read() should return bytes")
        n = len(data)
        if n > len(b):
            raise ValueError("read() returned too much data: "
                             "%d bytes requested, %d returned" % (len(b), n))

        b[:n] = data

        return n

    def write(self, b):
        """Write the given bytes buffer to the IO stream.

        Return the number of bytes written, which is always the length of b
        in bytes.

        Raises BlockingIOError if the buffer is full and the
        underlying raw stream cannot accept more data at the moment.
        """
        self._unsupported("write")

    def detach(self):
        """
        Separate the underlying raw stream from the buffer and return it.

        After the raw stream has been detached, the buffer is in an unusable
        state.
        """
        self._unsupported("detach")



class _BufferedIOMixin(_BufferedIOBase):

    """A mixin implementation of BufferedIOBase with an underlying raw stream.

    This passes most requests on to the underlying raw stream.  It
    does *not* provide implementations of read(), readinto() or
    write().
    """

    def __init__(self, raw):
        self._raw = raw

    ### Positioning ###

    def seek(self, pos, whence=0):
        if self.closed:
            raise ValueError("seek of closed file")  # pyvm: C message
        new_position = self.raw.seek(pos, whence)
        if new_position < 0:
            raise OSError("seek() returned an invalid position")
        return new_position

    def tell(self):
        pos = self.raw.tell()
        if pos < 0:
            raise OSError("tell() returned an invalid position")
        return pos

    def truncate(self, pos=None):
        self._checkClosed()
        self._checkWritable()

        # Flush the stream.  We're mixing buffered I/O with lower-level I/O,
        # and a flush may be necessary to synch both views of the current
        # file state.
        self.flush()

        if pos is None:
            pos = self.tell()
        # XXX: Should seek() be used, instead of passing the position
        # XXX  directly to truncate?
        return self.raw.truncate(pos)

    ### Flush and close ###

    def flush(self):
        if self.closed:
            raise ValueError("flush of closed file")  # pyvm: C message
        self.raw.flush()

    def close(self):
        if self.raw is not None and not self.closed:
            try:
                # may raise BlockingIOError or BrokenPipeError etc
                self.flush()
            finally:
                self.raw.close()

    def detach(self):
        if self.raw is None:
            raise ValueError("raw stream already detached")
        self.flush()
        raw = self._raw
        self._raw = None
        return raw

    ### Inquiries ###

    def seekable(self):
        return self.raw.seekable()

    @property
    def raw(self):
        return self._raw

    @property
    def closed(self):
        return self.raw.closed

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    def __getstate__(self):
        raise TypeError(f"cannot pickle {self.__class__.__name__!r} object")

    def __repr__(self):
        # pyvm: the C type's tp_name ('_io.BufferedReader', a subclass's bare name)
        cls = self.__class__
        if cls.__module__ == __name__:
            clsname = "_io." + cls.__qualname__
        else:
            clsname = cls.__name__
        try:
            name = self.name
        except AttributeError:
            return "<{}>".format(clsname)
        else:
            return "<{} name={!r}>".format(clsname, name)

    ### Lower-level APIs ###

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()


class BytesIO(_BufferedIOBase):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    # pyvm: native (modules/memoryio/bytesio.rs, CPython's Modules/_io/bytesio.c):
    # instances carry the buffer as their built-in value, the methods are natives.
    _pyvm_c_type = True
    __new__ = staticmethod(_memoryio.bytesio___new__)
    __init__ = _memoryio.bytesio___init__
    getvalue = _memoryio.bytesio_getvalue
    getbuffer = _memoryio.bytesio_getbuffer
    read = _memoryio.bytesio_read
    read1 = _memoryio.bytesio_read1
    readline = _memoryio.bytesio_readline
    readlines = _memoryio.bytesio_readlines
    readinto = _memoryio.bytesio_readinto
    write = _memoryio.bytesio_write
    writelines = _memoryio.bytesio_writelines
    seek = _memoryio.bytesio_seek
    tell = _memoryio.bytesio_tell
    truncate = _memoryio.bytesio_truncate
    close = _memoryio.bytesio_close
    closed = property(_memoryio.bytesio_closed, doc="True if the file is closed.")
    readable = _memoryio.bytesio_readable
    writable = _memoryio.bytesio_writable
    seekable = _memoryio.bytesio_seekable
    flush = _memoryio.bytesio_flush
    isatty = _memoryio.bytesio_isatty
    __iter__ = _memoryio.bytesio___iter__
    __next__ = _memoryio.bytesio___next__
    __getstate__ = _memoryio.bytesio___getstate__
    __setstate__ = _memoryio.bytesio___setstate__
    __sizeof__ = _memoryio.bytesio___sizeof__
    __del__ = _memoryio.bytesio___del__


class BufferedReader(_BufferedIOMixin):

    """BufferedReader(raw[, buffer_size])

    A buffer for a readable, sequential BaseRawIO object.

    The constructor creates a BufferedReader for the given readable raw
    stream and buffer_size. If buffer_size is omitted, DEFAULT_BUFFER_SIZE
    is used.
    """

    _pyvm_c_type = True  # pyvm: named '_io.BufferedReader' in messages, as the C type

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        """Create a new buffered reader using the given readable raw IO object.
        """
        if not raw.readable():
            raise UnsupportedOperation("File or stream is not readable.")  # pyvm: C

        _BufferedIOMixin.__init__(self, raw)
        if buffer_size <= 0:
            # pyvm: as C, a failed __init__ leaves no stream to use
            self._raw = None
            self._reset_read_buf()
            raise ValueError("buffer size must be strictly positive")  # pyvm: C
        self.buffer_size = buffer_size
        self._reset_read_buf()
        self._read_lock = Lock()

    def readable(self):
        return self.raw.readable()

    def close(self):
        # pyvm: as the C BufferedReader, close() drops what was buffered (later
        # reads and peeks raise)
        try:
            _BufferedIOMixin.close(self)
        finally:
            if self._raw is not None and self.closed:
                self._reset_read_buf()

    def _reset_read_buf(self):
        self._read_buf = b""
        self._read_pos = 0

    # pyvm: read(n) and readline() of bytes already buffered are native
    # (_bufferedio.reader_read/reader_readline); anything else comes to these.
    read = _bufferedio.reader_read
    readline = _bufferedio.reader_readline

    def _read_slow(self, size=None):
        """Read size bytes.

        Returns exactly size bytes of data unless the underlying raw IO
        stream reaches EOF or if the call would block in non-blocking
        mode. If size is negative, read until EOF or until read() would
        block.
        """
        # pyvm: the C BufferedReader's checks and messages
        if self._raw is None:
            raise ValueError("raw stream has been detached")
        if size is not None:
            try:
                size_index = size.__index__
            except AttributeError:
                raise TypeError("argument should be integer or None, not '%s'"
                                % type(size).__name__) from None
            size = size_index()
            if size < -1:
                raise ValueError("read length must be non-negative or -1")
        if self.closed:
            raise ValueError("read of closed file")  # pyvm: C message
        with self._read_lock:
            return self._read_unlocked(size)

    def _pyvm_raw_read(self, n):
        """pyvm: one raw read of at most n bytes as the C BufferedReader does it
        (_bufferedreader_raw_read): raw.readinto() of a memoryview, its result
        checked; None when a non-blocking raw stream has nothing."""
        raw = self.raw
        if type(raw) is FileIO or type(raw) is BytesIO:
            # The classes' own read(n) is their readinto's result, unchecked.
            return raw.read(n)
        buf = bytearray(n)
        while True:
            try:
                res = raw.readinto(memoryview(buf))
                break
            except InterruptedError:
                continue
        if res is None:
            return None
        try:
            k = res.__index__()
        except AttributeError:
            cause = TypeError("'%s' object cannot be interpreted as an integer"
                              % type(res).__name__)
            raise OSError("raw readinto() failed") from cause
        if k < 0 or k > n:
            raise OSError("raw readinto() returned invalid length %d "
                          "(should have been between 0 and %d)" % (k, n))
        return bytes(buf[:k])

    def _read_unlocked(self, n=None):
        nodata_val = b""
        empty_values = (b"", None)
        buf = self._read_buf
        pos = self._read_pos

        # Special case for when the number of bytes to read is unspecified.
        if n is None or n == -1:
            self._reset_read_buf()
            if hasattr(self.raw, 'readall'):
                chunk = self.raw.readall()
                if chunk is None:
                    return buf[pos:] or None
                else:
                    return buf[pos:] + chunk
            chunks = [buf[pos:]]  # Strip the consumed bytes.
            current_size = 0
            while True:
                # Read until EOF or until read() would block.
                chunk = self.raw.read()
                if chunk in empty_values:
                    nodata_val = chunk
                    break
                current_size += len(chunk)
                chunks.append(chunk)
            return b"".join(chunks) or nodata_val

        # The number of bytes to read is specified, return at most n bytes.
        # pyvm: the C BufferedReader's _bufferedreader_read_generic: whole
        # blocks straight from the raw stream, then the rest through the buffer
        # one fill at a time, stopping as soon as n bytes are there; a raw read
        # of None (would block) ends it with what was read, or None for nothing.
        avail = len(buf) - pos
        if n <= avail:
            self._read_pos += n
            return buf[pos:pos+n]
        chunks = [buf[pos:]]
        written = avail
        remaining = n - avail
        self._reset_read_buf()
        size = self.buffer_size
        while remaining > 0:
            r = remaining - remaining % size
            if r == 0:
                break
            chunk = self._pyvm_raw_read(r)
            if not chunk:
                if chunk is None and not written:
                    return None
                return b"".join(chunks)
            chunks.append(chunk)
            remaining -= len(chunk)
            written += len(chunk)
        while remaining > 0 and len(self._read_buf) < size:
            got = self._pyvm_fill_buffer()
            if not got:
                if got is None and not written:
                    return None
                return b"".join(chunks)
            take = min(got, remaining)
            p = self._read_pos
            chunks.append(self._read_buf[p:p + take])
            self._read_pos = p + take
            written += take
            remaining -= take
        return b"".join(chunks)

    def _pyvm_fill_buffer(self):
        """pyvm: _bufferedreader_fill_buffer: one raw read into the free end of
        the buffer; its length, 0 at EOF, None when it would block."""
        chunk = self._pyvm_raw_read(self.buffer_size - len(self._read_buf))
        if chunk:
            self._read_buf += chunk
            return len(chunk)
        return None if chunk is None else 0

    # pyvm: C's BufferedReader has its own readline (its message when closed).
    def _readline_slow(self, size=-1):
        if self._raw is None:
            raise ValueError("raw stream has been detached")
        if self.closed:
            raise ValueError("readline of closed file")
        return super().readline(size)

    def peek(self, size=0):
        """Returns buffered bytes without advancing the position.

        The argument indicates a desired minimal number of bytes; we
        do at most one raw read to satisfy it.  We never return more
        than self.buffer_size.
        """
        if self.closed and len(self._read_buf) == self._read_pos:
            raise ValueError("peek of closed file")  # pyvm: the C check
        with self._read_lock:
            return self._peek_unlocked(size)

    def _peek_unlocked(self, n=0):
        # pyvm: the C BufferedReader's: what is buffered, else one fill of an
        # empty buffer (the size asked for is not used)
        have = len(self._read_buf) - self._read_pos
        if have > 0:
            return self._read_buf[self._read_pos:]
        self._reset_read_buf()
        self._pyvm_fill_buffer()
        return self._read_buf

    def read1(self, size=-1):
        """Reads up to size bytes, with at most one read() system call."""
        # pyvm: the C BufferedReader's: buffered bytes if there are any, else one
        # raw read of size bytes (nothing when it would block)
        if size < 0:
            size = self.buffer_size
        if self.closed and len(self._read_buf) == self._read_pos:
            raise ValueError("read of closed file")  # pyvm: the C check
        if size == 0:
            return b""
        with self._read_lock:
            have = len(self._read_buf) - self._read_pos
            if have > 0:
                return self._read_unlocked(min(size, have))
            self._reset_read_buf()
            return self._pyvm_raw_read(size) or b""

    # Implementing readinto() and readinto1() is not strictly necessary (we
    # could rely on the base class that provides an implementation in terms of
    # read() and read1()). We do it anyway to keep the _pyio implementation
    # similar to the io implementation (which implements the methods for
    # performance reasons).
    def _readinto(self, buf, read1):
        """Read data into *buf* with at most one system call."""
        # pyvm: the C BufferedReader's _buffered_readinto_generic
        buf = _writable(buf)
        if self.closed and len(self._read_buf) == self._read_pos:
            raise ValueError("readinto of closed file")
        length = len(buf)
        if length == 0:
            return 0
        with self._read_lock:
            have = len(self._read_buf) - self._read_pos
            pos = self._read_pos
            if have >= length:
                buf[:length] = self._read_buf[pos:pos + length]
                self._read_pos += length
                return length
            written = 0
            if have > 0:
                buf[:have] = self._read_buf[pos:]
                written = have
            self._reset_read_buf()
            remaining = length - written
            while remaining > 0:
                if remaining > self.buffer_size:
                    chunk = self._pyvm_raw_read(remaining)
                    n = None if chunk is None else len(chunk)
                    if n:
                        buf[written:written + n] = chunk
                elif not (read1 and written):
                    n = self._pyvm_fill_buffer()
                    if n:
                        n = min(n, remaining)
                        p = self._read_pos
                        buf[written:written + n] = self._read_buf[p:p + n]
                        self._read_pos = p + n
                        written += n
                        remaining -= n
                        continue
                else:
                    n = 0
                if n == 0 or (n is None and written > 0):
                    break
                if n is None:
                    return None
                written += n
                remaining -= n
                if read1:
                    break
        return written

    def tell(self):
        return _BufferedIOMixin.tell(self) - len(self._read_buf) + self._read_pos

    def seek(self, pos, whence=0):
        if whence not in valid_seek_flags:
            raise ValueError("invalid whence value")
        with self._read_lock:
            if whence == 1:
                pos -= len(self._read_buf) - self._read_pos
            pos = _BufferedIOMixin.seek(self, pos, whence)
            self._reset_read_buf()
            return pos

class BufferedWriter(_BufferedIOMixin):

    """A buffer for a writeable sequential RawIO object.

    The constructor creates a BufferedWriter for the given writeable raw
    stream. If the buffer_size is not given, it defaults to
    DEFAULT_BUFFER_SIZE.
    """

    _pyvm_c_type = True  # pyvm: named '_io.BufferedWriter' in messages, as the C type

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if not raw.writable():
            raise UnsupportedOperation("File or stream is not writable.")  # pyvm: C

        _BufferedIOMixin.__init__(self, raw)
        if buffer_size <= 0:
            self._raw = None  # pyvm: as C, a failed __init__ leaves no stream
            self._write_buf = bytearray()
            raise ValueError("buffer size must be strictly positive")  # pyvm: C
        self.buffer_size = buffer_size
        self._write_buf = bytearray()
        self._write_lock = Lock()

    def writable(self):
        return self.raw.writable()

    # pyvm: a write that fits behind the buffered bytes is native
    # (_bufferedio.writer_write); anything else comes to _write_slow.
    write = _bufferedio.writer_write

    def _write_slow(self, b):
        if isinstance(b, str):
            # pyvm: the C message
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._raw is None:
            raise ValueError("raw stream has been detached")  # pyvm: as C
        with self._write_lock:
            if self.closed:
                raise ValueError("write to closed file")
            # XXX we can implement some more tricks to try and avoid
            # partial writes
            if len(self._write_buf) > self.buffer_size:
                # We're full, so let's pre-flush the buffer.  (This may
                # raise BlockingIOError with characters_written == 0.)
                self._flush_unlocked()
            # pyvm: as the C BufferedWriter, data that does not fit behind what is
            # buffered flushes that first, so a raw stream sees the same writes.
            if self._write_buf and len(self._write_buf) + _nbytes(b) > self.buffer_size:
                self._flush_unlocked()
            before = len(self._write_buf)
            # pyvm: += takes any buffer's bytes (pyvm's bytearray.extend iterates an
            # array's items rather than its bytes)
            self._write_buf += b
            written = len(self._write_buf) - before
            if len(self._write_buf) > self.buffer_size:
                try:
                    self._flush_unlocked()
                except BlockingIOError as e:
                    if len(self._write_buf) > self.buffer_size:
                        # We've hit the buffer_size. We have to accept a partial
                        # write and cut back our buffer.
                        overage = len(self._write_buf) - self.buffer_size
                        written -= overage
                        self._write_buf = self._write_buf[:self.buffer_size]
                        raise BlockingIOError(e.errno, e.strerror, written)
            return written

    def truncate(self, pos=None):
        with self._write_lock:
            self._flush_unlocked()
            if pos is None:
                pos = self.raw.tell()
            return self.raw.truncate(pos)

    def flush(self):
        with self._write_lock:
            self._flush_unlocked()

    def _flush_unlocked(self):
        if self.closed:
            raise ValueError("flush of closed file")  # pyvm: C message
        while self._write_buf:
            try:
                n = self.raw.write(self._write_buf)
            except BlockingIOError:
                raise RuntimeError("self.raw should implement RawIOBase: it "
                                   "should not raise BlockingIOError")
            if n is None:
                raise BlockingIOError(
                    errno.EAGAIN,
                    "write could not complete without blocking", 0)
            if n > len(self._write_buf) or n < 0:
                raise OSError("write() returned incorrect number of bytes")
            del self._write_buf[:n]

    def tell(self):
        return _BufferedIOMixin.tell(self) + len(self._write_buf)

    def seek(self, pos, whence=0):
        if whence not in valid_seek_flags:
            raise ValueError("invalid whence value")
        with self._write_lock:
            self._flush_unlocked()
            return _BufferedIOMixin.seek(self, pos, whence)

    def close(self):
        with self._write_lock:
            if self.raw is None or self.closed:
                return
        # We have to release the lock and call self.flush() (which will
        # probably just re-take the lock) in case flush has been overridden in
        # a subclass or the user set self.flush to something. This is the same
        # behavior as the C implementation.
        try:
            # may raise BlockingIOError or BrokenPipeError etc
            self.flush()
        finally:
            with self._write_lock:
                self.raw.close()


class BufferedRWPair(_BufferedIOBase):

    """A buffered reader and writer object together.

    A buffered reader object and buffered writer object put together to
    form a sequential IO object that can read and write. This is typically
    used with a socket or two-way pipe.

    reader and writer are RawIOBase objects that are readable and
    writeable respectively. If the buffer_size is omitted it defaults to
    DEFAULT_BUFFER_SIZE.
    """

    # XXX The usefulness of this (compared to having two separate IO
    # objects) is questionable.

    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        """Constructor.

        The arguments are two RawIO instances.
        """
        if not reader.readable():
            raise UnsupportedOperation("File or stream is not readable.")  # pyvm: C

        if not writer.writable():
            raise UnsupportedOperation("File or stream is not writable.")  # pyvm: C

        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)

    def read(self, size=-1):
        if size is None:
            size = -1
        return self.reader.read(size)

    def readinto(self, b):
        return self.reader.readinto(b)

    def write(self, b):
        return self.writer.write(b)

    def peek(self, size=0):
        return self.reader.peek(size)

    def read1(self, size=-1):
        return self.reader.read1(size)

    def readinto1(self, b):
        return self.reader.readinto1(b)

    def readable(self):
        return self.reader.readable()

    def writable(self):
        return self.writer.writable()

    def flush(self):
        return self.writer.flush()

    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()

    def isatty(self):
        return self.reader.isatty() or self.writer.isatty()

    @property
    def closed(self):
        return self.writer.closed


class BufferedRandom(BufferedWriter, BufferedReader):

    """A buffered interface to random access streams.

    The constructor creates a reader and writer for a seekable stream,
    raw, given in the first argument. If the buffer_size is omitted it
    defaults to DEFAULT_BUFFER_SIZE.
    """

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        raw._checkSeekable()
        BufferedReader.__init__(self, raw, buffer_size)
        BufferedWriter.__init__(self, raw, buffer_size)

    def seek(self, pos, whence=0):
        if whence not in valid_seek_flags:
            raise ValueError("invalid whence value")
        self.flush()
        if self._read_buf:
            # Undo read ahead.
            with self._read_lock:
                self.raw.seek(self._read_pos - len(self._read_buf), 1)
        # First do the raw seek, then empty the read buffer, so that
        # if the raw seek fails, we don't lose buffered data forever.
        pos = self.raw.seek(pos, whence)
        with self._read_lock:
            self._reset_read_buf()
        if pos < 0:
            raise OSError("seek() returned invalid position")
        return pos

    def tell(self):
        if self._write_buf:
            return BufferedWriter.tell(self)
        else:
            return BufferedReader.tell(self)

    def truncate(self, pos=None):
        if pos is None:
            pos = self.tell()
        # Use seek to flush the read buffer.
        return BufferedWriter.truncate(self, pos)

    def _pyvm_check_read(self, what):
        # pyvm: the C check before flushing: closed, nothing buffered to read
        if self.closed and len(self._read_buf) == self._read_pos:
            raise ValueError("%s of closed file" % what)

    def close(self):
        # pyvm: as the C BufferedRandom, close() drops what was read ahead
        try:
            BufferedWriter.close(self)
        finally:
            if self._raw is not None and self.closed:
                self._reset_read_buf()

    def read(self, size=None):
        if size is None:
            size = -1
        self._pyvm_check_read("read")
        self.flush()
        return BufferedReader.read(self, size)

    def readinto(self, b):
        self._pyvm_check_read("readinto")
        self.flush()
        return BufferedReader.readinto(self, b)

    def peek(self, size=0):
        self._pyvm_check_read("peek")
        self.flush()
        return BufferedReader.peek(self, size)

    def read1(self, size=-1):
        self._pyvm_check_read("read")
        self.flush()
        return BufferedReader.read1(self, size)

    def readinto1(self, b):
        self._pyvm_check_read("readinto")
        self.flush()
        return BufferedReader.readinto1(self, b)

    def write(self, b):
        if self._read_buf:
            # Undo readahead
            with self._read_lock:
                self.raw.seek(self._read_pos - len(self._read_buf), 1)
                self._reset_read_buf()
        return BufferedWriter.write(self, b)


class FileIO(_RawIOBase):
    _fd = -1
    _created = False
    _readable = False
    _writable = False
    _appending = False
    _seekable = None
    _closefd = True

    def __init__(self, file, mode='r', closefd=True, opener=None):
        """Open a file.  The mode can be 'r' (default), 'w', 'x' or 'a' for reading,
        writing, exclusive creation or appending.  The file will be created if it
        doesn't exist when opened for writing or appending; it will be truncated
        when opened for writing.  A FileExistsError will be raised if it already
        exists when opened for creating. Opening a file for creating implies
        writing so this mode behaves in a similar way to 'w'. Add a '+' to the mode
        to allow simultaneous reading and writing. A custom opener can be used by
        passing a callable as *opener*. The underlying file descriptor for the file
        object is then obtained by calling opener with (*name*, *flags*).
        *opener* must return an open file descriptor (passing os.open as *opener*
        results in functionality similar to passing None).
        """
        if self._fd >= 0:
            # Have to close the existing file first.
            try:
                if self._closefd:
                    os.close(self._fd)
            finally:
                self._fd = -1

        if isinstance(file, float):
            raise TypeError('integer argument expected, got float')
        if isinstance(file, int):
            fd = file
            if fd < 0:
                raise ValueError('negative file descriptor')
        else:
            fd = -1

        if not isinstance(mode, str):
            raise TypeError('invalid mode: %s' % (mode,))
        if not set(mode) <= set('xrwab+'):
            raise ValueError('invalid mode: %s' % (mode,))
        if sum(c in 'rwax' for c in mode) != 1 or mode.count('+') > 1:
            raise ValueError('Must have exactly one of create/read/write/append '
                             'mode and at most one plus')

        if 'x' in mode:
            self._created = True
            self._writable = True
            flags = os.O_EXCL | os.O_CREAT
        elif 'r' in mode:
            self._readable = True
            flags = 0
        elif 'w' in mode:
            self._writable = True
            flags = os.O_CREAT | os.O_TRUNC
        elif 'a' in mode:
            self._writable = True
            self._appending = True
            flags = os.O_APPEND | os.O_CREAT

        if '+' in mode:
            self._readable = True
            self._writable = True

        if self._readable and self._writable:
            flags |= os.O_RDWR
        elif self._readable:
            flags |= os.O_RDONLY
        else:
            flags |= os.O_WRONLY

        flags |= getattr(os, 'O_BINARY', 0)

        noinherit_flag = (getattr(os, 'O_NOINHERIT', 0) or
                          getattr(os, 'O_CLOEXEC', 0))
        flags |= noinherit_flag

        owned_fd = None
        try:
            if fd < 0:
                if not closefd:
                    raise ValueError('Cannot use closefd=False with file name')
                if opener is None:
                    fd = os.open(file, flags, 0o666)
                else:
                    fd = opener(file, flags)
                    if not isinstance(fd, int):
                        raise TypeError('expected integer from opener')
                    if fd < 0:
                        raise ValueError('opener returned %d' % fd)  # pyvm: C message
                owned_fd = fd
                if not noinherit_flag:
                    os.set_inheritable(fd, False)

            self._closefd = closefd
            fdfstat = os.fstat(fd)
            try:
                if stat.S_ISDIR(fdfstat.st_mode):
                    raise IsADirectoryError(errno.EISDIR,
                                            os.strerror(errno.EISDIR), file)
            except AttributeError:
                # Ignore the AttributeError if stat.S_ISDIR or errno.EISDIR
                # don't exist.
                pass
            self._blksize = getattr(fdfstat, 'st_blksize', 0)
            if self._blksize <= 1:
                self._blksize = DEFAULT_BUFFER_SIZE

            if _setmode:
                # don't translate newlines (\r\n <=> \n)
                _setmode(fd, os.O_BINARY)

            self.name = file
            if self._appending:
                # For consistent behaviour, we explicitly seek to the
                # end of file (otherwise, it might be done only on the
                # first write()).
                try:
                    os.lseek(fd, 0, SEEK_END)
                except OSError as e:
                    if e.errno != errno.ESPIPE:
                        raise
        except:
            if owned_fd is not None:
                os.close(owned_fd)
            raise
        self._fd = fd

    def __del__(self):
        if self._fd >= 0 and self._closefd and not self.closed:
            import warnings
            warnings.warn('unclosed file %r' % (self,), ResourceWarning,
                          stacklevel=2, source=self)
            self.close()

    def __getstate__(self):
        raise TypeError(f"cannot pickle {self.__class__.__name__!r} object")

    def __repr__(self):
        class_name = '%s.%s' % (self.__class__.__module__,
                                self.__class__.__qualname__)
        if self.closed:
            return '<%s [closed]>' % class_name
        try:
            name = self.name
        except AttributeError:
            return ('<%s fd=%d mode=%r closefd=%r>' %
                    (class_name, self._fd, self.mode, self._closefd))
        else:
            return ('<%s name=%r mode=%r closefd=%r>' %
                    (class_name, name, self.mode, self._closefd))

    def _checkReadable(self):
        if not self._readable:
            raise UnsupportedOperation('File not open for reading')

    def _checkWritable(self, msg=None):
        if not self._writable:
            raise UnsupportedOperation('File not open for writing')

    def read(self, size=None):
        """Read at most size bytes, returned as bytes.

        Only makes one system call, so less data may be returned than requested
        In non-blocking mode, returns None if no data is available.
        Return an empty bytes object at EOF.
        """
        self._checkClosed()
        self._checkReadable()
        if size is None or size < 0:
            return self.readall()
        try:
            return os.read(self._fd, size)
        except BlockingIOError:
            return None

    def readall(self):
        """Read all data from the file, returned as bytes.

        In non-blocking mode, returns as much as is immediately available,
        or None if no data is available.  Return an empty bytes object at EOF.
        """
        self._checkClosed()
        self._checkReadable()
        bufsize = DEFAULT_BUFFER_SIZE
        try:
            pos = os.lseek(self._fd, 0, SEEK_CUR)
            end = os.fstat(self._fd).st_size
            if end >= pos:
                bufsize = end - pos + 1
        except OSError:
            pass

        result = bytearray()
        while True:
            if len(result) >= bufsize:
                bufsize = len(result)
                bufsize += max(bufsize, DEFAULT_BUFFER_SIZE)
            n = bufsize - len(result)
            try:
                chunk = os.read(self._fd, n)
            except BlockingIOError:
                if result:
                    break
                return None
            if not chunk: # reached the end of the file
                break
            result += chunk

        return bytes(result)

    def readinto(self, b):
        """Same as RawIOBase.readinto()."""
        m = _writable(b)  # pyvm: see the module doc
        data = self.read(len(m))
        n = len(data)
        m[:n] = data
        return n

    def write(self, b):
        """Write bytes b to file, return number written.

        Only makes one system call, so not all of the data may be written.
        The number of bytes actually written is returned.  In non-blocking mode,
        returns None if the write would block.
        """
        self._checkClosed()
        self._checkWritable()
        try:
            return os.write(self._fd, b)
        except BlockingIOError:
            return None

    def seek(self, pos, whence=SEEK_SET):
        """Move to new file position.

        Argument offset is a byte count.  Optional argument whence defaults to
        SEEK_SET or 0 (offset from start of file, offset should be >= 0); other values
        are SEEK_CUR or 1 (move relative to current position, positive or negative),
        and SEEK_END or 2 (move relative to end of file, usually negative, although
        many platforms allow seeking beyond the end of a file).

        Note that not all file objects are seekable.
        """
        if isinstance(pos, float):
            raise TypeError('an integer is required')
        self._checkClosed()
        return os.lseek(self._fd, pos, whence)

    def tell(self):
        """tell() -> int.  Current file position.

        Can raise OSError for non seekable files."""
        self._checkClosed()
        return os.lseek(self._fd, 0, SEEK_CUR)

    def truncate(self, size=None):
        """Truncate the file to at most size bytes.

        Size defaults to the current file position, as returned by tell().
        The current file position is changed to the value of size.
        """
        self._checkClosed()
        self._checkWritable()
        if size is None:
            size = self.tell()
        os.ftruncate(self._fd, size)
        return size

    def close(self):
        """Close the file.

        A closed file cannot be used for further I/O operations.  close() may be
        called more than once without error.
        """
        if not self.closed:
            try:
                if self._closefd:
                    os.close(self._fd)
            finally:
                super().close()

    def seekable(self):
        """True if file supports random-access."""
        self._checkClosed()
        if self._seekable is None:
            try:
                self.tell()
            except OSError:
                self._seekable = False
            else:
                self._seekable = True
        return self._seekable

    def readable(self):
        """True if file was opened in a read mode."""
        self._checkClosed()
        return self._readable

    def writable(self):
        """True if file was opened in a write mode."""
        self._checkClosed()
        return self._writable

    def fileno(self):
        """Return the underlying file descriptor (an integer)."""
        self._checkClosed()
        return self._fd

    def isatty(self):
        """True if the file is connected to a TTY device."""
        self._checkClosed()
        return os.isatty(self._fd)

    @property
    def closefd(self):
        """True if the file descriptor will be closed by close()."""
        return self._closefd

    @property
    def mode(self):
        """String giving the file mode"""
        if self._created:
            if self._readable:
                return 'xb+'
            else:
                return 'xb'
        elif self._appending:
            if self._readable:
                return 'ab+'
            else:
                return 'ab'
        elif self._readable:
            if self._writable:
                return 'rb+'
            else:
                return 'rb'
        else:
            return 'wb'


class _TextIOBase(_IOBase):

    """Base class for text I/O.

    This class provides a character and line based interface to stream
    I/O.
    """

    def read(self, size=-1):
        """Read at most size characters from stream, where size is an int.

        Read from underlying buffer until we have size characters or we hit EOF.
        If size is negative or omitted, read until EOF.

        Returns a string.
        """
        self._unsupported("read")

    def write(self, s):
        """Write string s to stream and returning an int."""
        self._unsupported("write")

    def truncate(self, pos=None):
        """Truncate size to pos, where pos is an int."""
        self._unsupported("truncate")

    def readline(self):
        """Read until newline or EOF.

        Returns an empty string if EOF is hit immediately.
        """
        self._unsupported("readline")

    def detach(self):
        """
        Separate the underlying buffer from the TextIOBase and return it.

        After the underlying buffer has been detached, the TextIO is in an
        unusable state.
        """
        self._unsupported("detach")

    @property
    def encoding(self):
        """Subclasses should override."""
        return None

    @property
    def newlines(self):
        """Line endings translated so far.

        Only line endings translated during reading are considered.

        Subclasses should override.
        """
        return None

    @property
    def errors(self):
        """Error setting of the decoder or encoder.

        Subclasses should override."""
        return None



def _pyvm_c_str(s):
    """pyvm: a str argument as C code takes it (PyUnicode_AsUTF8AndSize and the
    embedded-NUL check): UnicodeEncodeError for a surrogate, ValueError for NUL."""
    s.encode('utf-8')
    if '\0' in s:
        raise ValueError("embedded null character")


def _pyvm_clinic(name, params, required, args, kwargs, defaults):
    """pyvm: Argument Clinic's binding of positional-or-keyword parameters, with
    its messages (`_PyArg_UnpackKeywords`)."""
    n = len(args)
    total = n + len(kwargs)
    if total > len(params):
        raise TypeError("%s() takes at most %d %sargument%s (%d given)"
                        % (name, len(params), "" if n else "keyword ",
                           "" if len(params) == 1 else "s", total))
    out = list(args) + list(defaults[n:])
    for i in range(n, len(params)):
        if params[i] in kwargs:
            out[i] = kwargs[params[i]]
        elif i < required:
            raise TypeError("%s() missing required argument '%s' (pos %d)"
                            % (name, params[i], i + 1))
    for k in kwargs:
        if k not in params:
            raise TypeError("'%s' is an invalid keyword argument for %s()" % (k, name))
        if params.index(k) < n:
            raise TypeError("argument for %s() given by name ('%s') and position (%d)"
                            % (name, k, params.index(k) + 1))
    return out


class IncrementalNewlineDecoder(_IncrementalDecoder):
    r"""Codec used when reading a file in universal newlines mode.  It wraps
    another incremental decoder, translating \r\n and \r into \n.  It also
    records the types of newlines encountered.  When used with
    translate=False, it ensures that the newline sequence is returned in
    one piece.
    """
    def __init__(self, *args, **kwargs):
        # pyvm: Argument Clinic's binding and messages, as the C type's
        decoder, translate, errors = _pyvm_clinic(
            "IncrementalNewlineDecoder", ("decoder", "translate", "errors"), 2,
            args, kwargs, (None, None, 'strict'))
        if not isinstance(translate, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(translate).__name__)
        _IncrementalDecoder.__init__(self, errors=errors)
        self.translate = translate
        self.decoder = decoder
        self.seennl = 0
        self.pendingcr = False

    def decode(self, input, final=False):
        # decode input (with the eventual \r from a previous pass)
        if self.decoder is None:
            output = input
        else:
            output = self.decoder.decode(input, final=final)
        if not isinstance(output, str):  # pyvm: the C check
            raise TypeError("decoder should return a string result, not '%s'"
                            % type(output).__name__)
        if self.pendingcr and (output or final):
            output = "\r" + output
            self.pendingcr = False

        # retain last \r even when not translating data:
        # then readline() is sure to get \r\n in one pass
        if output.endswith("\r") and not final:
            output = output[:-1]
            self.pendingcr = True

        # Record which newlines are read
        crlf = output.count('\r\n')
        cr = output.count('\r') - crlf
        lf = output.count('\n') - crlf
        self.seennl |= (lf and self._LF) | (cr and self._CR) \
                    | (crlf and self._CRLF)

        if self.translate:
            if crlf:
                output = output.replace("\r\n", "\n")
            if cr:
                output = output.replace("\r", "\n")

        return output

    def getstate(self):
        if self.decoder is None:
            buf = b""
            flag = 0
        else:
            buf, flag = self.decoder.getstate()
        flag <<= 1
        if self.pendingcr:
            flag |= 1
        return buf, flag

    def setstate(self, state):
        buf, flag = state
        self.pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))

    def reset(self):
        self.seennl = 0
        self.pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()

    _LF = 1
    _CR = 2
    _CRLF = 4

    @property
    def newlines(self):
        return (None,
                "\n",
                "\r",
                ("\r", "\n"),
                "\r\n",
                ("\n", "\r\n"),
                ("\r", "\r\n"),
                ("\r", "\n", "\r\n")
               )[self.seennl]


class TextIOWrapper(_TextIOBase):

    r"""Character and line based layer over a BufferedIOBase object, buffer.

    encoding gives the name of the encoding that the stream will be
    decoded or encoded with. It defaults to locale.getencoding().

    errors determines the strictness of encoding and decoding (see the
    codecs.register) and defaults to "strict".

    newline can be None, '', '\n', '\r', or '\r\n'.  It controls the
    handling of line endings. If it is None, universal newlines is
    enabled.  With this enabled, on input, the lines endings '\n', '\r',
    or '\r\n' are translated to '\n' before being returned to the
    caller. Conversely, on output, '\n' is translated to the system
    default line separator, os.linesep. If newline is any other of its
    legal values, that newline becomes the newline when the file is read
    and it is returned untranslated. On output, '\n' is converted to the
    newline.

    If line_buffering is True, a call to flush is implied when a call to
    write contains a newline character.
    """

    _CHUNK_SIZE = 8192  # pyvm: as the C TextIOWrapper (_pyio has 2048)
    _pyvm_c_type = True  # pyvm: named '_io.TextIOWrapper' in messages, as the C type

    # Initialize _buffer as soon as possible since it's used by __del__()
    # which calls close()
    _buffer = None

    # The write_through argument has no effect here since this
    # implementation always writes through.  The argument is present only
    # so that the signature can match the signature of the C version.
    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        # pyvm: as the C TextIOWrapper, a failed __init__ leaves an uninitialized
        # object; then Argument Clinic's checks, in its order
        if self._buffer is not None:
            self._buffer = None
        self.__dict__.pop('_pyvm_tw', None)
        for v, what in ((encoding, 'encoding'), (errors, 'errors'), (newline, 'newline')):
            if v is not None:
                if not isinstance(v, str):
                    raise TypeError("TextIOWrapper() argument '%s' must be str or None, not %s"
                                    % (what, type(v).__name__))
                _pyvm_c_str(v)
        self._check_newline(newline)
        encoding = text_encoding(encoding)

        if encoding == "locale":
            encoding = self._get_locale_encoding()

        if not isinstance(encoding, str):
            raise ValueError("invalid encoding: %r" % encoding)

        if not _codecs_lookup(encoding)._is_text_encoding:
            msg = ("%r is not a text encoding; "
                   "use codecs.open() to handle arbitrary codecs")
            raise LookupError(msg % encoding)

        if errors is None:
            errors = "strict"
        else:
            if not isinstance(errors, str):
                raise ValueError("invalid errors: %r" % errors)
            if _CHECK_ERRORS:
                _codecs_lookup_error(errors)

        self._buffer = buffer
        # pyvm: as the C TextIOWrapper, which makes a decoder (encoder) only for a
        # readable (writable) buffer and names the missing one.
        self._pyvm_readable = buffer.readable()
        self._pyvm_writable = buffer.writable()
        self._decoded_chars = ''  # buffer for text returned from decoder
        self._decoded_chars_used = 0  # offset into _decoded_chars for read()
        self._snapshot = None  # info for reconstructing decoder state
        self._seekable = self._telling = self.buffer.seekable()
        self._has_read1 = hasattr(self.buffer, 'read1')
        self._configure(encoding, errors, newline,
                        line_buffering, write_through)

    def _check_newline(self, newline):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("illegal newline type: %r" % (type(newline),))
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % (newline,))  # pyvm: C message

    def _configure(self, encoding=None, errors=None, newline=None,
                   line_buffering=False, write_through=False):
        self._encoding = encoding
        self._errors = errors
        self._encoder = None
        self._decoder = None
        self._b2cratio = 0.0

        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writetranslate = newline != ''
        self._writenl = newline or os.linesep

        self._line_buffering = line_buffering
        self._write_through = write_through
        # pyvm: the native write state (_textio.textio_configure): the encoder, newline
        # and flushing of write(), and its pending bytes.
        try:
            codec_name = _codecs_lookup(encoding).name
        except LookupError:
            codec_name = None
        _textio_configure(self, codec_name)

        # don't write a BOM in the middle of a file
        if self._seekable and self.writable():
            position = self.buffer.tell()
            if position != 0:
                try:
                    self._get_encoder().setstate(0)
                except LookupError:
                    # Sometimes the encoder doesn't exist
                    pass

    # self._snapshot is either None, or a tuple (dec_flags, next_input)
    # where dec_flags is the second (integer) item of the decoder state
    # and next_input is the chunk of input bytes that comes next after the
    # snapshot point.  We use this to reconstruct decoder states in tell().

    # Naming convention:
    #   - "bytes_..." for integer variables that count input bytes
    #   - "chars_..." for integer variables that count decoded characters

    def __repr__(self):
        result = "<_io.TextIOWrapper"  # pyvm: the C type's, a subclass's too
        try:
            name = self.name
        except AttributeError:
            pass
        else:
            result += " name={0!r}".format(name)
        try:
            mode = self.mode
        except AttributeError:
            pass
        else:
            result += " mode={0!r}".format(mode)
        return result + " encoding={0!r}>".format(self.encoding)

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def buffer(self):
        return self._buffer

    def reconfigure(self, *,
                    encoding=None, errors=None, newline=Ellipsis,
                    line_buffering=None, write_through=None):
        """Reconfigure the text stream with new parameters.

        This also flushes the stream.
        """
        if (self._decoder is not None
                and (encoding is not None or errors is not None
                     or newline is not Ellipsis)):
            raise UnsupportedOperation(
                "It is not possible to set the encoding or newline of stream "
                "after the first read")

        # pyvm: the C checks (PyUnicode_AsUTF8 of each str given)
        for v in (encoding, errors):
            if v is not None:
                if not isinstance(v, str):
                    raise TypeError("bad argument type for built-in operation")
                v.encode('utf-8')
        if newline is not None and newline is not Ellipsis:
            if not isinstance(newline, str):
                raise TypeError("bad argument type for built-in operation")
            newline.encode('utf-8')
        if errors is None:
            if encoding is None:
                errors = self._errors
            else:
                errors = 'strict'
        elif not isinstance(errors, str):
            raise TypeError("invalid errors: %r" % errors)

        if encoding is None:
            encoding = self._encoding
        else:
            if not isinstance(encoding, str):
                raise TypeError("invalid encoding: %r" % encoding)
            if encoding == "locale":
                encoding = self._get_locale_encoding()
            # pyvm: C looks the codec up by the C string, which ends at a NUL
            encoding = encoding.split("\0", 1)[0]

        if newline is Ellipsis:
            newline = self._readnl
        self._check_newline(newline)

        if line_buffering is None:
            line_buffering = self.line_buffering
        if write_through is None:
            write_through = self.write_through

        self.flush()
        self._configure(encoding, errors, newline,
                        line_buffering, write_through)

    def seekable(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        return self._seekable

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def flush(self):
        # pyvm: the C TextIOWrapper's checks; the pending bytes of write() go first.
        self._pyvm_check_attached()
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        self._telling = self._seekable
        _textio_writeflush(self)
        self.buffer.flush()

    def close(self):
        if self.buffer is not None and not self.closed:
            try:
                self.flush()
            finally:
                self.buffer.close()
                self._set_decoded_chars('')  # pyvm: see __next__

    @property
    def closed(self):
        self._pyvm_check_attached()
        return self.buffer.closed

    def _pyvm_check_attached(self):
        # pyvm: the C TextIOWrapper's check after detach() (before __init__: its
        # uninitialized object, whose native write state _configure makes)
        if self._buffer is None:
            if '_pyvm_tw' not in self.__dict__:
                raise ValueError("I/O operation on uninitialized object")
            raise ValueError("underlying buffer has been detached")

    @property
    def name(self):
        return self.buffer.name

    def fileno(self):
        return self.buffer.fileno()

    def isatty(self):
        return self.buffer.isatty()

    # pyvm: write is native (_textio.textio_write, CPython's textiowrapper_write): the
    # encoded text collects in a pending buffer given to buffer.write() by chunks of
    # _CHUNK_SIZE bytes, and by flush(), read(), readline(), tell(), seek(), close().
    write = _textio_write

    def _pyvm_not_writable(self):
        raise UnsupportedOperation("not writable")

    def _get_encoder(self):
        make_encoder = _getincrementalencoder(self._encoding)
        self._encoder = make_encoder(self._errors)
        return self._encoder

    def _get_decoder(self):
        make_decoder = _getincrementaldecoder(self._encoding)
        decoder = make_decoder(self._errors)
        if self._readuniversal:
            decoder = IncrementalNewlineDecoder(decoder, self._readtranslate)
        self._decoder = decoder
        return decoder

    # The following three methods implement an ADT for _decoded_chars.
    # Text returned from the decoder is buffered here until the client
    # requests it by calling our read() or readline() method.
    def _set_decoded_chars(self, chars):
        """Set the _decoded_chars buffer."""
        self._decoded_chars = chars
        self._decoded_chars_used = 0

    def _get_decoded_chars(self, n=None):
        """Advance into the _decoded_chars buffer."""
        offset = self._decoded_chars_used
        if n is None:
            chars = self._decoded_chars[offset:]
        else:
            chars = self._decoded_chars[offset:offset + n]
        self._decoded_chars_used += len(chars)
        return chars

    def _get_locale_encoding(self):
        try:
            import locale
        except Exception:
            # pyvm: locale imports codecs, which needs _codecs; pyvm's locale is
            # UTF-8, which locale.getencoding() spells "UTF-8".
            # Importing locale may fail if Python is being built
            return "UTF-8"
        else:
            return locale.getencoding()

    def _rewind_decoded_chars(self, n):
        """Rewind the _decoded_chars buffer."""
        if self._decoded_chars_used < n:
            raise AssertionError("rewind decoded_chars out of bounds")
        self._decoded_chars_used -= n

    def _read_chunk(self):
        """
        Read and decode the next chunk of data from the BufferedReader.
        """

        # The return value is True unless EOF was reached.  The decoded
        # string is placed in self._decoded_chars (replacing its previous
        # value).  The entire input chunk is sent to the decoder, though
        # some of it may remain buffered in the decoder, yet to be
        # converted.

        if self._decoder is None:
            raise ValueError("no decoder")

        if self._telling:
            # To prepare for tell(), we need to snapshot a point in the
            # file where the decoder's input buffer is empty.

            dec_buffer, dec_flags = self._decoder.getstate()
            # Given this, we know there was a valid snapshot point
            # len(dec_buffer) bytes ago with decoder state (b'', dec_flags).

        # Read a chunk, decode it, and put the result in self._decoded_chars.
        if self._has_read1:
            input_chunk = self.buffer.read1(self._CHUNK_SIZE)
        else:
            input_chunk = self.buffer.read(self._CHUNK_SIZE)
        eof = not input_chunk
        decoded_chars = self._decoder.decode(input_chunk, eof)
        self._set_decoded_chars(decoded_chars)
        if decoded_chars:
            self._b2cratio = len(input_chunk) / len(self._decoded_chars)
        else:
            self._b2cratio = 0.0

        if self._telling:
            # At the snapshot point, len(dec_buffer) bytes before the read,
            # the next input to be decoded is dec_buffer + input_chunk.
            self._snapshot = (dec_flags, dec_buffer + input_chunk)

        return not eof

    def _pack_cookie(self, position, dec_flags=0,
                           bytes_to_feed=0, need_eof=False, chars_to_skip=0):
        # The meaning of a tell() cookie is: seek to position, set the
        # decoder flags to dec_flags, read bytes_to_feed bytes, feed them
        # into the decoder with need_eof as the EOF flag, then skip
        # chars_to_skip characters of the decoded result.  For most simple
        # decoders, tell() will often just give a byte offset in the file.
        # pyvm: the C TextIOWrapper's layout, its cookie_type struct read as an
        # unsigned little-endian number: a 64-bit position, three C ints
        # (dec_flags, bytes_to_feed, chars_to_skip) and a need_eof byte.
        return (position | ((dec_flags & 0xFFFFFFFF) << 64) |
                ((bytes_to_feed & 0xFFFFFFFF) << 96) |
                ((chars_to_skip & 0xFFFFFFFF) << 128) | bool(need_eof) << 160)

    def _unpack_cookie(self, bigint):
        if bigint >> 168:
            raise OverflowError("int too big to convert")
        def c_int(v):
            v &= 0xFFFFFFFF
            return v - (1 << 32) if v >> 31 else v
        position = bigint & 0xFFFFFFFFFFFFFFFF
        if position >> 63:
            position -= 1 << 64
        dec_flags = c_int(bigint >> 64)
        bytes_to_feed = c_int(bigint >> 96)
        chars_to_skip = c_int(bigint >> 128)
        need_eof = (bigint >> 160) & 0xFF
        return position, dec_flags, bytes_to_feed, bool(need_eof), chars_to_skip

    def tell(self):
        self._pyvm_check_attached()
        self._checkClosed()  # pyvm: the C TextIOWrapper checks first
        if not self._seekable:
            raise UnsupportedOperation("underlying stream is not seekable")
        if not self._telling:
            raise OSError("telling position disabled by next() call")
        self.flush()
        position = self.buffer.tell()
        decoder = self._decoder
        if decoder is None or self._snapshot is None:
            if self._decoded_chars:
                # This should never happen.
                raise AssertionError("pending decoded text")
            return position

        # Skip backward to the snapshot point (see _read_chunk).
        dec_flags, next_input = self._snapshot
        position -= len(next_input)

        # How many decoded characters have been used up since the snapshot?
        chars_to_skip = self._decoded_chars_used
        if chars_to_skip == 0:
            # We haven't moved from the snapshot point.
            return self._pack_cookie(position, dec_flags)

        # Starting from the snapshot position, we will walk the decoder
        # forward until it gives us enough decoded characters.
        saved_state = decoder.getstate()
        try:
            # Fast search for an acceptable start point, close to our
            # current pos.
            # Rationale: calling decoder.decode() has a large overhead
            # regardless of chunk size; we want the number of such calls to
            # be O(1) in most situations (common decoders, sensible input).
            # Actually, it will be exactly 1 for fixed-size codecs (all
            # 8-bit codecs, also UTF-16 and UTF-32).
            skip_bytes = int(self._b2cratio * chars_to_skip)
            skip_back = 1
            assert skip_bytes <= len(next_input)
            while skip_bytes > 0:
                decoder.setstate((b'', dec_flags))
                # Decode up to temptative start point
                n = len(decoder.decode(next_input[:skip_bytes]))
                if n <= chars_to_skip:
                    b, d = decoder.getstate()
                    if not b:
                        # Before pos and no bytes buffered in decoder => OK
                        dec_flags = d
                        chars_to_skip -= n
                        break
                    # Skip back by buffered amount and reset heuristic
                    skip_bytes -= len(b)
                    skip_back = 1
                else:
                    # We're too far ahead, skip back a bit
                    skip_bytes -= skip_back
                    skip_back = skip_back * 2
            else:
                skip_bytes = 0
                decoder.setstate((b'', dec_flags))

            # Note our initial start point.
            start_pos = position + skip_bytes
            start_flags = dec_flags
            if chars_to_skip == 0:
                # We haven't moved from the start point.
                return self._pack_cookie(start_pos, start_flags)

            # Feed the decoder one byte at a time.  As we go, note the
            # nearest "safe start point" before the current location
            # (a point where the decoder has nothing buffered, so seek()
            # can safely start from there and advance to this location).
            bytes_fed = 0
            need_eof = False
            # Chars decoded since `start_pos`
            chars_decoded = 0
            for i in range(skip_bytes, len(next_input)):
                bytes_fed += 1
                chars_decoded += len(decoder.decode(next_input[i:i+1]))
                dec_buffer, dec_flags = decoder.getstate()
                if not dec_buffer and chars_decoded <= chars_to_skip:
                    # Decoder buffer is empty, so this is a safe start point.
                    start_pos += bytes_fed
                    chars_to_skip -= chars_decoded
                    start_flags, bytes_fed, chars_decoded = dec_flags, 0, 0
                if chars_decoded >= chars_to_skip:
                    break
            else:
                # We didn't get enough decoded data; signal EOF to get more.
                chars_decoded += len(decoder.decode(b'', final=True))
                need_eof = True
                if chars_decoded < chars_to_skip:
                    raise OSError("can't reconstruct logical file position")

            # The returned cookie corresponds to the last safe start point.
            return self._pack_cookie(
                start_pos, start_flags, bytes_fed, need_eof, chars_to_skip)
        finally:
            decoder.setstate(saved_state)

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self.buffer.truncate(pos)

    def detach(self):
        self._pyvm_check_attached()  # pyvm: the C messages
        self.flush()
        buffer = self._buffer
        self._buffer = None
        self._set_decoded_chars('')  # pyvm: see __next__
        return buffer

    def seek(self, cookie, whence=0):
        def _reset_encoder(position):
            """Reset the encoder (merely useful for proper BOM handling)"""
            try:
                encoder = self._encoder or self._get_encoder()
            except LookupError:
                # Sometimes the encoder doesn't exist
                pass
            else:
                if position != 0:
                    encoder.setstate(0)
                else:
                    encoder.reset()

        # pyvm: the C checks, in its order (whence is a C int)
        if not isinstance(whence, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(whence).__name__)
        self._pyvm_check_attached()
        self._checkClosed()
        if not self._seekable:
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence == SEEK_CUR:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            # Seeking to the current position should attempt to
            # sync the underlying buffer with the current position.
            whence = 0
            cookie = self.tell()
        elif whence == SEEK_END:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            position = self.buffer.seek(0, whence)
            self._set_decoded_chars('')
            self._snapshot = None
            if self._decoder:
                self._decoder.reset()
            _reset_encoder(position)
            return position
        if whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if cookie < 0:
            raise ValueError("negative seek position %r" % (cookie,))
        self.flush()

        # The strategy of seek() is to go back to the safe start point
        # and replay the effect of read(chars_to_skip) from there.
        start_pos, dec_flags, bytes_to_feed, need_eof, chars_to_skip = \
            self._unpack_cookie(int(cookie))  # pyvm: PyNumber_Long, as C

        # Seek back to the safe start point.
        self.buffer.seek(start_pos)
        self._set_decoded_chars('')
        self._snapshot = None

        # Restore the decoder to its state from the safe start point.
        if cookie == 0 and self._decoder:
            self._decoder.reset()
        elif self._decoder or dec_flags or chars_to_skip:
            self._decoder = self._decoder or self._get_decoder()
            self._decoder.setstate((b'', dec_flags))
            self._snapshot = (dec_flags, b'')

        if chars_to_skip:
            # Just like _read_chunk, feed the decoder and save a snapshot.
            input_chunk = self.buffer.read(bytes_to_feed)
            self._set_decoded_chars(
                self._decoder.decode(input_chunk, need_eof))
            self._snapshot = (dec_flags, input_chunk)

            # Skip chars_to_skip of the decoded characters.
            if len(self._decoded_chars) < chars_to_skip:
                raise OSError("can't restore logical file position")
            self._decoded_chars_used = chars_to_skip

        _reset_encoder(cookie)
        return cookie

    def read(self, size=None):
        self._pyvm_check_attached()
        self._checkClosed()
        if not self._pyvm_readable:
            raise UnsupportedOperation("not readable")  # pyvm: as C
        if size is None:
            size = -1
        else:
            try:
                size_index = size.__index__
            except AttributeError:
                raise TypeError("argument should be integer or None, not '%s'"
                                % type(size).__name__)  # pyvm: C message
            else:
                size = size_index()
        _textio_writeflush(self)  # pyvm: as C
        decoder = self._decoder or self._get_decoder()
        if size < 0:
            # Read everything.
            result = (self._get_decoded_chars() +
                      decoder.decode(self.buffer.read(), final=True))
            self._set_decoded_chars('')
            self._snapshot = None
            return result
        else:
            # Keep reading chunks until we have size characters to return.
            eof = False
            result = self._get_decoded_chars(size)
            while len(result) < size and not eof:
                eof = not self._read_chunk()
                result += self._get_decoded_chars(size - len(result))
            return result

    # pyvm: __next__ is native (_textio.textio_next): a whole line that is already
    # decoded is returned without readline()'s generality (`for line in file` was 19
    # times slower than pyvm's native files without it), anything else comes here.
    # close() and detach() empty the decoded text, so a closed or detached wrapper
    # takes readline()'s checks.
    __next__ = _textio_next

    def __init_subclass__(cls, **kwargs):
        # pyvm: a subclass that overrides readline() iterates through it, as the C
        # TextIOWrapper and StringIO do for subclasses.
        super().__init_subclass__(**kwargs)
        if cls.readline is not TextIOWrapper.readline:
            cls.__next__ = TextIOWrapper._next_slow

    def _next_slow(self):
        self._telling = False
        line = self.readline()
        if not line:
            self._snapshot = None
            self._telling = self._seekable
            raise StopIteration
        return line

    # pyvm: readline is native (_textio.textio_readline) for a whole line already
    # decoded; anything else comes here.
    readline = _textio_readline

    def _readline_slow(self, size=-1):
        # pyvm: the C TextIOWrapper's checks and messages (a size is an index, as the
        # C "|n" argument)
        self._pyvm_check_attached()
        try:
            size_index = size.__index__
        except AttributeError:
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(size).__name__) from None
        else:
            size = size_index()
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if not self._pyvm_readable:
            raise UnsupportedOperation("not readable")
        _textio_writeflush(self)  # pyvm: as C

        # Grab all the decoded text (we will rewind any extra bits later).
        line = self._get_decoded_chars()

        start = 0
        # Make the decoder if it doesn't already exist.
        if not self._decoder:
            self._get_decoder()

        pos = endpos = None
        while True:
            if self._readtranslate:
                # Newlines are already translated, only search for \n
                pos = line.find('\n', start)
                if pos >= 0:
                    endpos = pos + 1
                    break
                else:
                    start = len(line)

            elif self._readuniversal:
                # Universal newline search. Find any of \r, \r\n, \n
                # The decoder ensures that \r\n are not split in two pieces

                # In C we'd look for these in parallel of course.
                nlpos = line.find("\n", start)
                crpos = line.find("\r", start)
                if crpos == -1:
                    if nlpos == -1:
                        # Nothing found
                        start = len(line)
                    else:
                        # Found \n
                        endpos = nlpos + 1
                        break
                elif nlpos == -1:
                    # Found lone \r
                    endpos = crpos + 1
                    break
                elif nlpos < crpos:
                    # Found \n
                    endpos = nlpos + 1
                    break
                elif nlpos == crpos + 1:
                    # Found \r\n
                    endpos = crpos + 2
                    break
                else:
                    # Found \r
                    endpos = crpos + 1
                    break
            else:
                # non-universal
                pos = line.find(self._readnl)
                if pos >= 0:
                    endpos = pos + len(self._readnl)
                    break

            if size >= 0 and len(line) >= size:
                endpos = size  # reached length size
                break

            # No line ending seen yet - get more data'
            while self._read_chunk():
                if self._decoded_chars:
                    break
            if self._decoded_chars:
                line += self._get_decoded_chars()
            else:
                # end of file
                self._set_decoded_chars('')
                self._snapshot = None
                return line

        if size >= 0 and endpos > size:
            endpos = size  # don't exceed size

        # Rewind _decoded_chars to just after the line ending we found.
        self._rewind_decoded_chars(len(line) - endpos)
        return line[:endpos]

    @property
    def newlines(self):
        # pyvm: a codec's own decoder (newline not None) has no newlines: None, as
        # the C TextIOWrapper answers.
        return getattr(self._decoder, 'newlines', None) if self._decoder else None


class StringIO(_TextIOBase):
    """Text I/O implementation using an in-memory buffer.

    The initial_value argument sets the value of object.  The newline
    argument is like the one of TextIOWrapper's constructor.
    """

    # pyvm: native (modules/memoryio/stringio.rs, CPython's Modules/_io/stringio.c):
    # instances carry the text as their built-in value, the methods are natives.
    _pyvm_c_type = True
    __new__ = staticmethod(_memoryio.stringio___new__)
    __init__ = _memoryio.stringio___init__
    getvalue = _memoryio.stringio_getvalue
    read = _memoryio.stringio_read
    readline = _memoryio.stringio_readline
    write = _memoryio.stringio_write
    seek = _memoryio.stringio_seek
    tell = _memoryio.stringio_tell
    truncate = _memoryio.stringio_truncate
    close = _memoryio.stringio_close
    closed = property(_memoryio.stringio_closed)
    line_buffering = property(_memoryio.stringio_line_buffering)
    newlines = property(_memoryio.stringio_newlines)
    readable = _memoryio.stringio_readable
    writable = _memoryio.stringio_writable
    seekable = _memoryio.stringio_seekable
    __next__ = _memoryio.stringio___next__
    __getstate__ = _memoryio.stringio___getstate__
    __setstate__ = _memoryio.stringio___setstate__
    __del__ = _memoryio.stringio___del__
