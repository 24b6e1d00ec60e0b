import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;

/**
 * Build step (resolver/pom.xml, process-classes): writes the class Chronicle Map would otherwise
 * generate and compile with javac inside every process that opens a map (its global state, a
 * Chronicle Values "$$Native" flyweight), so opening the store costs no runtime compilation: about
 * 1.2 s of every start and every CLI command. Chronicle Values looks the class up by name before
 * generating it, so having it in the jar is enough. It is generated from the Chronicle jars this
 * build uses, so it cannot drift from them.
 *
 * Usage (single-file launch): java [opens] -cp CLASSPATH PregenerateChronicleState.java OUTPUT_DIR
 */
public final class PregenerateChronicleState {
    private static final String STATE = "net.openhft.chronicle.hash.VanillaGlobalMutableState";

    public static void main(String[] args) throws Exception {
        Class<?> state = Class.forName(STATE);
        Class<?> valueModel = Class.forName("net.openhft.chronicle.values.ValueModel");
        Object model = valueModel.getMethod("acquire", Class.class).invoke(null, state);
        // Chronicle Values has no public call for the source; this is the one it compiles at run time.
        Method generate = Class.forName("net.openhft.chronicle.values.Generators")
                .getDeclaredMethod("generateNativeClass", valueModel, String.class);
        generate.setAccessible(true);
        String simpleName = state.getSimpleName() + "$$Native";
        String source = (String) generate.invoke(null, model, simpleName);
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + simpleName + ".java"),
                SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> options = List.of("-d", args[0], "-cp", System.getProperty("java.class.path"), "-nowarn",
                "-proc:none", "--release", "17");
        if (!javac.getTask(null, null, null, options, null, List.of(file)).call()) {
            throw new IllegalStateException("could not compile " + STATE + "$$Native");
        }
    }
}
