package pebble.r5k.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The host's stdin as console input. A process started with stdin closed ({@code <&-}) has no descriptor 0,
 * so the first file the JVM opens takes it: System.in would then read the JDK's {@code lib/modules} or a jar
 * of the class path as if the user had typed it. That reads as end of input here: on Linux the descriptor's
 * target (/proc/self/fd/0) is checked against the files the JVM opens itself; the launcher script also
 * reopens a closed stdin on /dev/null.
 */
final class HostStdin {
    private HostStdin() {}

    /** Console input from the host's stdin (a pump thread, BackgroundInput), or null when stdin was closed. */
    static InputStream open() {
        return closedAtStart() ? null : new BackgroundInput(System.in);
    }

    static boolean closedAtStart() {
        Path fd0 = Path.of("/proc/self/fd/0");
        if (!Files.isDirectory(fd0.getParent())) return false; // not Linux: nothing to check against
        if (!Files.exists(fd0, LinkOption.NOFOLLOW_LINKS)) return true;
        try {
            Path target = Files.readSymbolicLink(fd0);
            if (target.startsWith(Path.of(System.getProperty("java.home")).toRealPath())) return true;
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!entry.isEmpty() && Files.isRegularFile(p) && target.equals(p.toRealPath())) return true;
            }
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: trust stdin
        }
        return false;
    }
}
