// S(N) <= 2.8e13 and every term is at most N, all far below 2^53: Number arithmetic is exact here.
const n = Number(require("fs").readFileSync(0, "utf8").trim());
let total = 0;
for (let k = 1; k <= n; ) {
  const q = Math.floor(n / k);
  const last = Math.floor(n / q);
  total += q * (last - k + 1);
  k = last + 1;
}
console.log(String(total));
