// khue-judge-problem: hello
// khue-judge-expect: AC
// khue-judge-pad-comment: 1048576
// A valid Java solution with a 1 MiB comment. Wave 1 ran std::regex over the source in the judge process; its
// recursive matcher overflowed the stack on a ~50 KB comment and killed `khue judge` (exit 139) — and under
// `khue serve`, the whole server. The scanner is linear: this is judged like any other solution.
import java.util.Scanner;

// KHUE-PAD
public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        System.out.println(a + b);
    }
}
