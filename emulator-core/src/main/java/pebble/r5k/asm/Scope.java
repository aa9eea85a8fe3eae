package pebble.r5k.asm;

import java.util.LinkedHashMap;
import java.util.Map;

/** The symbols of one source file (and its includes); globals are also published to the shared table. */
final class Scope {
    final String file;
    final Map<String, Symbol> symbols = new LinkedHashMap<>();
    /** Names this file defines in small-data sections (found before assembling, for forward references). */
    final java.util.Set<String> smallData = new java.util.HashSet<>();

    Scope(String file) {
        this.file = file;
    }

    Symbol get(String name) {
        return symbols.computeIfAbsent(name, Symbol::new);
    }
}
