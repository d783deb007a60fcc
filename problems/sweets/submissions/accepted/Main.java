import java.io.File;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) throws FileNotFoundException {
        Scanner in = new Scanner(new File("CHIAKEO.INP"));
        long n = in.nextLong();
        long k = in.nextLong();
        try (PrintWriter out = new PrintWriter("CHIAKEO.OUT")) {
            out.println(n / k + " " + n % k);
        }
    }
}
