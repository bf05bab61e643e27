package io.homeostat.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 (port 0) in front of a server, to break connections as a network does:
 * {@link #cut()} resets every open connection and every new one until {@link #restore()};
 * {@link #hold()} passes nothing on, either way, until {@link #release()}, as a peer that stops
 * answering (what was sent meanwhile is passed on then). Thread-safe.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final Object gate = new Object();
    private boolean held; // guarded by gate
    private volatile boolean closed;

    TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("tcp-relay-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection, and every new one until {@link #restore()}. */
    void cut() {
        cut = true;
        synchronized (gate) {
            gate.notifyAll(); // a held pump goes on, to find its sockets reset
        }
        sockets.forEach(TcpRelay::reset);
    }

    void restore() {
        cut = false;
    }

    /** Passes nothing on, on open connections and new ones, until {@link #release()}. */
    void hold() {
        synchronized (gate) {
            held = true;
        }
    }

    void release() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
        release();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (cut) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
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
                awaitRelease();
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the other direction or cut() closed the pair
        } finally {
            reset(from);
            reset(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitRelease() throws IOException {
        synchronized (gate) {
            while (held && !cut) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
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
