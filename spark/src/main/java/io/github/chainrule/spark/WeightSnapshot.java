package io.github.chainrule.spark;

import io.github.chainrule.autodiff.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.Parameter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the driver broadcasts every step: each parameter's name, shape, trainability and values
 * as plain arrays (tensors are not serialisable, and need not be). Loaded into an executor's
 * replica with {@link Module#loadStateDict(Map)}, which checks every name and shape.
 */
final class WeightSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[][] shapes;
    private final boolean[] trainable;
    private final double[][] values;

    private WeightSnapshot(String[] names, int[][] shapes, boolean[] trainable, double[][] values) {
        this.names = names;
        this.shapes = shapes;
        this.trainable = trainable;
        this.values = values;
    }

    /** A copy of the current values of all of {@code model}'s parameters, in their order. */
    static WeightSnapshot of(Module model) {
        Map<String, Parameter> params = model.namedParameters();
        int n = params.size();
        String[] names = new String[n];
        int[][] shapes = new int[n][];
        boolean[] trainable = new boolean[n];
        double[][] values = new double[n][];
        int i = 0;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            names[i] = e.getKey();
            shapes[i] = e.getValue().shape();
            trainable[i] = e.getValue().requiresGrad();
            values[i] = e.getValue().value().toArray();
            i++;
        }
        return new WeightSnapshot(names, shapes, trainable, values);
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    int[] shape(int i) {
        return shapes[i].clone();
    }

    boolean trainable(int i) {
        return trainable[i];
    }

    double[] values(int i) {
        return values[i];
    }

    /** The total number of values. */
    long valueCount() {
        long n = 0;
        for (double[] v : values) {
            n += v.length;
        }
        return n;
    }

    /** The number of values of trainable parameters (what a gradient carries). */
    long trainableValueCount() {
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            if (trainable[i]) {
                n += values[i].length;
            }
        }
        return n;
    }

    /** Loads the snapshot into {@code replica}, all or nothing (names and shapes checked). */
    void loadInto(Module replica) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            state.put(names[i], Tensor.of(values[i], shapes[i]));
        }
        replica.loadStateDict(state);
    }
}
