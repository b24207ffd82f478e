//! Finding CPython 3.11's standard library, which pyvm runs as its own (its `.py`
//! files; the C modules they need are pyvm's native modules). `sys.path` gets it after
//! pyvm's built-in and frozen modules.
//!
//! Where it is, in order: `PYVM_STDLIB`; the folder remembered from an earlier run
//! (`$XDG_CACHE_HOME/pyvm/stdlib`, else `~/.cache/pyvm/stdlib`); an installed
//! `python3.11` or `python3` (when it is 3.11) asked where its library is — a child
//! process, once: the answer is remembered; and last the usual prefixes
//! (`/usr/lib/python3.11`, `/usr/local/lib/python3.11`, pyenv's 3.11 versions). A
//! folder counts when it holds `os.py` and `_collections_abc.py` and is named
//! `python3.11` (or `Lib`, a source checkout's).
//!
//! With none found, a `ModuleNotFoundError` for a standard-library name says what to
//! install ([`hint`]).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The standard library folder, found once per process.
pub fn path() -> Option<&'static Path> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND.get_or_init(find).as_deref()
}

/// Is `dir` a CPython 3.11 standard library?
fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file()
        && dir.join("_collections_abc.py").is_file()
        && dir
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == "python3.11" || n == "Lib" || n == "lib")
}

fn cache_file() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    Some(base.join("pyvm").join("stdlib"))
}

fn remember(dir: &Path) {
    if let Some(f) = cache_file() {
        if let Some(parent) = f.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        // Written aside and renamed: programs starting at once never read half a path.
        let tmp = f.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, dir.as_os_str().as_encoded_bytes()).is_ok() {
            let _ = std::fs::rename(&tmp, &f);
        }
    }
}

fn find() -> Option<PathBuf> {
    if let Some(v) = std::env::var_os("PYVM_STDLIB") {
        let dir = PathBuf::from(&v);
        if dir.join("os.py").is_file() {
            return Some(dir);
        }
        // Set but wrong: say so once, and go on without it (as if unset, no guessing).
        eprintln!(
            "pyvm: PYVM_STDLIB={} holds no Python standard library (no os.py there); running without it",
            dir.display()
        );
        return None;
    }
    if let Some(dir) = cache_file()
        .and_then(|f| std::fs::read(f).ok())
        .map(|b| PathBuf::from(String::from_utf8_lossy(&b).trim()))
        .filter(|d| is_stdlib(d))
    {
        return Some(dir);
    }
    let found = ask_python()
        .filter(|d| is_stdlib(d))
        .or_else(|| usual_places().into_iter().find(|d| is_stdlib(d)))?;
    remember(&found);
    Some(found)
}

fn usual_places() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/lib/python3.11",
        "/usr/local/lib/python3.11",
        "/opt/python3.11/lib/python3.11",
        "/usr/lib64/python3.11",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect();
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(versions) = pyenv.map(|p| p.join("versions")) {
        if let Ok(entries) = std::fs::read_dir(versions) {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with("3.11"))
                .map(|e| e.path().join("lib").join("python3.11"))
                .collect();
            found.sort();
            dirs.extend(found.into_iter().rev());
        }
    }
    dirs
}

/// Ask an installed CPython 3.11 where its standard library is.
fn ask_python() -> Option<PathBuf> {
    const ASK: &str = "import sys, sysconfig\nif sys.version_info[:2] == (3, 11): print(sysconfig.get_paths()['stdlib'])";
    ["python3.11", "python3"].into_iter().find_map(|exe| {
        let out = std::process::Command::new(exe)
            .args(["-I", "-S", "-c", ASK])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        dir.join("os.py").is_file().then_some(dir)
    })
}

/// What to add to "No module named 'x'" when `x` belongs to the standard library and
/// none was found.
pub fn hint(name: &str) -> Option<String> {
    let top = name.split('.').next().unwrap_or(name);
    if path().is_some() || !NAMES.contains(&top) {
        return None;
    }
    Some(
        " (it is part of CPython 3.11's standard library, which pyvm runs, and none was found: install it — Debian and Ubuntu: apt install libpython3.11-stdlib — or set PYVM_STDLIB to its folder)"
            .to_owned(),
    )
}

/// `sys.stdlib_module_names` of CPython 3.11 (the pure-Python ones and the C ones).
pub static NAMES: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bootsubprocess",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_crypt",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_msi",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydecimal",
    "_pyio",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_symtable",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_zoneinfo",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];
