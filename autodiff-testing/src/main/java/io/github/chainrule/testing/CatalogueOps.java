package io.github.chainrule.testing;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.autodiff.catalogue.Domain;
import io.github.chainrule.autodiff.catalogue.OpCase;
import io.github.chainrule.autodiff.catalogue.OpCatalogue;
import io.github.chainrule.autodiff.catalogue.OpSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.Well19937c;

/**
 * The op catalogue's elementwise entries as {@link ExpressionOp}s. Each entry is sampled a
 * few times (with a fixed seed, so the list is stable): the sampled cases give the operation
 * with its parameters (one expression op per distinct parameter, e.g. each exponent of pow),
 * and the sampled inputs tell each input's domain, since an entry declares only its first.
 */
final class CatalogueOps {
    /**
     * Elementwise entries left out: their derivative jumps at points no {@link Domain} can keep
     * a random expression away from (clamp at ±1, maximum and minimum at ties), they need
     * a condition of a fixed shape (where), or they pass no gradient at all (sign).
     */
    static final Set<String> NOT_SMOOTH_ANYWHERE = Set.of("clamp", "maximum", "minimum", "where", "sign");
    private static final Set<String> AFFINE = Set.of("add", "sub", "rsub", "mul", "div");
    private static final int SAMPLES = 48;

    private CatalogueOps() {
    }

    /** The smooth elementwise catalogue operations, in catalogue order. */
    static List<ExpressionOp> smooth() {
        List<ExpressionOp> ops = new ArrayList<>();
        for (OpSpec spec : OpCatalogue.elementwise()) {
            if (NOT_SMOOTH_ANYWHERE.contains(spec.name())) {
                continue;
            }
            Well19937c rng = new Well19937c(spec.name().hashCode());
            Map<String, List<OpCase>> byParameters = new LinkedHashMap<>();
            for (int s = 0; s < SAMPLES; s++) {
                OpCase sampled = spec.sample(rng);
                byParameters.computeIfAbsent(parameters(spec, sampled), p -> new ArrayList<>()).add(sampled);
            }
            byParameters.forEach((parameters, cases) -> ops.add(new ExpressionOp(spec.name(), parameters,
                    domains(spec.arity(), cases), in -> cases.get(0).apply(in))));
        }
        return List.copyOf(ops);
    }

    /** The printed parameters, e.g. {@code ", 0.5"} for pow with p = 0.5; empty when none. */
    private static String parameters(OpSpec spec, OpCase sampled) {
        if (spec.arity() != 1) {
            return "";
        }
        if (AFFINE.contains(spec.name())) {
            // Rounded so that, e.g., 1/(1/−1.3) prints as −1.3.
            return ", " + Math.round(affineConstant(spec.name(), sampled) * 1e9) / 1e9;
        }
        String description = sampled.description();
        String before = description.substring(0, Math.max(0, description.lastIndexOf(" x("))).trim();
        return before.isEmpty() ? "" : ", " + before.substring(before.indexOf('=') + 1);
    }

    /**
     * The constant c of x+c, x−c, c−x, c·x or x/c, read off the operation's values at 0 and 1,
     * which the catalogue entry does not otherwise expose.
     */
    private static double affineConstant(String name, OpCase sampled) {
        double at0 = sampled.apply(Tensor.scalar(0)).item();
        double slope = sampled.apply(Tensor.scalar(1)).item() - at0;
        return switch (name) {
            case "add", "rsub" -> at0;
            case "sub" -> -at0;
            case "mul" -> slope;
            default -> 1 / slope;
        };
    }

    /** The narrowest domain holding every sampled value of each input. */
    private static Domain[] domains(int arity, List<OpCase> cases) {
        Domain[] domains = new Domain[arity];
        for (int k = 0; k < arity; k++) {
            domains[k] = Domain.REAL;
            for (Domain candidate : new Domain[] {Domain.POSITIVE, Domain.AWAY_FROM_ZERO}) {
                if (allIn(candidate, cases, k)) {
                    domains[k] = candidate;
                    break;
                }
            }
        }
        return domains;
    }

    private static boolean allIn(Domain domain, List<OpCase> cases, int k) {
        for (OpCase c : cases) {
            for (double v : c.inputs()[k].toArray()) {
                if (!domain.contains(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
