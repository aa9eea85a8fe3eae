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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The nucleus side of the portal contract (docs/nucleus.md "Portal invocation"), exercised by a hand-written
 * IPC portal placed with {@link SystemBuilder#addPortal}: the dispatcher's entry state, the frame layout, the
 * return trampoline and return dispatcher, and the ASID switch both ways. The portal generator's portals
 * take the same path.
 */
class IpcContractTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void aPortalCallEntersTheCalleeDomainAndReturnsItsResult(boolean timed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(timed).console(out)
                .programSource("caller.s", GuestSources.load("ipc-caller.s"))
                .programSource("callee.s", GuestSources.load("ipc-callee.s"));
        long calleeDomain = SystemBuilder.nucleusSymbols().get("nucleus_domains") + NucleusLayout.DOMAIN.sizeBytes();
        long calleeEntry = NucleusLayout.USER_TEXT_VA + 0x100;
        b.addPortal(0, NucleusLayout.PORTAL_FIRST_USER, portalWords(b.nextPortalAddress(), calleeDomain, calleeEntry));
        GuestRun r = GuestRun.run(b, out);
        assertEquals("ok\n", r.console(), r.result().toString());
        assertEquals(0, r.status());
    }

    private int[] portalWords(long at, long calleeDomain, long calleeEntry) throws Exception {
        Files.writeString(dir.resolve(AsmIncludeWriter.LAYOUT_INCLUDE), AsmIncludeWriter.layoutInclude());
        Files.writeString(dir.resolve(AsmIncludeWriter.CP0_INCLUDE), AsmIncludeWriter.cp0Include());
        Files.writeString(dir.resolve(AsmIncludeWriter.CP0_REGS_HEADER), AsmIncludeWriter.cp0RegsHeader());
        // the equates come first: `li` of a symbol defined later is assembled as one addiu (as GNU as does)
        String src = String.format("        .equ CALLEE_DOMAIN_ADDR, 0x%x%n        .equ CALLEE_ENTRY, 0x%x%n        .equ fault_user, 0x%x%n",
                        calleeDomain, calleeEntry, SystemBuilder.nucleusSymbols().get("fault_user"))
                + GuestSources.load("ipc-portal.S");
        Path p = dir.resolve("portal.S");
        Files.writeString(p, src);
        AssembledProgram prog = Assembler.assemble(List.of(p), AsmOptions.defaults().withText(at).withIncludeDir(dir));
        byte[] text = prog.section(".text").data();
        int[] words = new int[text.length / 4];
        for (int i = 0; i < words.length; i++) words[i] = java.nio.ByteBuffer.wrap(text, 4 * i, 4).getInt();
        return words;
    }
}
