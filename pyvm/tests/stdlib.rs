//! Finding CPython's standard library (`modules/stdlib.rs`): `PYVM_STDLIB` puts a
//! folder on `sys.path` after the frozen library; a wrong one is reported and left
//! out, and then a standard-library import failing says what to install; found
//! without help, the folder is remembered in the cache folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn temp(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("pyvm-stdlib-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("mkdir");
    root
}

fn run(dir: &Path, script: &str, env: &[(&str, &str)]) -> Output {
    write(&dir.join("main.py"), script);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pyvm"));
    cmd.arg("main.py").current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("pyvm runs")
}

#[test]
fn pyvm_stdlib_goes_after_the_frozen_library() {
    let root = temp("env");
    let lib = root.join("lib").join("python3.11");
    write(&lib.join("os.py"), "");
    write(&lib.join("_collections_abc.py"), "");
    write(
        &lib.join("stdlib_probe.py"),
        "WHERE = 'the standard library'\n",
    );
    let out = run(
        &root,
        "import sys, stdlib_probe\nprint(sys.path[-2:] == ['<frozen>', LIB], stdlib_probe.WHERE)\n"
            .replace("LIB", &format!("{:?}", lib.display().to_string()))
            .as_str(),
        &[("PYVM_STDLIB", lib.to_str().expect("utf-8"))],
    );
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True the standard library\n"
    );
}

#[test]
fn a_wrong_pyvm_stdlib_is_reported_and_imports_say_what_to_install() {
    let root = temp("wrong");
    let out = run(
        &root,
        "import sys\nprint(sys.path[-1])\ntry:\n    import textwrap\nexcept ModuleNotFoundError as e:\n    print(e.name, 'libpython3.11-stdlib' in str(e), 'PYVM_STDLIB' in str(e))\ntry:\n    import not_a_stdlib_module\nexcept ModuleNotFoundError as e:\n    print(e)\n",
        &[("PYVM_STDLIB", "/nonexistent/pyvm-stdlib")],
    );
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "pyvm: PYVM_STDLIB=/nonexistent/pyvm-stdlib holds no Python standard library (no os.py there); running without it\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "<frozen>\ntextwrap True True\nNo module named 'not_a_stdlib_module'\n"
    );
}

#[test]
fn a_found_library_is_remembered() {
    let root = temp("cache");
    let cache = root.join("cache");
    let out = run(
        &root,
        "import sys\nprint(sys.path[-1])\n",
        &[("XDG_CACHE_HOME", cache.to_str().expect("utf-8"))],
    );
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let remembered = std::fs::read_to_string(cache.join("pyvm").join("stdlib")).ok();
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    if printed == "<frozen>" {
        // No CPython 3.11 on this machine: nothing found, nothing remembered.
        assert_eq!(remembered, None);
        return;
    }
    assert!(Path::new(&printed).join("os.py").is_file(), "{printed}");
    assert_eq!(remembered.as_deref(), Some(printed.as_str()));
}

#[test]
fn without_a_library_os_is_pyvms_own_and_works() {
    let root = temp("noos");
    let script = "import os, posix\n\
        print(os.__name__, type(os.environ).__name__, hasattr(os, '__file__'))\n\
        fd = os.open('f.txt', os.O_CREAT | os.O_WRONLY, 0o644)\n\
        os.write(fd, b'data')\n\
        os.close(fd)\n\
        print(os.stat('f.txt').st_size, sorted(os.listdir('.')), os.path.join('a', 'b'))\n\
        print(os.getcwd() == posix.getcwd(), os.getenv('PYVM_PROBE'))\n\
        try:\n    os.rename('nope', 'other')\nexcept FileNotFoundError as e:\n    print(e)\n";
    let out = run(
        &root,
        script,
        &[
            ("PYVM_STDLIB", "/nonexistent/pyvm-stdlib"),
            ("PYVM_PROBE", "set"),
        ],
    );
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "os dict False\n4 ['f.txt', 'main.py'] a/b\nTrue set\n\
         [Errno 2] No such file or directory: 'nope' -> 'other'\n"
    );
}

#[test]
fn with_a_library_os_is_its_os_py_on_posix() {
    let root = temp("libos");
    let out = run(
        &root,
        "import os, posix\nprint(os.__file__.endswith('os.py'), os.stat is posix.stat, type(os.environ).__name__, os.path.__name__)\n",
        &[],
    );
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True True _Environ posixpath\n"
    );
}
