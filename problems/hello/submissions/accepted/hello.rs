use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i64> = input
        .split_whitespace()
        .map(|token| token.parse().unwrap())
        .collect();
    println!("{}", numbers[0] + numbers[1]);
}
