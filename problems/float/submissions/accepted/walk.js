const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((t) => t.length > 0).map(Number);
const n = data[0];
let total = 0;
for (let i = 0; i < n; i++) {
  const j = (i + 1) % n;
  total += Math.hypot(data[1 + 2 * j] - data[1 + 2 * i], data[2 + 2 * j] - data[2 + 2 * i]);
}
console.log(`${total.toFixed(10)} ${(total / n).toFixed(10)}`);
