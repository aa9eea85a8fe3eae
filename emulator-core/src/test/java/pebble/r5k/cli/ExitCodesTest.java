package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The outcomes of {@code pebble run} have distinct exit codes (ExitCodes), and the README, {@code run --help}
 * and the code say the same thing.
 */
class ExitCodesTest {
    @TempDir
    Path dir;

    private CliRun.Result run(String name, String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        args[0] = "run";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[args.length - 1] = CliRun.resourceFile(dir, "run", name).toString();
        return CliRun.pebble(args);
    }

    @Test
    void aGuestStatusOf123IsTheGuestsNotAnUnhandledException() throws Exception {
        CliRun.Result r = run("exit-123.s");
        assertEquals(123, r.exit());
        assertEquals("", r.err(), "a guest's own status needs no explanation");
        CliRun.Result fault = run("fault-be.elf");
        assertEquals(ExitCodes.GUEST_FAULT, fault.exit(), fault.err());
        assertNotEquals(123, ExitCodes.GUEST_FAULT);
    }

    @Test
    void waitWithInterruptsOffIsADeadlockWithItsOwnCode() throws Exception {
        CliRun.Result r = run("wait-interrupts-off.s");
        assertEquals(ExitCodes.DEADLOCK, r.exit(), r.err());
        assertTrue(r.err().startsWith("pebble: deadlock: WAIT with interrupts disabled"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void theFourEmulatorCodesAreDistinct() {
        List<Integer> codes = List.of(ExitCodes.CYCLE_LIMIT, ExitCodes.HOST_ERROR, ExitCodes.GUEST_FAULT, ExitCodes.DEADLOCK);
        assertEquals(4, codes.stream().distinct().count());
        assertEquals(List.of(124, 125, 126, 127), codes, "the README documents these numbers");
    }

    @Test
    void negativeMaxCyclesIsRejectedLikeTheOtherOptions() throws Exception {
        CliRun.Result r = run("exit-123.s", "--max-cycles", "-5");
        assertEquals(ExitCodes.HOST_ERROR, r.exit());
        assertTrue(r.err().startsWith("pebble: --max-cycles must be"), r.err());
    }

    /** The README's exit-code block is the help footer, line for line. */
    @Test
    void readmeAndHelpAgree() throws Exception {
        CliRun.Result help = CliRun.pebble("run", "--help");
        String[] footer = {ExitCodes.HELP_0, ExitCodes.HELP_1, ExitCodes.HELP_2, ExitCodes.HELP_3, ExitCodes.HELP_4,
                ExitCodes.HELP_5, ExitCodes.HELP_6, ExitCodes.HELP_7};
        Path readme = Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readme), "README.md not found from " + Path.of("").toAbsolutePath());
        String text = Files.readString(readme);
        int at = text.indexOf(footer[0]);
        assertTrue(at >= 0, "README has no '" + footer[0] + "' block");
        List<String> readmeLines = text.substring(at).lines().limit(footer.length).toList();
        assertEquals(List.of(footer), readmeLines, "README's exit-code block");
        assertTrue(help.out().contains(String.join(System.lineSeparator(), footer)), help.out());
    }

    /** A guest status that is also one of pebble's codes passes through, with a note saying so. */
    @Test
    void aGuestStatusInTheReservedRangeIsPassedThroughWithANote() throws Exception {
        Path src = dir.resolve("exit126.s");
        Files.writeString(src, "\t.set noreorder\n\t.globl _start\n\t.text\n_start:\tlui $t0, 0xbfff\n"
                + "\tli $t1, 126\n\tsw $t1, 0($t0)\n1:\tb 1b\n\tnop\n");
        CliRun.Result r = CliRun.pebble("run", src.toString());
        assertEquals(126, r.exit());
        assertTrue(r.err().startsWith("pebble: note: the guest exited with status 126"), r.err());
    }
}
