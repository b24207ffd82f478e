//! Integration tests of the socket layer: the example servers of `examples/` run as
//! child processes on free 127.0.0.1 ports and are driven by real `std::net`
//! clients; every wait is bounded, so a bug fails a test instead of hanging.
//! One test binary, one concern per module.

#[path = "sockets/support.rs"]
mod support;

#[path = "sockets/chat.rs"]
mod chat;
#[path = "sockets/echo.rs"]
mod echo;
#[path = "sockets/http.rs"]
mod http;
#[path = "sockets/idle.rs"]
mod idle;
#[path = "sockets/programs.rs"]
mod programs;
