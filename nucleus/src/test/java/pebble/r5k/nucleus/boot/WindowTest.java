package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.nucleus.layout.AsmIncludeWriter;
import pebble.r5k.nucleus.layout.NucleusLayout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The refill short-circuit portal's window check (§5.3): a window page is loaded only while the current
 * ASID's counter is > 0; an owner's counter starts at 1; a half of a pair loaded invalid is repaired once
 * its page is opened; after the counter drops to zero and the entry is removed, an access faults.
 */
class WindowTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void windowPagesAreLoadedOnlyWhileTheCounterIsPositive(boolean timed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(timed).console(out)
                .programSource("win.s", GuestSources.load("win.s"))
                .mapWindow(0, 0, false).mapWindow(0, 1, false).mapWindow(0, 2, true);
        long base = b.nextPortalAddress();
        AssembledProgram p = assemble(base);
        b.addPortal(0, NucleusLayout.PORTAL_FIRST_USER, words(p));
        b.installPortal(0, NucleusLayout.PORTAL_FIRST_USER + 1, p.symbol("revoke").value() & 0xFFFFFFFFL);
        GuestRun r = GuestRun.run(b, out);
        assertEquals("CABpebble: domain 0 (win) fault TLBL at EPC 0x00400100, BadVAddr 0x60000000\n", r.console());
        assertEquals(1, r.status());
    }

    private AssembledProgram assemble(long at) throws Exception {
        Files.writeString(dir.resolve(AsmIncludeWriter.LAYOUT_INCLUDE), AsmIncludeWriter.layoutInclude());
        Files.writeString(dir.resolve(AsmIncludeWriter.CP0_INCLUDE), AsmIncludeWriter.cp0Include());
        Files.writeString(dir.resolve(AsmIncludeWriter.CP0_REGS_HEADER), AsmIncludeWriter.cp0RegsHeader());
        var sym = SystemBuilder.nucleusSymbols();
        String src = String.format("        .equ WINDOW_ACCESS_ADDR, 0x%x%n        .equ fault_user, 0x%x%n", sym.get("window_access"), sym.get("fault_user"))
                + GuestSources.load("window-portals.S");
        Path p = dir.resolve("window.S");
        Files.writeString(p, src);
        return Assembler.assemble(List.of(p), AsmOptions.defaults().withText(at).withIncludeDir(dir));
    }

    private static int[] words(AssembledProgram p) {
        byte[] text = p.section(".text").data();
        int[] w = new int[text.length / 4];
        for (int i = 0; i < w.length; i++) w[i] = ByteBuffer.wrap(text, 4 * i, 4).getInt();
        return w;
    }
}
