program chiakeo;
var
  n, k: longint;
begin
  assign(input, 'CHIAKEO.INP'); reset(input);
  assign(output, 'CHIAKEO.OUT'); rewrite(output);
  readln(n, k);
  writeln(n div k, ' ', n mod k);
  close(output);
end.
