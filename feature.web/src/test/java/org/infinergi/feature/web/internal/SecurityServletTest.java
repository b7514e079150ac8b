package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.infinergi.feature.web.internal.WebLogins.Login;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityServletTest {

    @TempDir
    Path dir;

    private WebLogins logins;

    private SecurityServlet servlet() {
        logins = new WebLogins(dir.resolve(WebLogins.FILE), () -> "21/001-000001", 1000);
        return new SecurityServlet(logins, new Access(logins, AccessTable.CHARGER,
                java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(15)));
    }

    private static FakeHttp.Response put(SecurityServlet servlet, String uri, String body) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        servlet.service(new FakeHttp.Request("PUT", uri).body(body).proxy(), resp.proxy());
        return resp;
    }

    @Test
    void theUserChangesItsOwnPassword() throws Exception {
        SecurityServlet servlet = servlet();
        FakeHttp.Response resp = put(servlet, SecurityServlet.USER_PATH,
                "{\"userWebPassword\":\"garage-door\",\"currentPassword\":\"000001\"}");
        assertEquals(200, resp.status, resp.body());
        assertEquals("{\"userWebPassword\":\"CHANGED\"}", resp.body());
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "garage-door"));
    }

    /** Issue 18: the user changing its own password gives the one it has; nothing changes without it. */
    @Test
    void theUserGivesItsCurrentPassword_withoutOrWrong_nothingChanges() throws Exception {
        SecurityServlet servlet = servlet();
        FakeHttp.Response without = put(servlet, SecurityServlet.USER_PATH, "{\"userWebPassword\":\"garage-door\"}");
        assertEquals(400, without.status);
        assertTrue(without.body().contains("\"field\":\"currentPassword\""), without.body());
        FakeHttp.Response wrong = put(servlet, SecurityServlet.USER_PATH,
                "{\"userWebPassword\":\"garage-door\",\"currentPassword\":\"000002\"}");
        assertEquals(403, wrong.status);
        assertTrue(wrong.body().contains("\"field\":\"currentPassword\""), wrong.body());
        FakeHttp.Response typed = put(servlet, SecurityServlet.USER_PATH,
                "{\"userWebPassword\":\"garage-door\",\"currentPassword\":1}");
        assertEquals(400, typed.status);
        assertTrue(logins.atDefault(Login.USER), "nothing changed");
        // wrong current passwords count like failed logins: the fourth closes the address
        for (int i = 0; i < LoginBackoff.FREE_FAILURES; i++) {
            put(servlet, SecurityServlet.USER_PATH, "{\"userWebPassword\":\"garage-door\",\"currentPassword\":\"x\"}");
        }
        assertEquals(429, put(servlet, SecurityServlet.USER_PATH,
                "{\"userWebPassword\":\"garage-door\",\"currentPassword\":\"000001\"}").status);
        assertTrue(logins.atDefault(Login.USER));
    }

    @Test
    void theUserCannotSetTheAdminPassword() throws Exception {
        SecurityServlet servlet = servlet();
        FakeHttp.Response resp = put(servlet, SecurityServlet.USER_PATH, "{\"adminWebPassword\":\"takeover\"}");
        assertEquals(400, resp.status);
        assertTrue(resp.body().contains("\"field\":\"adminWebPassword\""), resp.body());
        assertTrue(logins.atDefault(Login.ADMIN));
    }

    @Test
    void theAdminSetsBothAndABlankFieldResetsToTheDefault() throws Exception {
        SecurityServlet servlet = servlet();
        assertEquals(200, put(servlet, SecurityServlet.ADMIN_PATH,
                "{\"adminWebPassword\":\"installer-1\",\"userWebPassword\":\"family-1\"}").status);
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "installer-1"));
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "family-1"));
        FakeHttp.Response reset = put(servlet, SecurityServlet.ADMIN_PATH, "{\"userWebPassword\":\"\"}");
        assertEquals("{\"adminWebPassword\":\"CHANGED\",\"userWebPassword\":\"DEFAULT\"}", reset.body());
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "000001"));
    }

    @Test
    void aWrongBodyIs400NamingTheFieldAndChangesNothing() throws Exception {
        SecurityServlet servlet = servlet();
        String[][] cases = {
                {"{\"adminWebPassword\":\"short\"}", "adminWebPassword"},
                {"{\"adminWebPassword\":\"" + "x".repeat(65) + "\"}", "adminWebPassword"},
                {"{\"userWebPassword\":\"tab\\there1\"}", "userWebPassword"},
                {"{\"userWebPassword\":123456}", "userWebPassword"},
                {"{\"userWebPassword\":null}", "userWebPassword"},
                {"{\"adminWebPassword\":\"good-one-1\",\"userWebPassword\":\"bad\"}", "userWebPassword"},
                {"{\"adminPassword\":\"good-one-1\"}", "adminPassword"},
        };
        for (String[] c : cases) {
            FakeHttp.Response resp = put(servlet, SecurityServlet.ADMIN_PATH, c[0]);
            assertEquals(400, resp.status, c[0]);
            assertTrue(resp.body().contains("\"field\":\"" + c[1] + "\""), c[0] + " → " + resp.body());
        }
        assertEquals(400, put(servlet, SecurityServlet.ADMIN_PATH, "{}").status);
        assertEquals(400, put(servlet, SecurityServlet.ADMIN_PATH, "{\"userWebPassword\":\"abcdef\"} {}").status);
        assertTrue(logins.atDefault(Login.ADMIN), "nothing changed");
        assertTrue(logins.atDefault(Login.USER), "nothing changed");
    }

    /** Issue 18 "Bad input": an oversize body is a tampered request: 400 naming the limit, and nothing changes. */
    @Test
    void anOversizeBodyIs400NamingTheLimit_andChangesNothing() throws Exception {
        SecurityServlet servlet = servlet();
        FakeHttp.Response resp = put(servlet, SecurityServlet.ADMIN_PATH,
                "{\"adminWebPassword\":\"" + "x".repeat(2000) + "\"}");
        assertEquals(400, resp.status, resp.body());
        assertTrue(resp.body().contains("larger than 1024 bytes, the limit of this endpoint"), resp.body());
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"), "the default still opens");
    }
}
