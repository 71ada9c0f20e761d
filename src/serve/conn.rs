//! Connections that fall silent are closed.
//!
//! hyper, as `axum::serve` runs it, has no timer: a connection that never sends a request, or stays open
//! between requests, is kept forever, and enough of them exhaust the process's file handles. Every
//! accepted connection is therefore wrapped in [`Idle`], which fails the connection once no byte went in
//! either direction for [`IDLE`]. The live-reload channel stays open because it sends a ping more often
//! than that ([`PING`]).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// How long a connection may stay silent: covers a browser opening a connection and sending its request
/// (milliseconds on one machine) and keeping it for the next one, as Apache's default does.
pub const IDLE: Duration = Duration::from_secs(5);

/// How often the live-reload channel pings, well within [`IDLE`].
pub const PING: Duration = Duration::from_secs(2);

/// A TCP listener whose connections time out when idle.
pub struct Listener {
    inner: TcpListener,
    idle: Duration,
}

impl Listener {
    pub fn new(inner: TcpListener, idle: Duration) -> Listener {
        Listener { inner, idle }
    }
}

impl axum::serve::Listener for Listener {
    type Io = Idle<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // axum's own accept loop, which waits out a lack of file handles instead of failing.
        let (io, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        (Idle::new(io, self.idle), addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// A stream that fails with `TimedOut` once nothing was read or written for `idle`.
pub struct Idle<T> {
    inner: T,
    idle: Duration,
    /// When the connection times out; moved on by every byte read or written.
    deadline: Instant,
    /// Wakes the connection at `deadline`; reset lazily, only when it is waited on.
    timer: Pin<Box<Sleep>>,
}

impl<T> Idle<T> {
    pub fn new(inner: T, idle: Duration) -> Idle<T> {
        let deadline = Instant::now() + idle;
        Idle {
            inner,
            idle,
            deadline,
            timer: Box::pin(tokio::time::sleep_until(deadline)),
        }
    }

    /// Passes on what the inner stream did: progress moves the deadline on; while it waits, a passed
    /// deadline fails the stream (and until then the timer wakes it).
    fn track<R>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<R>>) -> Poll<io::Result<R>> {
        if poll.is_ready() {
            self.deadline = Instant::now() + self.idle;
            return poll;
        }
        if self.timer.deadline() != self.deadline {
            let deadline = self.deadline;
            self.timer.as_mut().reset(deadline);
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "connection idle",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Idle<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_read(cx, buf);
        self.track(cx, poll)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Idle<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        // A client that stops reading what it asked for counts as silent too.
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.track(cx, poll)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(idle: &mut Idle<TcpStream>) -> io::Result<usize> {
        let mut buf = [0u8; 16];
        std::future::poll_fn(|cx| {
            let mut rb = ReadBuf::new(&mut buf);
            Pin::new(&mut *idle)
                .poll_read(cx, &mut rb)
                .map_ok(|()| rb.filled().len())
        })
        .await
    }

    #[tokio::test]
    async fn silence_times_out_and_traffic_keeps_it_open() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().await.unwrap();
        let mut idle = Idle::new(server, Duration::from_millis(300));
        // Traffic within the bound keeps the stream open...
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            std::io::Write::write_all(&mut &client, b"x").unwrap();
            assert!(read(&mut idle).await.unwrap() >= 1);
        }
        // ...silence ends it.
        let start = std::time::Instant::now();
        let err = read(&mut idle).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(2));
    }
}
