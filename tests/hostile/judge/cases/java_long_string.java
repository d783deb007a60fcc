// khue-judge-problem: hello
// khue-judge-expect: AC
// khue-judge-name: Sum.java
// A public class whose name differs from the file's, found behind long runs of whitespace and a string and
// a text block holding fake declarations: the file is renamed to Solution.java and Solution is run.
public class Solution {
    static final String FAKE = "public class Fake { public static void main(String[] a) {} }";
    static final String BLOCK = """
        class Fake2 { public static void main(String[] a) { } }
        """;
    public static void main(String[] args) {
        java.util.Scanner in = new java.util.Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        System.out.println(a + b);
    }
}
