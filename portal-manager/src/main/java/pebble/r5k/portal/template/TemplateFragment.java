package pebble.r5k.portal.template;

import java.util.List;

/** A piece of portal code the guest copies and patches: words with every install-time field zero, and its fixups. */
public record TemplateFragment(String name, int[] words, List<TemplateFixup> fixups) {
    public TemplateFragment {
        words = words.clone();
        fixups = List.copyOf(fixups);
    }

    public int bytes() { return words.length * 4; }
}
