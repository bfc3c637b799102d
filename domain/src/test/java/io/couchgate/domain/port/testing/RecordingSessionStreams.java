package io.couchgate.domain.port.testing;

import io.couchgate.domain.SessionId;
import io.couchgate.domain.port.SessionStreams;
import java.util.ArrayList;
import java.util.List;

/** A {@link SessionStreams} that records, in order, every session whose streams were ended. Thread-safe. */
public final class RecordingSessionStreams implements SessionStreams {

    private final List<SessionId> ended = new ArrayList<>();

    @Override
    public synchronized void endAll(SessionId session) {
        ended.add(session);
    }

    /** @return every session passed to {@link #endAll(SessionId)}, in order, repeats included */
    public synchronized List<SessionId> ended() {
        return List.copyOf(ended);
    }
}
