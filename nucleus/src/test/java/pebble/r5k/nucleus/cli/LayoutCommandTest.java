package pebble.r5k.nucleus.cli;

import org.junit.jupiter.api.Test;
import pebble.r5k.nucleus.layout.AsmIncludeWriter;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

class LayoutCommandTest {
    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(0, new CommandLine(new LayoutCommand()).execute(args));
        } finally {
            System.setOut(old);
        }
        return out.toString();
    }

    @Test
    void printsEachGeneratedFile() {
        assertEquals(AsmIncludeWriter.layoutInclude(), run());
        assertEquals(AsmIncludeWriter.layoutInclude(), run("--asm"));
        assertEquals(AsmIncludeWriter.cp0Include(), run("--cp0"));
        assertEquals(AsmIncludeWriter.cp0RegsHeader(), run("--cp0-regs"));
        assertEquals(AsmIncludeWriter.abiInclude(), run("--abi"));
        assertTrue(run("--doc").startsWith("# Nucleus data layout"));
    }
}
