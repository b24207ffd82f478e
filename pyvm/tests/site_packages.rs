//! A venv-like folder: pyvm run through `ENV/bin/pyvm` (a link) where `ENV/pyvenv.cfg`
//! exists puts `ENV/lib/python3.11/site-packages` on `sys.path` after the standard
//! library, with the folders its `.pth` files name, so packages `pip` installed
//! there import; `-S` leaves them out. (The golden scripts run pyvm from
//! `target/`, which is no such folder.)

use std::path::Path;
use std::process::Command;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_venv_site_packages_folder_is_on_sys_path() {
    let root = std::env::temp_dir().join(format!("pyvm-venv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let env = root.join("env");
    let site = env.join("lib/python3.11/site-packages");
    let files = [
        (
            env.join("pyvenv.cfg"),
            "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n",
        ),
        (site.join("greeting/__init__.py"), "from .words import hello\n"),
        (
            site.join("greeting/words.py"),
            "def hello(n):\n    return 'hello ' + n\n",
        ),
        (root.join("src/localpkg.py"), "WHERE = 'from a .pth line'\n"),
        // A comment, an import line (not run), a folder, a missing folder.
        (
            site.join("local.pth"),
            "# a comment\nimport os; os.environ['NEVER'] = 'run'\n../../../../src\nno-such-folder\n",
        ),
    ];
    for (path, text) in &files {
        write(path, text);
    }
    std::fs::create_dir_all(env.join("bin")).expect("mkdir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_pyvm"), env.join("bin/pyvm")).expect("link");
    let program = "import sys, greeting, localpkg, os\n\
                   site = [p for p in sys.path if 'site-packages' in p or p.endswith('/src')]\n\
                   print(greeting.hello('env'), localpkg.WHERE, 'NEVER' in os.environ)\n\
                   print([p.split('/env/')[-1].split('/pyvm-venv-')[-1] for p in site])\n\
                   print(sys.path.index(site[0]) > sys.path.index('<frozen>'))\n";
    let run = |extra: &[&str]| {
        Command::new(env.join("bin/pyvm"))
            .args(extra)
            .args(["-c", program])
            .output()
            .expect("pyvm runs")
    };
    let with_site = run(&[]);
    let without = run(&["-S"]);
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(String::from_utf8_lossy(&with_site.stderr), "");
    let out = String::from_utf8_lossy(&with_site.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "hello env from a .pth line False");
    assert!(
        lines[1].starts_with("['lib/python3.11/site-packages', "),
        "{out}"
    );
    assert!(lines[1].ends_with("/src']"), "{out}");
    assert_eq!(lines[2], "True");
    assert!(
        String::from_utf8_lossy(&without.stderr)
            .contains("ModuleNotFoundError: No module named 'greeting'"),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
}
