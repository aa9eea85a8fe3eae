package pebble.r5k.nucleus.boot;

import pebble.r5k.nucleus.layout.AsmIncludeWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The include directory user programs assemble against: the hand-written {@code pebble.inc} and
 * {@code sim-control.inc} (src-guest/include, packaged in the nucleus jar) and the generated {@code pebble-abi.inc}
 * that pebble.inc includes. Staged once per JVM in a
 * scratch directory, because the assembler's include path is a list of directories.
 */
final class UserIncludes {
    private UserIncludes() {}

    /** The hand-written includes: the ABI's macros, and the sim-control device's (timeline markers, boot --sim-control). */
    static final java.util.List<String> USER_INCLUDES = java.util.List.of("pebble.inc", "sim-control.inc");
    private static Path staged;

    static synchronized Path stage() {
        if (staged != null) return staged;
        try {
            Path dir = Files.createTempDirectory("pebble-include");
            dir.toFile().deleteOnExit();
            Path abi = dir.resolve(AsmIncludeWriter.ABI_INCLUDE);
            Files.writeString(abi, AsmIncludeWriter.abiInclude());
            abi.toFile().deleteOnExit();
            for (String name : USER_INCLUDES) {
                try (InputStream in = UserIncludes.class.getClassLoader().getResourceAsStream("include/" + name)) {
                    if (in == null) throw new SystemImageException(name + " is missing from the nucleus jar");
                    Path inc = dir.resolve(name);
                    Files.write(inc, in.readAllBytes());
                    inc.toFile().deleteOnExit();
                }
            }
            staged = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the user includes: " + e.getMessage(), e);
        }
    }
}
