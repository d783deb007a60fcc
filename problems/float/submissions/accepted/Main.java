import java.io.DataInputStream;
import java.io.IOException;
import java.util.Locale;

public class Main {
    private static final DataInputStream in = new DataInputStream(System.in);

    private static int readInt() throws IOException {
        int c = in.read();
        while (c == ' ' || c == '\n' || c == '\r') c = in.read();
        boolean negative = c == '-';
        if (negative) c = in.read();
        int value = 0;
        while (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            c = in.read();
        }
        return negative ? -value : value;
    }

    public static void main(String[] args) throws IOException {
        int n = readInt();
        long[] x = new long[n];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = readInt();
            y[i] = readInt();
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            total += Math.hypot(x[j] - x[i], y[j] - y[i]);
        }
        // Locale.ROOT: a Vietnamese or French default locale would print a decimal comma.
        System.out.println(String.format(Locale.ROOT, "%.10f %.10f", total, total / n));
    }
}
