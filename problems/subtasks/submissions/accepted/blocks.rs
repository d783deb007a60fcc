fn main() {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let n: u64 = line.trim().parse().unwrap();
    let mut total: u64 = 0;
    let mut k: u64 = 1;
    while k <= n {
        let q = n / k;
        let last = n / q;
        total += q * (last - k + 1);
        k = last + 1;
    }
    println!("{}", total);
}
