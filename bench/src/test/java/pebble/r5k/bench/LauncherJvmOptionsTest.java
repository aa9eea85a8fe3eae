package pebble.r5k.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JMH forks run with exactly the launcher's JVM options: JAVA_OPTS=(...) in ./pebble, word for word. */
class LauncherJvmOptionsTest {
    @Test
    void jmhForksUseTheLaunchersOptions() throws IOException {
        Path launcher = Path.of("..", "pebble"); // Maven runs a module's tests in the module's directory
        assertTrue(Files.isRegularFile(launcher), "launcher not found at " + launcher.toAbsolutePath());
        Matcher m = Pattern.compile("(?m)^JAVA_OPTS=\\(([^)]*)\\)").matcher(Files.readString(launcher));
        assertTrue(m.find(), "no JAVA_OPTS=(...) line in the launcher");
        List<String> words = Arrays.asList(m.group(1).trim().split("\\s+"));
        assertEquals(Arrays.asList(LauncherJvmOptions.ALL), words);
    }
}
