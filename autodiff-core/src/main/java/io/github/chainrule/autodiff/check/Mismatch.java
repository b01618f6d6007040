package io.github.chainrule.autodiff.check;

/**
 * One entry where backward and finite differences disagree.
 *
 * @param output the flat index of the output element (or the projection number)
 * @param input which input of the function, or −1 for a projection
 * @param element the element of that input, one coordinate per axis
 * @param numerical the finite-difference estimate
 * @param analytical what backward computed
 */
public record Mismatch(int output, int input, int[] element, double numerical, double analytical) {

    /** |analytical − numerical|. */
    public double absoluteError() {
        return Math.abs(analytical - numerical);
    }

    /** |analytical − numerical| / max(|numerical|, 1e-12). */
    public double relativeError() {
        return absoluteError() / Math.max(Math.abs(numerical), 1e-12);
    }

    /** True when this entry is a projection uᵀJv of projection mode rather than one Jacobian entry. */
    public boolean isProjection() {
        return input < 0;
    }

    @Override
    public String toString() {
        if (isProjection()) {
            return "projection mismatch for random product " + output + " (uᵀJv over all inputs): numerical "
                    + numerical + " vs analytical " + analytical + " (abs error " + absoluteError() + ", rel error "
                    + relativeError() + ")";
        }
        return "Jacobian mismatch for output " + output + " with respect to input " + input + ", element "
                + java.util.Arrays.toString(element) + ": numerical " + numerical + " vs analytical " + analytical
                + " (abs error " + absoluteError() + ", rel error " + relativeError() + ")";
    }
}
