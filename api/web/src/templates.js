// A starting program per language: reads two integers and prints their sum, the shape of most first problems.
export const TEMPLATES = {
  c: `#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 0;
    printf("%lld\\n", a + b);
    return 0;
}
`,
  cpp: `#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    long long a, b;
    cin >> a >> b;
    cout << a + b << "\\n";
    return 0;
}
`,
  python3: `import sys


def main():
    data = sys.stdin.read().split()
    a, b = int(data[0]), int(data[1])
    print(a + b)


main()
`,
  java: `import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(in.readLine());
        long a = Long.parseLong(st.nextToken());
        long b = Long.parseLong(st.nextToken());
        System.out.println(a + b);
    }
}
`,
  pascal: `program main;
var
  a, b: int64;
begin
  readln(a, b);
  writeln(a + b);
end.
`,
  rust: `use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_whitespace().map(|x| x.parse::<i64>().unwrap());
    let (a, b) = (it.next().unwrap(), it.next().unwrap());
    println!("{}", a + b);
}
`,
  javascript: `const data = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);
const [a, b] = data;
console.log(a + b);
`,
};
TEMPLATES.python = TEMPLATES.python3;

export function templateFor(languageId) {
  return TEMPLATES[String(languageId ?? '').toLowerCase()] ?? '';
}

export function isTemplate(text) {
  return !text.trim() || Object.values(TEMPLATES).some((t) => t.trim() === text.trim());
}
