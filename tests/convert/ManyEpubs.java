import com.adobe.epubcheck.tool.EpubChecker;

/** EPUBCheck on many books in one JVM: prints "== path" before each report and "== exit N" after. */
public class ManyEpubs {
    public static void main(String[] args) {
        for (String path : args) {
            System.out.println("== " + path);
            System.out.flush();
            int code = new EpubChecker().run(new String[] {path});
            System.out.flush();
            System.err.flush();
            System.out.println("== exit " + code);
        }
    }
}
