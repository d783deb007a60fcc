import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer first = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(first.nextToken());
        int s = Integer.parseInt(first.nextToken());
        StringTokenizer second = new StringTokenizer(in.readLine());
        int[] coin = new int[n];
        for (int i = 0; i < n; i++) coin[i] = Integer.parseInt(second.nextToken());
        int inf = Integer.MAX_VALUE / 2;
        int[] best = new int[s + 1];
        int[] last = new int[s + 1];
        java.util.Arrays.fill(best, inf);
        best[0] = 0;
        for (int v = 1; v <= s; v++) {
            for (int d : coin) {
                if (d <= v && best[v - d] + 1 < best[v]) {
                    best[v] = best[v - d] + 1;
                    last[v] = d;
                }
            }
        }
        if (best[s] == inf) {
            System.out.println(-1);
            return;
        }
        StringBuilder out = new StringBuilder();
        out.append(best[s]).append('\n');
        for (int v = s; v > 0; v -= last[v]) {
            out.append(last[v]).append(v - last[v] > 0 ? ' ' : '\n');
        }
        System.out.print(out);
    }
}
