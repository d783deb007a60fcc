import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.StringTokenizer;

// Sort by price and walk two pointers inwards; print the original indices, smaller first.
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer header = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(header.nextToken());
        long target = Long.parseLong(header.nextToken());
        StringTokenizer prices = new StringTokenizer(in.readLine());
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            long price = Long.parseLong(prices.nextToken());
            keyed[i] = price * 65536 + i;  // price in the high bits, index in the low 16 bits (n <= 50000)
        }
        Arrays.sort(keyed);
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            long sum = (keyed[lo] >> 16) + (keyed[hi] >> 16);
            if (sum == target) {
                int a = (int) (keyed[lo] & 0xFFFF) + 1;
                int b = (int) (keyed[hi] & 0xFFFF) + 1;
                System.out.println(Math.min(a, b) + " " + Math.max(a, b));
                return;
            }
            if (sum < target) lo++;
            else hi--;
        }
        System.out.println("impossible");
    }
}
