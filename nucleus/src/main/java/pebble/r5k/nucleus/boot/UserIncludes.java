package pebble.r5k.nucleus.boot;

import pebble.r5k.nucleus.layout.AsmIncludeWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The include directory user programs assemble against: the hand-written {@code pebble.inc} (src-guest/include,
 * packaged in the nucleus jar) and the generated {@code pebble-abi.inc} it includes. Staged once per JVM in a
 * scratch directory, because the assembler's include path is a list of directories.
 */
final class UserIncludes {
    private UserIncludes() {}

    static final String USER_INCLUDE = "pebble.inc";
    private static Path staged;

    static synchronized Path stage() {
        if (staged != null) return staged;
        try {
            Path dir = Files.createTempDirectory("pebble-include");
            dir.toFile().deleteOnExit();
            Path abi = dir.resolve(AsmIncludeWriter.ABI_INCLUDE);
            Files.writeString(abi, AsmIncludeWriter.abiInclude());
            abi.toFile().deleteOnExit();
            try (InputStream in = UserIncludes.class.getClassLoader().getResourceAsStream("include/" + USER_INCLUDE)) {
                if (in == null) throw new SystemImageException(USER_INCLUDE + " is missing from the nucleus jar");
                Path inc = dir.resolve(USER_INCLUDE);
                Files.write(inc, in.readAllBytes());
                inc.toFile().deleteOnExit();
            }
            staged = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the user includes: " + e.getMessage(), e);
        }
    }
}
