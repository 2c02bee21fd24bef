//! The release server the bench runs against: a throw-away database in a temp dir, the demo
//! data, a free loopback port.

use std::ffi::OsStr;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{Result, http};

/// The server with a throw-away database in a temp dir; killed when dropped, even on error.
pub struct Server {
    child: Child,
    pub dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: plain kill(2) on our own child; SIGTERM lets it shut down cleanly.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }
}

/// `dist` is the front ends' folder to serve; without it the server serves the API alone.
pub fn start_server(binary: &Path, dist: Option<&Path>) -> Result<(Server, SocketAddr)> {
    let addr = free_port()?;
    let dir = std::env::temp_dir().join(format!("portico-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
    let child = Command::new(binary)
        .arg("--bind")
        .arg(addr.to_string())
        .arg("--database-url")
        .arg(format!("sqlite://{}", dir.join("portico.db").display()))
        .arg("--demo")
        // The webhook load run's receiver listens on loopback.
        .arg("--outbound-allow-private")
        .args(
            dist.map(|d| [OsStr::new("--dist"), d.as_os_str()])
                .into_iter()
                .flatten(),
        )
        // A temp working directory: the server finds no ./dist and touches nothing in the repo.
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let mut server = Server { child, dir };
    let alive = |s: &mut Server| matches!(s.child.try_wait(), Ok(None));
    if let Err(e) = http::wait_healthy(addr, Duration::from_secs(120), || alive(&mut server)) {
        return Err(format!("{e}\n--- server log ---\n{}", server.log()));
    }
    Ok((server, addr))
}

/// A port the kernel says is free now; the server binds it a moment later.
pub fn free_port() -> Result<SocketAddr> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free loopback port: {e}"))
}
