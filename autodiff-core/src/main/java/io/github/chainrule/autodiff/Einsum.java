package io.github.chainrule.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Einstein summation: {@code "ij,jk->ik"} names each operand's axes with letters; letters
 * shared by operands are multiplied along, letters missing from the output are summed over.
 * Without {@code ->} the output is every letter used exactly once, in alphabetical order (as
 * NumPy). Each operand first takes its diagonals (a letter repeated, as in {@code "ii->"}) and
 * sums the letters nobody else needs; operands are then contracted left to right, each pair as
 * one batched matrix product (batch letters, kept letters of each side, summed letters), so the
 * work runs on the matmul kernels and every derivative is that of permute, reshape, sum,
 * indexSelect and matmul.
 */
final class Einsum {
    private Einsum() {
    }

    /** A tensor whose axes are named by letters. */
    private record Labelled(Tensor tensor, String labels) {
    }

    static Tensor einsum(String subscripts, Tensor[] operands) {
        String spec = subscripts.replace(" ", "");
        if (spec.contains(".")) {
            throw error(subscripts, operands, "an ellipsis (...) is not supported; name every axis");
        }
        int arrow = spec.indexOf("->");
        String inputs = arrow < 0 ? spec : spec.substring(0, arrow);
        String[] names = inputs.split(",", -1);
        if (names.length != operands.length) {
            throw error(subscripts, operands, names.length + " operand subscripts for " + operands.length + " operands");
        }
        Map<Character, Integer> sizes = new HashMap<>();
        int[] uses = new int[128];
        for (int t = 0; t < names.length; t++) {
            String name = names[t];
            if (name.length() != operands[t].rank()) {
                throw error(subscripts, operands, "operand " + t + " of shape " + Shapes.str(operands[t].shape)
                        + " has rank " + operands[t].rank() + " but '" + name + "' names " + name.length() + " axes");
            }
            for (int d = 0; d < name.length(); d++) {
                char c = name.charAt(d);
                if (!Character.isLetter(c) || c >= 128) {
                    throw error(subscripts, operands, "'" + c + "' is not a letter (a-z, A-Z)");
                }
                uses[c]++;
                Integer known = sizes.putIfAbsent(c, operands[t].shape[d]);
                if (known != null && known != operands[t].shape[d]) {
                    throw error(subscripts, operands, "'" + c + "' has length " + known + " in one place but "
                            + operands[t].shape[d] + " in operand " + t + " of shape " + Shapes.str(operands[t].shape));
                }
            }
        }
        String output = arrow < 0 ? implicitOutput(uses) : spec.substring(arrow + 2);
        for (int d = 0; d < output.length(); d++) {
            char c = output.charAt(d);
            if (!sizes.containsKey(c)) {
                throw error(subscripts, operands, "output letter '" + c + "' names no input axis");
            }
            if (output.indexOf(c) != d) {
                throw error(subscripts, operands, "output letter '" + c + "' appears twice");
            }
        }
        List<Labelled> pending = new ArrayList<>();
        for (int t = 0; t < operands.length; t++) {
            pending.add(new Labelled(operands[t], names[t]));
        }
        Labelled current = reduceAlone(diagonals(pending.get(0)), needed(output, pending, 0));
        for (int t = 1; t < pending.size(); t++) {
            String keep = needed(output, pending, t);
            Labelled next = reduceAlone(diagonals(pending.get(t)), keep + current.labels());
            current = contract(reduceAlone(current, keep + next.labels()), next, keep);
        }
        current = reduceAlone(current, output);
        int[] order = new int[output.length()];
        for (int d = 0; d < order.length; d++) {
            order[d] = current.labels().indexOf(output.charAt(d));
        }
        return order.length < 2 ? current.tensor() : current.tensor().permute(order);
    }

