//! `examples/chat_server.py`: clients join, talk, and leave (politely, by a reset,
//! or by a half-close); everyone else hears exactly what was said.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use crate::support::*;

struct Client {
    r: BufReader<TcpStream>,
    w: TcpStream,
}

impl Client {
    fn join(port: u16, name: &str) -> (Client, String) {
        let w = connect(port);
        let mut r = BufReader::new(w.try_clone().expect("clone"));
        let mut prompt = [0u8; 6];
        std::io::Read::read_exact(&mut r, &mut prompt).expect("read the prompt");
        assert_eq!(&prompt, b"name? ");
        let mut c = Client { r, w };
        c.say(name);
        let welcome = c.line();
        (c, welcome)
    }

    fn say(&mut self, text: &str) {
        self.w
            .write_all(format!("{text}\n").as_bytes())
            .expect("write");
    }

    fn line(&mut self) -> String {
        let mut l = String::new();
        self.r.read_line(&mut l).expect("read a line");
        l
    }

    /// Leave with a reset (SO_LINGER 0): the reader's descriptor goes first, or
    /// the socket would outlive the close.
    /// The next line as bytes (a line need not be UTF-8).
    fn line_bytes(&mut self) -> Vec<u8> {
        let mut l = Vec::new();
        self.r.read_until(b'\n', &mut l).expect("read a line");
        l
    }

    fn reset(self) {
        drop(self.r);
        reset(self.w);
    }

    fn assert_quiet(&mut self) {
        assert!(self.r.buffer().is_empty(), "unread: {:?}", self.r.buffer());
        assert_silent(self.r.get_mut(), Duration::from_millis(50));
    }
}

#[test]
fn two_clients_talk_and_leave() {
    let mut server = Server::start("chat_server.py");
    let port = server.port;
    let (mut alice, welcome) = Client::join(port, "alice");
    assert_eq!(welcome, "welcome alice, 1 here\n");
    let (mut bob, welcome) = Client::join(port, "bob");
    assert_eq!(welcome, "welcome bob, 2 here\n");
    assert_eq!(alice.line(), "* bob joined\n");

    alice.say("hi bob");
    assert_eq!(bob.line(), "alice: hi bob\n");
    bob.say("hello alice\r");
    assert_eq!(alice.line(), "bob: hello alice\n");
    // Nobody hears their own words.
    alice.assert_quiet();
    bob.assert_quiet();

    // A burst: every line arrives, in order.
    for i in 0..500 {
        alice.say(&format!("line {i}"));
    }
    for i in 0..500 {
        assert_eq!(bob.line(), format!("alice: line {i}\n"));
    }

    // A taken name is refused, and the refused client changes nothing.
    let (mut again, refusal) = Client::join(port, "alice");
    assert_eq!(refusal, "name taken or empty, bye\n");
    assert_eq!(again.line(), "", "then end of stream");
    let (mut empty, refusal) = Client::join(port, "");
    assert_eq!(refusal, "name taken or empty, bye\n");
    assert_eq!(empty.line(), "");

    // Bob leaves politely: alice hears it; the room has one person again.
    bob.w.shutdown(Shutdown::Write).expect("half-close");
    assert_eq!(alice.line(), "* bob left\n");
    assert_eq!(bob.line(), "", "bob's connection ends");
    let (mut carol, welcome) = Client::join(port, "carol");
    assert_eq!(welcome, "welcome carol, 2 here\n");
    assert_eq!(alice.line(), "* carol joined\n");

    // Carol resets: alice hears that she left, and can talk to a newcomer.
    carol.say("about to vanish");
    assert_eq!(alice.line(), "carol: about to vanish\n");
    carol.reset();
    assert_eq!(alice.line(), "* carol left\n");
    let (mut dave, welcome) = Client::join(port, "dave");
    assert_eq!(welcome, "welcome dave, 2 here\n");
    assert_eq!(alice.line(), "* dave joined\n");
    dave.say("hi");
    assert_eq!(alice.line(), "dave: hi\n");
    drop(dave);
    assert_eq!(alice.line(), "* dave left\n");
    server.assert_alive();
}

#[test]
fn broadcast_reaches_every_client() {
    let mut server = Server::start("chat_server.py");
    let port = server.port;
    let mut clients = Vec::new();
    for i in 0..20 {
        let (c, welcome) = Client::join(port, &format!("c{i}"));
        assert_eq!(welcome, format!("welcome c{i}, {} here\n", i + 1));
        clients.push(c);
        for (j, earlier) in clients.iter_mut().enumerate().take(i) {
            assert_eq!(earlier.line(), format!("* c{i} joined\n"), "client {j}");
        }
    }
    clients[7].say("hello everyone");
    for (j, c) in clients.iter_mut().enumerate() {
        if j != 7 {
            assert_eq!(c.line(), "c7: hello everyone\n", "client {j}");
        }
    }
    // A reader that stops reading holds up nobody's view of order: everyone else
    // still gets every line, and the slow one gets them all later.
    for k in 0..200 {
        clients[0].say(&format!("msg {k}"));
    }
    for (j, c) in clients.iter_mut().enumerate().skip(1) {
        for k in 0..200 {
            assert_eq!(c.line(), format!("c0: msg {k}\n"), "client {j}");
        }
    }
    server.assert_alive();
}

