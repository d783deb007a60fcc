program change;
const
  INF = 1000000000;
var
  n, s, i, v, d: longint;
  coin: array[1..8] of longint;
  best, last: array[0..50000] of longint;
begin
  readln(n, s);
  for i := 1 to n do
    read(coin[i]);
  best[0] := 0;
  for v := 1 to s do
  begin
    best[v] := INF;
    for i := 1 to n do
    begin
      d := coin[i];
      if (d <= v) and (best[v - d] + 1 < best[v]) then
      begin
        best[v] := best[v - d] + 1;
        last[v] := d;
      end;
    end;
  end;
  if best[s] = INF then
    writeln(-1)
  else
  begin
    writeln(best[s]);
    v := s;
    while v > 0 do
    begin
      write(last[v]);
      v := v - last[v];
      if v > 0 then
        write(' ');
    end;
    writeln;
  end;
end.
