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
