package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The documented examples in src-guest/examples boot and print exactly what their header comments say (after
 * the nucleus's banner line), and
 * `boot` takes `run`'s options with `run`'s behaviour (the shared RunOptions/RunSession).
 */
class ExamplesBootTest {
    private static final Path EXAMPLES = Path.of("..", "src-guest", "examples");

    @TempDir Path dir;

    private record Outcome(int status, String out, String err) {}

    private static Outcome boot(String... args) {
        BootRun r = BootRun.of(args);
        return new Outcome(r.status(), r.out(), r.err());
    }

    private static String example(String name) {
        Path p = EXAMPLES.resolve(name);
        assertTrue(Files.isRegularFile(p), p.toAbsolutePath() + " is missing");
        return p.toString();
    }

    @Test
    void helloPrintsItsGreetingAndSeesTimeMove() {
        for (String mode : new String[] {"--no-timing", "--no-translate", "--translate-after=1"}) {
            Outcome o = boot(mode, example("hello.s"));
            assertEquals("Pebble nucleus: 2 domains, L2 on\nHello from a Pebble domain!\ntime moves on: yes\n", o.out(), mode);
            assertEquals("", o.err(), mode);
            assertEquals(0, o.status(), mode);
        }
        Outcome timed = boot(example("hello.s"));
        assertEquals("Pebble nucleus: 2 domains, L2 on\nHello from a Pebble domain!\ntime moves on: yes\n", timed.out());
        assertEquals(0, timed.status());
    }

    @Test
    void pingAndPongTakeTurns() {
        Outcome o = boot(example("ping.s"), example("pong.s"));
        assertEquals("Pebble nucleus: 3 domains, L2 on\nping 1\npong 1\nping 2\npong 2\nping 3\npong 3\n", o.out());
        assertEquals("", o.err());
        assertEquals(0, o.status());
    }

    @Test
    void theCycleLimitStopsTheRunWithRunsCodeAndLine() {
        // The limit is checked between translated blocks and timed instructions, so the run may end a little past it.
        Outcome o = boot("--max-cycles", "1000", example("hello.s"));
        assertEquals(124, o.status());
        assertTrue(o.err().matches("pebble: stopped after 1[0-9]{3} cycles \\(--max-cycles\\); pc=0x[0-9a-f]{16}\n"), o.err());
    }

    @Test
    void statsGoToStderrAndJsonToItsFile() throws Exception {
        Path json = dir.resolve("stats.json");
        Outcome o = boot("--stats", "--stats-json", json.toString(), example("hello.s"));
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("translated regions: "), o.err()); // the line run's report adds after StatsWriter's text
        assertTrue(Files.readString(json).startsWith("{"), "stats JSON");
    }

    @Test
    void anOutputOptionNamingAProgramIsRefusedBeforeTheRun() throws Exception {
        Path copy = dir.resolve("hello.s");
        Files.copy(EXAMPLES.resolve("hello.s"), copy);
        CommandLine cl = new CommandLine(new BootCommand());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> { err.writeBytes(ex.getMessage().getBytes()); return 125; });
        assertEquals(125, cl.execute("--trace-file", copy.toString(), copy.toString()));
        assertEquals("--trace-file " + copy + " is an input of this run; refusing to overwrite it", err.toString());
        assertEquals(Files.readString(EXAMPLES.resolve("hello.s")), Files.readString(copy), "the program is untouched");
    }

    @Test
    void traceFileGetsOneLinePerInstruction() throws Exception {
        Path trace = dir.resolve("trace.txt");
        Outcome o = boot("--no-timing", "--trace-file", trace.toString(), example("hello.s"));
        assertEquals(0, o.status(), o.err());
        String first = Files.readAllLines(trace).get(0);
        assertTrue(first.matches("[0-9a-f]{8}: [0-9a-f]{8}  .*"), first);
    }
}
