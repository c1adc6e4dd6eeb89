//! The desk's resident memory on the benchmark database (target: under 100 MB): the real
//! binary in a pseudo-terminal, signed in, paged through the queue, a ticket opened, the board
//! and a search shown; then VmRSS and VmHWM are read from /proc. Prints one line and writes
//! target/bench-data/memory.json for scripts/bench.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn wait_for(parser: &Arc<Mutex<vt100::Parser>>, text: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if parser.lock().unwrap().screen().contents().contains(text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "“{text}” did not appear:\n{}",
        parser.lock().unwrap().screen().contents()
    );
}

fn status_kb(pid: u32, key: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    // `cargo bench` passes flags such as --bench; a smoke run (--test) still measures.
    let n = common::tickets();
    let path = common::bench_db(n);
    let home = std::env::temp_dir().join(format!("suqiu-mem-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 45,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_suqiu"));
    cmd.args(["--db", path.to_str().unwrap()]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", &home);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let pid = child.process_id().unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(45, 160, 0)));
    let p = parser.clone();
    std::thread::spawn(move || {
        let _master = pair.master;
        let mut buf = [0u8; 8192];
        while let Ok(k) = reader.read(&mut buf) {
            if k == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..k]);
        }
    });
    let mut send = |s: &str| {
        writer.write_all(s.as_bytes()).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    };
    wait_for(&parser, "工号");
    send("1002\r");
    send("200200\r");
    wait_for(&parser, "孙丽华");
    send("v");
    send("v");
    for _ in 0..30 {
        send("\x1b[6~");
    }
    send("\r");
    send("\x1b");
    send("2");
    send("1");
    send("/");
    send("物业\r");
    wait_for(&parser, "搜索:“物业”");
    std::thread::sleep(Duration::from_millis(800));
    let rss = status_kb(pid, "VmRSS:");
    let hwm = status_kb(pid, "VmHWM:");
    send("\x03");
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&home);
    println!(
        "memory/desk_rss: {:.1} MB resident (peak {:.1} MB) at {n} tickets",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/memory.json");
    std::fs::write(
        out,
        format!("{{\"tickets\": {n}, \"rss_kb\": {rss}, \"hwm_kb\": {hwm}}}\n"),
    )
    .unwrap();
}
