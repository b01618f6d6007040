package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors as plain arrays, in their order, so that they travel between the driver and
 * the tasks (tensors are not serialisable, and need not be); e.g. an optimiser's
 * {@link io.github.chainrule.nn.optim.Optimizer#stateDict() state dict}.
 */
final class TensorMap implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[][] shapes;
    private final double[][] values;

    private TensorMap(String[] names, int[][] shapes, double[][] values) {
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    /** A copy of {@code tensors}' names, shapes and values. */
    static TensorMap of(Map<String, Tensor> tensors) {
        int n = tensors.size();
        String[] names = new String[n];
        int[][] shapes = new int[n][];
        double[][] values = new double[n][];
        int i = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            names[i] = e.getKey();
            shapes[i] = e.getValue().shape();
            values[i] = e.getValue().toArray();
            i++;
        }
        return new TensorMap(names, shapes, values);
    }

    /** New tensors holding copies of the values, in the original order. */
    Map<String, Tensor> toTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], Tensor.of(values[i].clone(), shapes[i]));
        }
        return out;
    }
}
