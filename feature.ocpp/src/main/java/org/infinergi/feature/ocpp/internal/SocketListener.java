package org.infinergi.feature.ocpp.internal;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's events of one connection attempt, handed on to {@link Connection}. Public because Jetty calls its methods
 * through a public method lookup; it stays in the private package.
 */
public final class SocketListener implements Session.Listener.AutoDemanding {

    /** What {@link Connection} does with the events, on its own thread. */
    interface Events {
        void opened(SocketListener l, Session s);

        void text(SocketListener l, String text);

        void binary(SocketListener l);

        void closed(SocketListener l, int code, String reason);

        void failed(SocketListener l, Throwable cause);
    }

    private final Events events;
    /** Set on the client's thread once open. */
    Session session;

    SocketListener(Events events) {
        this.events = events;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        events.opened(this, s);
    }

    @Override
    public void onWebSocketText(String text) {
        events.text(this, text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        events.binary(this);
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        events.closed(this, code, reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        events.failed(this, cause);
    }
}
