use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_ascii_whitespace().map(|t| t.parse::<f64>().unwrap());
    let n = tokens.next().unwrap() as usize;
    let mut points = Vec::with_capacity(n);
    for _ in 0..n {
        let x = tokens.next().unwrap();
        let y = tokens.next().unwrap();
        points.push((x, y));
    }
    let mut total = 0.0f64;
    for i in 0..n {
        let (ax, ay) = points[i];
        let (bx, by) = points[(i + 1) % n];
        total += (bx - ax).hypot(by - ay);
    }
    println!("{:.10} {:.10}", total, total / n as f64);
}
