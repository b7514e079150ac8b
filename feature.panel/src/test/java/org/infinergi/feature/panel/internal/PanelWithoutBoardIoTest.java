package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

import org.infinergi.core.charging.testing.Defaults;
import org.junit.jupiter.api.Test;

/** A plain image on a PC: the panel's pins are not there, and its activation says which one it could not open. */
class PanelWithoutBoardIoTest {

    @Test
    void aPinTheKernelDoesNotExposeIsNamed() {
        Context noBoard = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().build();
        try {
            PanelConfig config = Defaults.of(PanelConfig.class, Map.of("ledOutput", "DIGITAL"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Pi4jPanelHardware(noBoard, config, Keypad.MULTIFUNCTION, () -> 0L));
            assertTrue(e.getMessage().startsWith("board I/O not available: Logo LED red output GPIO "
                    + config.ledRedAddress() + ": "), e.getMessage());
            assertTrue(noBoard.registry().all().isEmpty(), "nothing left open");
        } finally {
            noBoard.shutdown();
        }
    }
}
