package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `boot --help`, the README and docs/abi.md give the same exit statuses, line for line. */
class BootExitCodesDocTest {
    private static final List<String> FOOTER = List.of(BootCommand.HELP_0, BootCommand.HELP_1, BootCommand.HELP_2,
            BootCommand.HELP_3, BootCommand.HELP_4, BootCommand.HELP_5, BootCommand.HELP_6);

    @Test
    void helpEndsWithTheFooter() {
        String help = new CommandLine(new BootCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.replace("\r", "").endsWith(String.join("\n", FOOTER) + "\n"), help);
    }

    @Test
    void readmeAndAbiCarryTheSameBlock() throws IOException {
        for (String doc : new String[] {"README.md", "docs/abi.md"}) {
            Path p = Path.of("..").resolve(doc);
            assumeTrue(Files.exists(p), doc + " not found from " + Path.of("").toAbsolutePath());
            List<String> lines = Files.readAllLines(p);
            int at = lines.indexOf(FOOTER.get(0));
            assertTrue(at >= 0, doc + " has no '" + FOOTER.get(0) + "' block");
            assertEquals(FOOTER, lines.subList(at, Math.min(lines.size(), at + FOOTER.size())), doc);
            assertEquals("```", lines.get(at + FOOTER.size()), doc + ": the block has more lines than boot --help");
        }
    }
}
