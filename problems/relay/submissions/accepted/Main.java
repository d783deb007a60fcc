import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String mode = in.readLine().trim();
        String text = in.readLine().trim();
        StringBuilder out = new StringBuilder();
        if (mode.equals("encode")) {
            for (char c : text.toCharArray()) out.append(String.format("%02d", c - 'a'));
        } else {
            for (int i = 0; i + 1 < text.length(); i += 2) {
                out.append((char) ('a' + Integer.parseInt(text.substring(i, i + 2))));
            }
        }
        System.out.println(out);
    }
}
