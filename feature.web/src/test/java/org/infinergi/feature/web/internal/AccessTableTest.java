package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessTableTest {

    private final AccessTable table = AccessTable.CHARGER;

    @Test
    void theUserGetsStatusHistoryReadingsAndTheButtonsRequests() {
        assertEquals(Level.USER, table.required("/api/status", "GET"));
        assertEquals(Level.USER, table.required("/api/sessions", "GET"));
        assertEquals(Level.USER, table.required("/api/errors", "GET"));
        assertEquals(Level.USER, table.required("/api/readings", "GET"));
        assertEquals(Level.USER, table.required("/api/control", "POST"));
        assertEquals(Level.USER, table.required("/api/auth", "GET"));
        assertEquals(Level.USER, table.required("/api/settings/security", "PUT"));
    }

    @Test
    void theInfoSectionIsTheUsers_toReadOnly() {
        assertEquals(Level.USER, table.required("/api/info", "GET"));
        assertEquals(Level.ADMIN, table.required("/api/info", "POST"));
    }

    @Test
    void thePagesThemselvesAreOpen_theirDataIsNot() {
        // the login form is one of the pages; what they show comes from /api, behind its login
        assertEquals(Level.OPEN, table.required("/ui/", "GET"));
        assertEquals(Level.OPEN, table.required("/ui/app.js", "GET"));
    }

    @Test
    void theAdministrativeEndpointsNeedTheAdmin() {
        assertEquals(Level.ADMIN, table.required("/api/update", "GET"));
        assertEquals(Level.ADMIN, table.required("/api/update", "POST"));
        assertEquals(Level.ADMIN, table.required("/api/update", "DELETE"));
        assertEquals(Level.ADMIN, table.required("/api/admin/security", "PUT"));
        assertEquals(Level.ADMIN, table.required("/api/admin/installation", "GET"));
        // managing the card list (manual §7.1.2) changes things: admin, whatever route it takes
        assertEquals(Level.ADMIN, table.required("/api/auth", "POST"));
        assertEquals(Level.ADMIN, table.required("/api/auth/cards", "GET"));
        assertEquals(Level.ADMIN, table.required("/api/auth", "DELETE"));
    }

    @Test
    void aPathOrMethodNotInTheTableNeedsTheAdmin() {
        assertEquals(Level.ADMIN, table.required("/api/something-new", "GET"));
        assertEquals(Level.ADMIN, table.required("/api", "GET"));
        assertEquals(Level.ADMIN, table.required("/api/status", "PUT"));
        assertEquals(Level.ADMIN, table.required("/api/control", "GET"));
        assertEquals(Level.ADMIN, table.required("/api/statusx", "GET"));
        assertEquals(Level.ADMIN, table.required("/api/settings/securityx", "PUT"));
    }

    @Test
    void onlyTheSimulatedWorldIsOpen() {
        assertEquals(Level.OPEN, table.required("/api/sim", "GET"));
        assertEquals(Level.OPEN, table.required("/api/sim/ev", "POST"));
        assertEquals(Level.ADMIN, table.required("/api/simulate", "POST"), "a prefix is a whole path segment");
        assertEquals(Level.OPEN, table.required("/index.html", "GET"), "pages are not the table's business");
    }

    @Test
    void theAdminCoversTheUser() {
        assertEquals(true, Level.ADMIN.covers(Level.USER));
        assertEquals(false, Level.USER.covers(Level.ADMIN));
        assertEquals(true, Level.USER.covers(Level.OPEN));
    }
}
