package io.github.chainrule.autodiff.kernel;

/** Plain-Java kernels (placeholder until the blocked kernels land). */
public final class PlainKernels implements Kernels {
    @Override
    public void gemm(double[] a, int aOffset, boolean transA, double[] b, int bOffset, boolean transB,
                     double[] c, int cOffset, int m, int n, int k, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                    double y = transB ? b[bOffset + j * k + p] : b[bOffset + p * n + j];
                    s += x * y;
                }
                c[cOffset + i * n + j] = accumulate ? c[cOffset + i * n + j] + s : s;
            }
        }
    }

    @Override
    public double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += x[xOffset + i] * y[yOffset + i];
        }
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public double sum(double[] x, int offset, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += x[offset + i];
        }
        return s;
    }

    @Override
    public String name() {
        return "plain";
    }
}
