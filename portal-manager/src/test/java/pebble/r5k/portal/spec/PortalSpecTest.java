package pebble.r5k.portal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static pebble.r5k.portal.spec.ArgumentKind.CONSTANT;
import static pebble.r5k.portal.spec.ArgumentKind.OWN_INDEX;
import static pebble.r5k.portal.spec.ArgumentKind.WINDOW;
import static pebble.r5k.portal.spec.ArgumentKind.WORD;

import java.util.List;

import org.junit.jupiter.api.Test;

import pebble.r5k.isa.Reg;

/** The spec language of docs/portal-spec.md: the paper's specs parse, and one test per error message. */
class PortalSpecTest {
    private static PortalSpec parse(String s) throws PortalSpecException { return PortalSpec.parse(s); }

    private static List<String> errors(String s) {
        return assertThrows(PortalSpecException.class, () -> PortalSpec.parse(s)).errors();
    }

    @Test void tableOneSpec() throws Exception {
        PortalSpec p = parse("npciii");
        assertEquals(StackKind.NEW, p.stack());
        assertEquals(SavedState.PARTIAL, p.state());
        assertEquals(List.of(CONSTANT, WORD, WORD, WORD), p.arguments());
        assertEquals(-1, p.windowPosition());
    }

    @Test void tableTwoWindowSpec() throws Exception {
        PortalSpec p = parse("smcwii");
        assertEquals(StackKind.SHARED, p.stack());
        assertEquals(SavedState.MINIMAL, p.state());
        assertEquals(List.of(CONSTANT, WINDOW, WORD, WORD), p.arguments());
        assertEquals(1, p.windowPosition());
    }

    @Test void everySpecOfThePaperParses() throws Exception {
        for (String s : List.of("npciii", "npcwii", "smciii", "smcwii", "smcii", "npcwi", "smcwi")) {
            assertEquals(s, parse(s).text());
        }
    }

    @Test void appendixStubSpec() throws Exception {
        // the appendix builds "sm=" + template+3: the stub passes its own index first
        assertEquals(List.of(OWN_INDEX, WINDOW, WORD, WORD), parse("sm=wii").arguments());
    }

    @Test void noArgumentsIsValid() throws Exception {
        assertEquals(List.of(), parse("sm").arguments());
    }

    @Test void eightArgumentsFillA0ToT3() throws Exception {
        PortalSpec p = parse("npiiiiiiii");
        assertEquals(8, p.arguments().size());
        assertEquals(Reg.A0, PortalSpec.argumentRegister(0));
        assertEquals(Reg.A3, PortalSpec.argumentRegister(3));
        assertEquals(Reg.T0, PortalSpec.argumentRegister(4));
        assertEquals(Reg.T3, PortalSpec.argumentRegister(7));
    }

    // ---- one test per error message (docs/portal-spec.md, "Errors")

    @Test void emptySpec() {
        assertEquals(List.of("\"\":1: empty spec (expected a stack kind s or n, a saved-state kind m or p, then up to 8 arguments i, c, w or =)"),
                errors(""));
    }

    @Test void unknownStackKind() {
        assertEquals(List.of("xmi:1: unknown stack kind 'x' (expected s or n)"), errors("xmi"));
    }

    @Test void missingSavedState() {
        assertEquals(List.of("n:2: missing saved-state kind after the stack kind (expected m or p)"), errors("n"));
    }

    @Test void unknownSavedState() {
        assertEquals(List.of("sxi:2: unknown saved-state kind 'x' (expected m or p)"), errors("sxi"));
    }

    @Test void unknownArgumentKind() {
        assertEquals(List.of("npcxi:4: unknown argument kind 'x' (expected i, c, w or =)"), errors("npcxi"));
    }

    @Test void secondWindow() {
        assertEquals(List.of("npww:4: a second window argument (a portal opens at most 1 window: its invocation frame remembers one window page)"),
                errors("npww"));
    }

    @Test void tooManyArguments() {
        assertEquals(List.of("smiiiiiiiiii:11: 10 arguments, at most 8 (they travel in $a0..$a3 and $t0..$t3)"),
                errors("smiiiiiiiiii"));
    }

    @Test void everyErrorInOnePass() {
        assertEquals(List.of(
                "Pqxi?:1: unknown stack kind 'P' (expected s or n)",
                "Pqxi?:2: unknown saved-state kind 'q' (expected m or p)",
                "Pqxi?:3: unknown argument kind 'x' (expected i, c, w or =)",
                "Pqxi?:5: unknown argument kind U+000A (expected i, c, w or =)"),
                errors("Pqxi\n"));
    }
}
