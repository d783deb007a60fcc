import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        long n = Long.parseLong(in.readLine().trim());
        long lo = 1, hi = n;
        while (lo <= hi) {
            long mid = (lo + hi) / 2;
            System.out.println("? " + mid);
            System.out.flush();
            String reply = in.readLine().trim();
            if (reply.equals("=")) return;
            if (reply.equals("<")) hi = mid - 1;
            else lo = mid + 1;
        }
    }
}
