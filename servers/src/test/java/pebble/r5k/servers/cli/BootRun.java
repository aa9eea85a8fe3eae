package pebble.r5k.servers.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `pebble boot` in this JVM: its console (stdout), stderr and exit status. */
record BootRun(String out, String err, int status) {
    static BootRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int status = new CommandLine(new BootCommand()).execute(args);
            return new BootRun(out.toString(), err.toString(), status);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Boots programs from src/test/resources/hostile, written into {@code dir} first: each entry is a resource
     * name, or {@code NAME.s=RESOURCE.s[:TOKEN=VALUE]} for a copy under another name (the domain's name) with a
     * token of the resource filled in.
     */
    static BootRun ofResources(Path dir, String option, String... programs) throws IOException {
        List<String> args = new ArrayList<>(List.of(option));
        for (String p : programs) {
            String name = p, resource = p, token = null, value = null;
            if (p.contains("=")) {
                name = p.substring(0, p.indexOf('='));
                resource = p.substring(p.indexOf('=') + 1);
                if (resource.contains(":")) {
                    String fill = resource.substring(resource.indexOf(':') + 1);
                    resource = resource.substring(0, resource.indexOf(':'));
                    token = fill.substring(0, fill.indexOf('='));
                    value = fill.substring(fill.indexOf('=') + 1);
                }
            }
            String text;
            try (InputStream in = BootRun.class.getResourceAsStream("/hostile/" + resource)) {
                if (in == null) throw new IOException("no test resource hostile/" + resource);
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (token != null) text = text.replace(token, value);
            Path f = dir.resolve(name);
            Files.writeString(f, text);
            args.add(f.toString());
        }
        return of(args.toArray(String[]::new));
    }
}
