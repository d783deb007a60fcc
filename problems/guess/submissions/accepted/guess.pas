program guess;
var
  n, lo, hi, mid: int64;
  reply: string;
begin
  readln(n);
  lo := 1;
  hi := n;
  while lo <= hi do
  begin
    mid := (lo + hi) div 2;
    writeln('? ', mid);
    flush(output);
    readln(reply);
    if reply = '=' then
      break;
    if reply = '<' then
      hi := mid - 1
    else
      lo := mid + 1;
  end;
end.
