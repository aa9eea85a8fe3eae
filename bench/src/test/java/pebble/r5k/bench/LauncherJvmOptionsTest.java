package pebble.r5k.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMH forks run with exactly the launcher's JVM options: JAVA_OPTS=(...) in ./pebble as bash expands it,
 * under the launcher's own shell options (an unquoted glob under nullglob once made two options vanish from every
 * `pebble run` while the text still listed them).
 */
class LauncherJvmOptionsTest {
    @Test
    void jmhForksUseTheLaunchersOptions() throws IOException, InterruptedException {
        Path launcher = Path.of("..", "pebble"); // Maven runs a module's tests in the module's directory
        assertTrue(Files.isRegularFile(launcher), "launcher not found at " + launcher.toAbsolutePath());
        String text = Files.readString(launcher);
        Matcher shopt = Pattern.compile("(?m)^shopt .*$").matcher(text);
        Matcher opts = Pattern.compile("(?m)^JAVA_OPTS=\\([^)]*\\)").matcher(text);
        assertTrue(opts.find(), "no JAVA_OPTS=(...) line in the launcher");
        String script = (shopt.find() ? shopt.group() + "\n" : "") + opts.group() + "\nprintf '%s\\n' \"${JAVA_OPTS[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", script).directory(launcher.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes());
        assertEquals(0, bash.waitFor(), out);
        assertEquals(Arrays.asList(LauncherJvmOptions.ALL), Arrays.asList(out.strip().split("\n")));
    }

    /**
     * Each benchmark forks with them all: it takes its fork from LauncherForkedBenchmark (JMH reads a superclass's
     * annotations), which lists them (an annotation cannot name the array itself).
     */
    @Test
    void everyBenchmarkForksWithAllOfThem() {
        for (Class<?> c : new Class<?>[] {InterpreterBenchmark.class, KernelBenchmark.class}) {
            assertTrue(c.getDeclaredAnnotation(Fork.class) == null, c + " declares a @Fork of its own");
            assertEquals(LauncherForkedBenchmark.class, c.getSuperclass(), c.getSimpleName());
        }
        Fork fork = LauncherForkedBenchmark.class.getAnnotation(Fork.class);
        assertTrue(fork != null, "LauncherForkedBenchmark has no @Fork");
        assertEquals(Arrays.asList(LauncherJvmOptions.ALL), Arrays.asList(fork.jvmArgsAppend()));
    }
}
