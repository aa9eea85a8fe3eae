package pebble.r5k.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The root command at the top of the module graph: it composes emulator-core's subcommands and runs them in-process. */
class PebbleCliTest {
    /** Exit code and what the command printed to its out and err writers. */
    private record Result(int exit, String out, String err) {}

    /** As the tool runs it: {@code commandLineFor(args)}, so a subcommand is built alone. */
    private static Result pebble(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new PebbleCli(false).commandLineFor(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void rootListsTheCoreSubcommands() {
        var names = new PebbleCli(false).commandLine().getSubcommands().keySet();
        for (String n : new String[] {"run", "asm", "disasm", "help"}) assertTrue(names.contains(n), n + " in " + names);
    }

    /** A run builds only the subcommand it names (start-up); anything else gets the whole root. */
    @Test
    void commandLineForBuildsOnlyTheNamedSubcommand() {
        var all = new PebbleCli(false).commandLine().getSubcommands().keySet();
        assertEquals(java.util.Set.of("run"), new PebbleCli(false).commandLineFor("run", "x.elf").getSubcommands().keySet());
        assertEquals(java.util.Set.of("boot"), new PebbleCli(false).commandLineFor("boot").getSubcommands().keySet());
        for (String[] args : new String[][] {{}, {"help", "run"}, {"--help"}, {"frobnicate"}, {"-V", "run"}}) {
            assertEquals(all, new PebbleCli(false).commandLineFor(args).getSubcommands().keySet(), String.join(" ", args));
        }
    }

    /** The root leaves out picocli's java.sql/java.time converters (start-up): no option may need one. */
    @Test
    void noOptionNeedsAnExcludedConverter() {
        CommandLine root = new PebbleCli(false).commandLine();
        String excluded = System.getProperty("picocli.converters.excludes");
        assertNotNull(excluded);
        for (CommandLine sub : root.getSubcommands().values()) {
            for (var arg : sub.getCommandSpec().args()) {
                for (Class<?> t : arg.auxiliaryTypes()) {
                    assertFalse(t.getName().matches(excluded), sub.getCommandName() + " " + arg.paramLabel() + ": " + t.getName());
                }
            }
        }
    }

    @Test
    void rootHelp() {
        Result r = pebble("--help");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("Usage: pebble "), r.out);
        for (String n : new String[] {"run", "asm", "disasm", "help"}) {
            assertTrue(r.out.matches("(?s).*\\n  " + n + " .*"), "--help lists " + n + ":\n" + r.out);
        }
    }

    @Test
    void subcommandHelp() {
        Result r = pebble("run", "--help");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("Usage: pebble run "), r.out);
        assertTrue(r.out.contains("--max-cycles"), r.out);
        assertEquals(r.out, pebble("help", "run").out, "`help run` prints the same usage as `run --help`");
    }

    @Test
    void hostErrorsAreOneLineAndExit125() {
        Result r = pebble("frobnicate");
        assertEquals(125, r.exit);
        assertTrue(r.err.startsWith("pebble: Unmatched argument at index 0: 'frobnicate'\n"), r.err);
    }

    /** A core subcommand really runs under this root (its {@code @ParentCommand CliHost} is this root). */
    @Test
    void runsAGuestInProcess(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("exit7.s");
        // sim-control (0xBFFF0000): the value written is the run's exit status
        Files.writeString(src, """
                        .set noreorder
                        .globl _start
                _start: lui $t0, 0xbfff
                        li  $t1, 7
                        sw  $t1, 0($t0)
                1:      b   1b
                        nop
                """);
        assertEquals(7, PebbleCli.execute("run", src.toString()));
        Result missing = pebble("run", dir.resolve("missing.s").toString());
        assertEquals(125, missing.exit);
        assertEquals("pebble: " + dir.resolve("missing.s") + ": No such file or directory\n", missing.err);
    }
}
