package pebble.r5k.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a trace-event JSON file back: a strict little JSON parser (RFC 8259 values; integers as {@code Long},
 * other numbers as {@code Double}, objects as insertion-ordered maps) and the {@code traceEvents} array of the
 * object format. For tests and tools that check or mine a timeline (a marker span's cycles); no dependency.
 */
public final class TraceEventReader {
    private final String s;
    private int i;

    private TraceEventReader(String s) {
        this.s = s;
    }

    /** The events of a whole file, in file order; {@link IllegalArgumentException} for anything not valid JSON. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> events(String json) {
        Object top = parse(json);
        if (!(top instanceof Map<?, ?> m) || !(m.get("traceEvents") instanceof List<?> events)) {
            throw new IllegalArgumentException("not a trace-event object: no traceEvents array");
        }
        return (List<Map<String, Object>>) events;
    }

    /** One JSON value, the whole text. */
    public static Object parse(String json) {
        TraceEventReader r = new TraceEventReader(json);
        Object v = r.value();
        r.blank();
        if (r.i != json.length()) throw r.error("text after the value");
        return v;
    }

    private Object value() {
        blank();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return word("true", Boolean.TRUE);
            case 'f': return word("false", Boolean.FALSE);
            case 'n': return word("null", null);
            default: return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        blank();
        if (peek() == '}') { i++; return m; }
        while (true) {
            blank();
            if (peek() != '"') throw error("expected a key");
            String k = string();
            blank();
            expect(':');
            if (m.put(k, value()) != null) throw error("duplicate key " + k);
            blank();
            if (peek() == ',') { i++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> array() {
        List<Object> a = new ArrayList<>();
        i++;
        blank();
        if (peek() == ']') { i++; return a; }
        while (true) {
            a.add(value());
            blank();
            if (peek() == ',') { i++; continue; }
            expect(']');
            return a;
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') { b.append(c); continue; }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        String t = s.substring(start, i);
        if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) throw error("bad value");
        return t.matches("-?[0-9]+") ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
    }

    private Object word(String w, Object v) {
        if (!s.startsWith(w, i)) throw error("bad value");
        i += w.length();
        return v;
    }

    private void blank() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON offset " + i + ": " + what);
    }
}
