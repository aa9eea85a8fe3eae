package pebble.r5k.portal.server;

import static pebble.r5k.portal.server.PortalManagerAbi.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.boot.SystemImageException;
import pebble.r5k.nucleus.boot.UserProgram;
import pebble.r5k.nucleus.layout.AsmIncludeWriter;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;
import pebble.r5k.portal.template.TemplateIncludeWriter;

/**
 * Puts the portal-manager server (src-guest/servers/portal-manager) into a system image: the server as
 * domain {@link PortalManagerAbi#PM_DOMAIN} with its code window mapped, its rights portals in its own
 * table, and the request portal {@link PortalManagerAbi#PORTAL_PM} in every domain's table.
 * Use: {@link #addServer} before the other programs, {@link #installPortals} after them.
 */
public final class PortalManagerSystem {
    private PortalManagerSystem() {}

    private static Path staged;

    /** Adds the server as the first domain and maps the code window into it. */
    public static SystemBuilder addServer(SystemBuilder b) {
        Path dir = stage();
        b.program(UserProgram.fromSource("portal-manager.S", source("server.S"), dir));
        long page = 1L << NucleusLayout.PAGE_SHIFT;
        for (long off = 0; off < PM_CODE_BYTES; off += page) {
            b.mapPhysical(PM_DOMAIN, PM_CODE_VA + off, (PM_CODE_KSEG0 & 0x1FFFFFFFL) + off, true, true);
        }
        return b;
    }

    /** The rights portals (in the manager's table) and the request portal (in each of {@code domains} tables). */
    public static void installPortals(SystemBuilder b, int domains) {
        long at = b.nextPortalAddress();
        AssembledProgram rights = assembleRights(at);
        int[] words = words(rights.section(".text").data());
        b.addPortal(PM_DOMAIN, PM_RIGHT_SYNC_LINE, words);
        if (rights.symbol("pm_sync_line").value() != at) throw new IllegalStateException("pm_sync_line is not first in rights.S");
        b.installPortal(PM_DOMAIN, PM_RIGHT_INSTALL, rights.symbol("pm_install").value());
        NucleusBinding binding = new NucleusBinding(SystemBuilder.nucleusSymbols());
        PortalGenerator.Templates request = PortalGenerator.generate(parse(PM_PORTAL_SPEC));
        for (int d = 0; d < domains; d++) {
            long code = b.nextPortalAddress();
            // the c argument is the caller's domain: the manager learns who asks from the portal itself
            b.addPortal(d, PORTAL_PM, request.install(binding.values(PM_DOMAIN, NucleusLayout.USER_TEXT_VA, d, PORTAL_PM), code));
        }
    }

    /** The include directory: portal-manager.inc, portal-fragments.inc and the nucleus includes the server's sources. */
    public static synchronized Path stage() {
        if (staged != null) return staged;
        try {
            Path dir = Files.createTempDirectory("pebble-pm");
            dir.toFile().deleteOnExit();
            write(dir, "portal-manager.inc", PortalManagerAbi.include(new NucleusBinding(SystemBuilder.nucleusSymbols())));
            write(dir, TemplateIncludeWriter.INCLUDE, TemplateIncludeWriter.include());
            write(dir, AsmIncludeWriter.LAYOUT_INCLUDE, AsmIncludeWriter.layoutInclude());
            write(dir, AsmIncludeWriter.CP0_INCLUDE, AsmIncludeWriter.cp0Include());
            write(dir, AsmIncludeWriter.CP0_REGS_HEADER, AsmIncludeWriter.cp0RegsHeader());
            write(dir, "pm-compose.s", source("pm-compose.s"));
            staged = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the portal-manager includes: " + e.getMessage(), e);
        }
    }

    private static AssembledProgram assembleRights(long at) {
        Path dir = stage();
        StringBuilder src = new StringBuilder();
        // nucleus symbols first: `li`/%hi of a symbol defined later would assemble differently (GNU as does the same)
        for (String sym : List.of("nucleus_domain_count", "nucleus_portal_tables")) {
            Long v = SystemBuilder.nucleusSymbols().get(sym);
            if (v == null) throw new SystemImageException("the nucleus has no symbol " + sym + " (docs/nucleus.md)");
            src.append(String.format("        .equ    %s, 0x%x%n", sym, v));
        }
        src.append("        .include \"portal-manager.inc\"\n").append(source("rights.S"));
        try {
            Path p = Files.createTempFile(dir, "rights", ".S");
            Files.writeString(p, src, StandardCharsets.ISO_8859_1);
            try {
                return Assembler.assemble(List.of(p), AsmOptions.defaults().withText(at).withIncludeDir(dir));
            } finally {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AssemblyException e) {
            throw new SystemImageException("rights.S: " + e.getMessage());
        }
    }

    static String source(String name) {
        try (InputStream in = PortalManagerSystem.class.getResourceAsStream("/portal-manager-src/" + name)) {
            if (in == null) throw new SystemImageException(name + " is missing from the portal-manager jar");
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        p.toFile().deleteOnExit();
    }

    private static int[] words(byte[] b) {
        int[] w = new int[b.length / 4];
        for (int i = 0; i < w.length; i++) w[i] = ByteBuffer.wrap(b, 4 * i, 4).getInt();
        return w;
    }

    private static PortalSpec parse(String spec) {
        try {
            return PortalSpec.parse(spec);
        } catch (PortalSpecException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
