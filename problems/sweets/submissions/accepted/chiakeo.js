const fs = require("fs");
const [n, k] = fs.readFileSync("CHIAKEO.INP", "utf8").trim().split(/\s+/).map(Number);
fs.writeFileSync("CHIAKEO.OUT", `${Math.floor(n / k)} ${n % k}\n`);
