package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.host.HostFiles;
import pebble.r5k.image.GuestImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pebble run IMAGE}: loads an ELF image (or assembles a .s file) and runs it on the P-5064. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a guest image on the emulated P-5064.",
                "The console (COM1) is stdout and stdin; the guest ends the run by writing its status to the"
                        + " sim-control device (0xBFFF0000)."},
        footer = {ExitCodes.HELP_0, ExitCodes.HELP_1, ExitCodes.HELP_2, ExitCodes.HELP_3, ExitCodes.HELP_4,
                ExitCodes.HELP_5, ExitCodes.HELP_6, ExitCodes.HELP_7})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "ELF executable (o32, n32 or ELF64; big or little endian) or MIPS assembly source (.s)")
    Path image;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--ram-mb", paramLabel = "MB", description = "RAM size in MB (default ${DEFAULT-VALUE})")
    int ramMb = (int) (Machine.DEFAULT_RAM_BYTES >>> 20);

    @Option(names = "-I", paramLabel = "DIR", description = "assembly sources: search DIR for .include and #include files")
    java.util.List<Path> includeDirs = new java.util.ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "assembly sources: define a preprocessor macro for .S files")
    java.util.List<String> defines = new java.util.ArrayList<>();

    @Option(names = "-EL", description = "assemble .s sources little-endian (ELF images carry their own byte order)")
    boolean littleEndian;

    /** The root this runs under; it says whether the host's stdin may be the guest's console input. */
    @picocli.CommandLine.ParentCommand
    CliHost host;

    @Override
    public Integer call() throws Exception {
        if (ramMb <= 0 || ramMb > 256) throw new IllegalArgumentException("--ram-mb must be 1..256 (the P-5064 DRAM window is 256 MB)");
        options.checkMaxCycles();
        byte[] bytes = HostFiles.read(image, HostFiles.MAX_IMAGE_BYTES, "an image");
        return new RunSession(options, host).run(List.of(image), setup -> {
            pebble.r5k.asm.AsmOptions srcOpts = pebble.r5k.asm.AsmOptions.defaults().withBigEndian(!littleEndian);
            for (Path d : includeDirs) srcOpts = srcOpts.withIncludeDir(d);
            for (String d : defines) srcOpts = srcOpts.withDefine(d);
            GuestImage guest = GuestImage.fromFile(image, bytes, srcOpts);
            Machine m = Machine.create(guest.bigEndian(), (long) ramMb << 20, setup.console(), setup.consoleIn());
            guest.loadInto(m);
            guest.warnings().forEach(w -> System.err.println("pebble: " + w));
            setup.applyTo(m);
            return m;
        });
    }
}
