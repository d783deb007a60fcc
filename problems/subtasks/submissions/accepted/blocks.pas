program blocks;
var
  n, k, q, last, total: int64;
begin
  readln(n);
  total := 0;
  k := 1;
  while k <= n do
  begin
    q := n div k;
    last := n div q;
    total := total + q * (last - k + 1);
    k := last + 1;
  end;
  writeln(total);
end.
