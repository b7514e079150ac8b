package org.infinergi.web.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    /** A body that never ends: what a 10 MB (or endless chunked) upload looks like to the reader. */
    private static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }
    }

    @Test
    void aBodyWithinTheCapIsReadWhole() throws Exception {
        assertArrayEquals(new byte[] {1, 2, 3}, RequestBodies.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3));
    }

    @Test
    void aBodyOverTheCapIsRefused413AfterReadingOneByteMore() throws IOException {
        Endless in = new Endless();
        RequestRejected e = assertThrows(RequestRejected.class, () -> RequestBodies.read(in, 4096));
        assertEquals(413, e.status());
        assertEquals("request body larger than 4096 bytes", e.getMessage());
        assertEquals(4097, in.read);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() throws RequestRejected {
        assertEquals(413, assertThrows(RequestRejected.class,
                () -> RequestBodies.refuseDeclaredLength(10L * 1024 * 1024, 4096)).status());
        RequestBodies.refuseDeclaredLength(-1, 4096);
        RequestBodies.refuseDeclaredLength(4096, 4096);
    }
}
