package io.homeostat.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 (port 0) in front of a database, to take the network away in tests:
 * {@link #cut()} resets every open connection and resets new ones on arrival until
 * {@link #restore()}; {@link #stall()} loses every byte without a word instead. Thread-safe.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Connections whose bytes are lost: those open when {@link #stall()} was called, or made after. */
    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean stalled;
    private volatile boolean closed;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    /** Resets every open connection and every new one until {@link #restore()}. */
    void cut() {
        cut = true;
        for (Socket s : sockets) {
            reset(s);
        }
        sockets.clear();
    }

    /**
     * Loses every byte from now on, as a network that drops packets and sends no reset: open
     * connections stay open and carry nothing, new ones are accepted and never answered, until
     * {@link #restore()}. The connections silenced stay so after it (their lost bytes would make
     * the rest garbage); only new ones carry bytes again.
     */
    void stall() {
        stalled = true;
        silenced.addAll(sockets);
    }

    void restore() {
        cut = false;
        stalled = false;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                if (cut) {
                    reset(client);
                    continue;
                }
                if (stalled) {
                    sockets.add(client);
                    silenced.add(client);
                    Thread.ofVirtual().start(() -> pump(client, client)); // reads, and writes nothing back
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!silenced.contains(from)) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the other direction or cut() closes the pair
        } finally {
            reset(from);
            reset(to);
            sockets.remove(from);
            sockets.remove(to);
            silenced.remove(from);
            silenced.remove(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