    private static String implicitOutput(int[] uses) {
        StringBuilder out = new StringBuilder();
        for (char c = 'A'; c <= 'z'; c++) {
            if (uses[c] == 1) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The letters of the output and of every operand after {@code t}. */
    private static String needed(String output, List<Labelled> pending, int t) {
        StringBuilder keep = new StringBuilder(output);
        for (int u = t + 1; u < pending.size(); u++) {
            keep.append(pending.get(u).labels());
        }
        return keep.toString();
    }

    /** Takes the diagonal of every letter that names two axes, until each letter names one. */
    private static Labelled diagonals(Labelled x) {
        Tensor t = x.tensor();
        String labels = x.labels();
        for (int p = 0; p < labels.length(); p++) {
            int q = labels.indexOf(labels.charAt(p), p + 1);
            if (q < 0) {
                continue;
            }
            int n = t.shape[p];
            int rank = labels.length();
            int[] order = new int[rank];
            StringBuilder rest = new StringBuilder();
            for (int d = 0, at = 0; d < rank; d++) {
                if (d != p && d != q) {
                    order[at++] = d;
                    rest.append(labels.charAt(d));
                }
            }
            order[rank - 2] = p;
            order[rank - 1] = q;
            int[] flat = Arrays.copyOf(t.permute(order).shape, rank - 1);
            flat[rank - 2] = n * n;
            int[] diagonal = new int[n];
            for (int i = 0; i < n; i++) {
                diagonal[i] = i * (n + 1);
            }
            t = t.permute(order).reshape(flat).indexSelect(rank - 2, diagonal);
            labels = rest.append(labels.charAt(p)).toString();
            p = -1;
        }
        return new Labelled(t, labels);
    }

    /** Sums over every letter of {@code x} that is not in {@code keep}. */
    private static Labelled reduceAlone(Labelled x, String keep) {
        Tensor t = x.tensor();
        StringBuilder labels = new StringBuilder(x.labels());
        for (int d = labels.length() - 1; d >= 0; d--) {
            if (keep.indexOf(labels.charAt(d)) < 0) {
                t = t.sum(d, false);
                labels.deleteCharAt(d);
            }
        }
        return new Labelled(t, labels.toString());
    }

    /**
     * One pairwise contraction as a batched product (batch, left, summed) · (batch, summed,
     * right), the result labelled batch + left + right.
     */
    private static Labelled contract(Labelled a, Labelled b, String keep) {
        StringBuilder batch = new StringBuilder();
        StringBuilder summed = new StringBuilder();
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (char c : a.labels().toCharArray()) {
            boolean shared = b.labels().indexOf(c) >= 0;
            (shared ? keep.indexOf(c) >= 0 ? batch : summed : left).append(c);
        }
        for (char c : b.labels().toCharArray()) {
            if (a.labels().indexOf(c) < 0) {
                right.append(c);
            }
        }
        Tensor a3 = arrange(a, batch + "" + left + summed, batch.length(), left.length());
        Tensor b3 = arrange(b, batch + "" + summed + right, batch.length(), summed.length());
        int[] shape = new int[batch.length() + left.length() + right.length()];
        int at = 0;
        for (String part : new String[] {batch.toString(), left.toString()}) {
            for (char c : part.toCharArray()) {
                shape[at++] = a.tensor().shape[a.labels().indexOf(c)];
            }
        }
        for (char c : right.toString().toCharArray()) {
            shape[at++] = b.tensor().shape[b.labels().indexOf(c)];
        }
        return new Labelled(a3.matmul(b3).reshape(shape), batch + "" + left + right);
    }

    /** {@code x} permuted to {@code order} and reshaped to (first group, second group, the rest). */
    private static Tensor arrange(Labelled x, String order, int first, int second) {
        int[] perm = new int[order.length()];
        int[] size = {1, 1, 1};
        for (int d = 0; d < perm.length; d++) {
            perm[d] = x.labels().indexOf(order.charAt(d));
            size[d < first ? 0 : d < first + second ? 1 : 2] *= x.tensor().shape[perm[d]];
        }
        Tensor t = perm.length < 2 ? x.tensor() : x.tensor().permute(perm);
        return t.reshape(size);
    }

    private static IllegalArgumentException error(String subscripts, Tensor[] operands, String problem) {
        StringBuilder shapes = new StringBuilder();
        for (Tensor t : operands) {
            shapes.append(shapes.length() == 0 ? "" : ", ").append(Shapes.str(t.shape));
        }
        return new IllegalArgumentException("einsum '" + subscripts + "' on shapes " + shapes + ": " + problem);
    }
}
