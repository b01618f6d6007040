package io.github.chainrule.examples.plot;

import java.awt.Color;

/**
 * Class colours: the ten "Tableau 10" colours, which stay distinguishable for most forms of
 * colour blindness and on print, and their pale tints for filled regions.
 */
public final class Palette {

    private static final Color[] CLASS_COLOURS = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private Palette() {
    }

    /**
     * @param label a class label, at least 0; colours repeat after ten classes
     * @return the colour of that class
     */
    public static Color classColour(int label) {
        return CLASS_COLOURS[Math.floorMod(label, CLASS_COLOURS.length)];
    }

    /**
     * The class colour mixed with white. Opaque rather than translucent because the region cells
     * overlap slightly, and translucent overlaps would show as a darker grid.
     *
     * @param label    a class label
     * @param strength 0 gives white, 1 the full class colour
     * @return the tint
     */
    public static Color classTint(int label, double strength) {
        Color c = classColour(label);
        double s = Math.max(0, Math.min(1, strength));
        return new Color(mix(c.getRed(), s), mix(c.getGreen(), s), mix(c.getBlue(), s));
    }

    private static int mix(int channel, double strength) {
        return (int) Math.round(255 - (255 - channel) * strength);
    }
}
