import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        long n = Long.parseLong(new BufferedReader(new InputStreamReader(System.in)).readLine().trim());
        long total = 0;
        for (long k = 1; k <= n; ) {
            long q = n / k;
            long last = n / q;
            total += q * (last - k + 1);
            k = last + 1;
        }
        System.out.println(total);
    }
}
