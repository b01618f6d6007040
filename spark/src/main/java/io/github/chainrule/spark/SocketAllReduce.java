package io.github.chainrule.spark;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.UnaryOperator;

/**
 * Allreduce over TCP among a barrier stage's tasks: every task sends its vector to task 0, which
 * adds them in partition order (its own first) and sends the sum back to each. Every task thus
 * receives the very same bits; task 0 moves 2(P−1) vectors per step, the others two.
 *
 * <p>The one rendezvous, exchanging task 0's address, goes through Spark's {@code allGather}
 * once per stage; Spark answers it by polling once a second, which is why it is not used per
 * step (measured in docs/spark.md). The channels are interruptible, so a task killed by Spark
 * (when another task of the stage fails) stops waiting at once, and the others see the
 * connection close.
 */
final class SocketAllReduce implements AllReduce, Closeable {
    private final int partition;
    private final SocketChannel[] peers;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private SocketAllReduce(int partition, SocketChannel[] peers) {
        this.partition = partition;
        this.peers = peers;
    }

    /**
     * Connects the {@code partitions} tasks. Task 0 listens on an ephemeral port and advertises
     * it as {@code host}; {@code rendezvous} is called once by every task with its message
     * (task 0's "host:port", the others' empty) and returns all messages by partition.
     */
    static SocketAllReduce connect(int partition, int partitions, String host, UnaryOperator<String[]> rendezvous)
            throws IOException {
        if (partition == 0) {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(0), partitions);
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                rendezvous.apply(new String[] {host + ":" + port});
                SocketChannel[] peers = new SocketChannel[partitions];
                try {
                    for (int i = 1; i < partitions; i++) {
                        SocketChannel peer = server.accept();
                        configure(peer);
                        ByteBuffer id = ByteBuffer.allocate(4);
                        readFully(peer, id);
                        int p = id.getInt(0);
                        if (p < 1 || p >= partitions || peers[p] != null) {
                            peer.close();
                            throw new IOException("allreduce: unexpected peer " + p + " of " + partitions);
                        }
                        peers[p] = peer;
                    }
                } catch (IOException | RuntimeException e) {
                    new SocketAllReduce(0, peers).close();
                    throw e;
                }
                return new SocketAllReduce(0, peers);
            }
        }
        String[] all = rendezvous.apply(new String[] {""});
        String address = all[0];
        int colon = address.lastIndexOf(':');
        SocketChannel channel = SocketChannel.open();
        try {
            channel.connect(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))));
            configure(channel);
            writeFully(channel, ByteBuffer.allocate(4).putInt(0, partition));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        SocketChannel[] peers = new SocketChannel[partitions];
        peers[0] = channel;
        return new SocketAllReduce(partition, peers);
    }

    /** This task's partition. */
    int partition() {
        return partition;
    }

    private static void configure(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @Override
    public double[] sum(double[] local) {
        try {
            ByteBuffer bytes = buffer(local.length);
            if (partition != 0) {
                bytes.asDoubleBuffer().put(local);
                writeFully(peers[0], bytes);
                readFully(peers[0], bytes);
                double[] total = new double[local.length];
                bytes.asDoubleBuffer().get(total);
                return total;
            }
            double[] total = local.clone();
            double[] other = new double[local.length];
            for (int p = 1; p < peers.length; p++) {
                readFully(peers[p], bytes);
                bytes.asDoubleBuffer().get(other);
                for (int i = 0; i < total.length; i++) {
                    total[i] += other[i];
                }
            }
            bytes.asDoubleBuffer().put(total);
            for (int p = 1; p < peers.length; p++) {
                writeFully(peers[p], bytes);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("allreduce: partition " + partition + " lost its peers (another task failed?): "
                    + e.getMessage(), e);
        }
    }

    /** Every task's value by partition: the sum of one-hot vectors (exact below 2⁵³). */
    @Override
    public long[] gather(long value) {
        double[] mine = new double[peers.length];
        mine[partition] = value;
        double[] all = sum(mine);
        long[] out = new long[all.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (long) all[p];
        }
        return out;
    }

    private ByteBuffer buffer(int values) {
        if (buffer.capacity() != 8 * values) {
            buffer = ByteBuffer.allocateDirect(8 * values).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        return buffer;
    }

    /** Reads until {@code bytes} is full, then rewinds it for reading. */
    private static void readFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
        bytes.clear();
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) {
                throw new EOFException("connection closed after " + bytes.position() + " of " + bytes.limit() + " bytes");
            }
        }
        bytes.flip();
    }

    /** Writes all of {@code bytes} from its start. */
    private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
        bytes.clear();
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        bytes.clear();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SocketChannel c : peers) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
