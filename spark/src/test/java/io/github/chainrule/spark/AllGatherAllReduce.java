package io.github.chainrule.spark;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.spark.BarrierTaskContext;

/**
 * Allreduce by {@link BarrierTaskContext#allGather}: each task sends its vector (as Base64 of
 * its IEEE-754 bytes) to the driver's barrier coordinator, which returns all of them to every
 * task; each task then adds them in partition order. One round trip through the driver per step,
 * moving P vectors to each of the P tasks: cheap for the small models Spark users train this
 * way; but Spark answers allGather by polling once a second, so a step costs up to a second. Kept
 * for the collective benchmark; training uses {@link SocketAllReduce}.
 */
final class AllGatherAllReduce implements AllReduce {
    private final BarrierTaskContext context;

    AllGatherAllReduce(BarrierTaskContext context) {
        this.context = context;
    }

    @Override
    public double[] sum(double[] local) {
        String[] all = context.allGather(encode(local));
        double[] total = new double[local.length];
        for (int p = 0; p < all.length; p++) {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(all[p]));
            if (in.remaining() != 8 * local.length) {
                throw new IllegalStateException("allreduce: partition " + p + " sent " + in.remaining() / 8
                        + " values, this one " + local.length + "; the tasks run different models");
            }
            for (int i = 0; i < total.length; i++) {
                total[i] += in.getDouble();
            }
        }
        return total;
    }

    @Override
    public long[] gather(long value) {
        String[] all = context.allGather(Long.toString(value));
        long[] out = new long[all.length];
        for (int p = 0; p < all.length; p++) {
            out[p] = Long.parseLong(all[p]);
        }
        return out;
    }

    static String encode(double[] values) {
        ByteBuffer out = ByteBuffer.allocate(8 * values.length);
        for (double v : values) {
            out.putDouble(v);
        }
        return Base64.getEncoder().encodeToString(out.array());
    }
}
