// Number would lose precision above 2^53, so the sum is done in BigInt.
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(BigInt);
console.log((a + b).toString());