#[test]
fn slow_malformed_and_huge_lines_reach_everyone_exactly() {
    let mut server = Server::start("chat_server.py");
    let port = server.port;
    let (mut ear, _) = Client::join(port, "ear");
    // A name that is not UTF-8 is decoded with replacement characters.
    let (mut odd, welcome) = Client::join(port, "x\u{ff}y");
    assert_eq!(welcome, "welcome x\u{ff}y, 2 here\n");
    assert_eq!(ear.line(), "* x\u{ff}y joined\n");
    odd.w
        .write_all(b"\xff\xfe\x00 raw bytes\r\n")
        .expect("write");
    assert_eq!(ear.line_bytes(), b"x\xc3\xbfy: \xff\xfe\x00 raw bytes\n");

    // A slow talker: one byte at a time, the line arrives whole and once.
    let (mut slow, _) = Client::join(port, "slow");
    assert_eq!(ear.line(), "* slow joined\n");
    assert_eq!(odd.line(), "* slow joined\n");
    for b in b"one byte at a time\n" {
        slow.w.write_all(&[*b]).expect("write a byte");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(ear.line(), "slow: one byte at a time\n");
    assert_eq!(odd.line(), "slow: one byte at a time\n");

    // A 1 MB line, written by a thread while the others read it: every byte.
    let huge = pattern(1 << 20, 9);
    let mut w = slow.w.try_clone().expect("clone");
    let line = [huge.as_slice(), b"\n"].concat();
    let writer = std::thread::spawn(move || w.write_all(&line).expect("write the huge line"));
    let want = [b"slow: ".as_slice(), &huge, b"\n"].concat();
    assert_same(&ear.line_bytes(), &want, "huge line to ear");
    assert_same(&odd.line_bytes(), &want, "huge line to odd");
    writer.join().expect("writer");

    // Lines without a newline, then a reset: the partial line is lost with the
    // talker, and everyone hears that it left.
    slow.w.write_all(b"never finished").expect("write");
    slow.reset();
    assert_eq!(ear.line(), "* slow left\n");
    assert_eq!(odd.line(), "* slow left\n");
    ear.assert_quiet();
    odd.assert_quiet();
    server.assert_alive();
}

#[test]
fn talkers_joining_and_resetting_concurrently_leave_a_consistent_room() {
    let mut server = Server::start("chat_server.py");
    let port = server.port;
    let (mut ear, _) = Client::join(port, "ear");
    let mut heard: Vec<Vec<String>> = vec![Vec::new(); 20];
    // Twenty talkers at once: each joins, says three lines, and leaves (half of
    // them by a reset). Whatever order they interleave in, ear hears each
    // talker's join, its three lines in order, then its leave.
    std::thread::scope(|scope| {
        let mut heard_all = Vec::new();
        for t in 0..20 {
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            heard_all.push(tx);
            scope.spawn(move || {
                let (mut c, welcome) = Client::join(port, &format!("t{t}"));
                assert!(welcome.starts_with(&format!("welcome t{t}, ")), "{welcome}");
                for k in 0..3 {
                    c.say(&format!("line {k} from t{t}"));
                }
                if t % 2 == 0 {
                    c.w.shutdown(Shutdown::Write).expect("half-close");
                    // Drain what the room said until our connection ends.
                    while !c.line_bytes().is_empty() {}
                } else {
                    // A reset may discard what the server has not read yet:
                    // reset once ear has heard all three lines.
                    rx.recv_timeout(IO_LIMIT).expect("ear hears t's lines");
                    c.reset();
                }
            });
        }
        let mut left = 0;
        while left < 20 {
            let l = ear.line();
            let who = l.trim_start_matches("* ").trim_start_matches('t');
            let end = who.find(|c: char| !c.is_ascii_digit()).expect("a talker");
            let t: usize = who[..end].parse().expect("talker number");
            if l.ends_with(" left\n") {
                left += 1;
            }
            if l.starts_with(&format!("t{t}: line 2 ")) {
                let _ = heard_all[t].send(());
            }
            heard[t].push(l);
        }
    });
    for (t, lines) in heard.iter().enumerate() {
        let mut want = vec![format!("* t{t} joined\n")];
        want.extend((0..3).map(|k| format!("t{t}: line {k} from t{t}\n")));
        want.push(format!("* t{t} left\n"));
        assert_eq!(lines, &want, "talker {t}");
    }
    ear.assert_quiet();
    server.assert_alive();
}
