program walk;
var
  n, i, j: longint;
  x, y: array of double;
  total: double;
begin
  readln(n);
  setlength(x, n);
  setlength(y, n);
  for i := 0 to n - 1 do
    readln(x[i], y[i]);
  total := 0;
  for i := 0 to n - 1 do
  begin
    j := (i + 1) mod n;
    total := total + sqrt(sqr(x[j] - x[i]) + sqr(y[j] - y[i]));
  end;
  writeln(total:0:10, ' ', total / n:0:10);
end.
