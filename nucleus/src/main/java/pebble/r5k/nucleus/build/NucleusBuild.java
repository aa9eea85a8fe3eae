package pebble.r5k.nucleus.build;

import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.nucleus.layout.AsmIncludeWriter;
import pebble.r5k.nucleus.layout.NucleusLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Assembles the nucleus (src-guest/nucleus, packaged in this jar under {@value #RESOURCE_DIR}) with our own
 * assembler and the includes generated from the layout (held in memory, written next to the sources in a
 * scratch directory for the assembler's include path). Text starts at NUCLEUS_BASE and vectors.S comes
 * first, so its {@code .org}s put the vectors at 0x80000000 / 0x80000080 / 0x80000180.
 */
public final class NucleusBuild {
    private NucleusBuild() {}

    static final String RESOURCE_DIR = "nucleus-src/";
    /** Link order: the vectors first (they must sit at the start of KSEG0), the tables last. */
    public static final List<String> SOURCES = List.of("vectors.S", "refill.S", "portals.S", "intr.S", "sched.S",
            "faults.S", "boot.S", "domains.S", "uvec.S", "data.S");
    static final List<String> HEADERS = List.of("nucleus.h");
    public static final String ENTRY = "nucleus_boot";

    private static NucleusImage cached;

    /** The nucleus, assembled once per JVM (it depends only on sources in the jar and the layout). */
    public static synchronized NucleusImage image() {
        if (cached == null) cached = build();
        return cached;
    }

    /** Assembles the nucleus; {@link NucleusBuildException} lists every assembly error. */
    public static NucleusImage build() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pebble-nucleus");
            Files.writeString(dir.resolve(AsmIncludeWriter.LAYOUT_INCLUDE), AsmIncludeWriter.layoutInclude());
            Files.writeString(dir.resolve(AsmIncludeWriter.CP0_INCLUDE), AsmIncludeWriter.cp0Include());
            Files.writeString(dir.resolve(AsmIncludeWriter.CP0_REGS_HEADER), AsmIncludeWriter.cp0RegsHeader());
            List<Path> sources = new ArrayList<>();
            for (String name : HEADERS) copyResource(name, dir);
            for (String name : SOURCES) sources.add(copyResource(name, dir));
            AsmOptions opts = AsmOptions.defaults().withText(NucleusLayout.NUCLEUS_BASE).withEntry(ENTRY).withIncludeDir(dir);
            AssembledProgram p = Assembler.assemble(sources, opts);
            NucleusImage image = new NucleusImage(p);
            checkFits(image);
            return image;
        } catch (AssemblyException e) {
            String prefix = dir.toString() + dir.getFileSystem().getSeparator();
            throw new NucleusBuildException("nucleus assembly failed:\n" + e.getMessage().replace(prefix, "src-guest/nucleus/"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the nucleus sources: " + e.getMessage(), e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    /** The image must stay below the portal code area (docs/nucleus.md "Memory map"). */
    private static void checkFits(NucleusImage image) {
        if (image.end() > NucleusLayout.PORTAL_CODE_BASE) {
            throw new NucleusBuildException(String.format("the nucleus ends at 0x%x, past the portal code area at 0x%x",
                    image.end(), NucleusLayout.PORTAL_CODE_BASE));
        }
    }

    private static Path copyResource(String name, Path dir) throws IOException {
        try (InputStream in = NucleusBuild.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new NucleusBuildException("nucleus source " + name + " is missing from the nucleus jar");
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch directory left in /tmp is harmless
        }
    }
}
