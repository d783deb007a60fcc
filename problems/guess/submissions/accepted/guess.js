// Event-driven: each reply line arrives through readline; the state lives outside the handler.
const readline = require("readline");
const rl = readline.createInterface({ input: process.stdin });
let lo = 0;
let hi = 0;
let mid = 0;
let started = false;

function ask() {
  mid = Math.floor((lo + hi) / 2);
  process.stdout.write(`? ${mid}\n`);
}

rl.on("line", (line) => {
  const text = line.trim();
  if (!started) {
    started = true;
    lo = 1;
    hi = Number(text);
    ask();
  } else if (text === "=") {
    // Closing readline alone leaves the stdin pipe referenced and node waiting; destroy it to exit.
    rl.close();
    process.stdin.destroy();
  } else {
    if (text === "<") hi = mid - 1;
    else lo = mid + 1;
    ask();
  }
});
