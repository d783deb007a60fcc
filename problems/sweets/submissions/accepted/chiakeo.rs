use std::fs;

fn main() {
    let input = fs::read_to_string("CHIAKEO.INP").unwrap();
    let numbers: Vec<u64> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let (n, k) = (numbers[0], numbers[1]);
    fs::write("CHIAKEO.OUT", format!("{} {}\n", n / k, n % k)).unwrap();
}
