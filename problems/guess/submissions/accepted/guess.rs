use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let n: i64 = lines.next().unwrap().unwrap().trim().parse().unwrap();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut lo, mut hi) = (1i64, n);
    while lo <= hi {
        let mid = (lo + hi) / 2;
        writeln!(out, "? {}", mid).unwrap();
        out.flush().unwrap();
        let reply = lines.next().unwrap().unwrap();
        match reply.trim() {
            "=" => return,
            "<" => hi = mid - 1,
            _ => lo = mid + 1,
        }
    }
}
