package pebble.r5k.cli;

import pebble.r5k.disasm.Disassembler;
import pebble.r5k.disasm.ElfListingSource;
import pebble.r5k.disasm.Listing;
import pebble.r5k.elf.ElfFormatException;
import pebble.r5k.elf.ElfReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pebble disasm IMAGE|HEXWORDS}: objdump -d style disassembly through the one instruction table. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Disassembles an ELF file (executable, PIE or object; o32, n32, ELF64; either byte order)"
                + " like `objdump -d`, or instruction words given in hex.",
                "Examples: pebble disasm kernel.elf    pebble disasm 3c1abfff 0x27bdffe8 --pc 0x80001000"})
public final class DisasmCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE|WORD",
            description = "an ELF file, or one or more 32-bit instruction words in hex (0x prefix optional)")
    List<String> inputs;

    @Option(names = "--pc", paramLabel = "ADDR", description = "address of the first hex word (default 0); branch targets are computed from it")
    String pc = "0";

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path first = Path.of(inputs.get(0));
        if (inputs.size() == 1 && Files.isRegularFile(first)) {
            byte[] bytes = pebble.r5k.host.HostFiles.read(first, pebble.r5k.host.HostFiles.MAX_IMAGE_BYTES, "an image");
            try {
                out.print(Listing.print(new ElfListingSource(ElfReader.inspect(bytes, inputs.get(0)))));
            } catch (ElfFormatException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            out.flush();
            return 0;
        }
        long address = parseHex(pc, "--pc");
        int[] words = new int[inputs.size()];
        for (int i = 0; i < words.length; i++) {
            String s = inputs.get(i);
            if (i == 0 && !looksHex(s)) throw new IllegalArgumentException(s + ": no such file, and not a hex instruction word");
            long v = parseHex(s, "word " + (i + 1));
            if ((v >>> 32) != 0) throw new IllegalArgumentException(s + ": an instruction word has at most 8 hex digits");
            words[i] = (int) v;
        }
        StringBuilder line = new StringBuilder();
        for (int w : words) {
            line.setLength(0);
            line.append(String.format("%8x:\t%08x \t", address & 0xFFFFFFFFL, w));
            Disassembler.PLAIN.disassemble(w, address, line);
            out.println(line);
            address += 4;
        }
        out.flush();
        return 0;
    }

    private static boolean looksHex(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        return !t.isEmpty() && t.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static long parseHex(String s, String what) {
        if (!looksHex(s) || s.replaceFirst("^0[xX]", "").length() > 16) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a hex number");
        }
        return Long.parseUnsignedLong(s.replaceFirst("^0[xX]", ""), 16);
    }
}
