// An independent OCPP 1.6J central system for the tests of feature.ocpp: ocpp-rpc's RPCServer (MIT) with strict
// validation against the official OCPP 1.6 JSON schemas, so a message of ours that breaks a schema is refused here
// by someone else's validator, not by our own.
//
// Usage: node central-system.js [--port N] [--boot Pending,Accepted] [--interval S] [--heartbeat S]
//                                [--malformed] [--exit-after S] [--ping-ms MS] [--tx-base N]
//                                [--authorize Accepted|Invalid|Blocked] [--tx-error N] [--command-file PATH]
//   --malformed: once the first StatusNotification is answered, sends two bad CALLs (a value of the wrong type, an
//                unknown action), for a test that cannot type commands (Pax Exam: the test runs in the charger's JVM)
//   --exit-after: ends by itself after S seconds (default 900), whatever the test did
//   --ping-ms: WebSocket ping period (ocpp-rpc closes a client whose pong is missing); stdout {"event":"pong"}
//   --tx-base: the first transactionId given by StartTransaction (then +1 each), so that a restarted central
//              system gives ids of its own; --authorize: the idTagInfo status of Authorize (default Accepted);
//   --tx-error: answers the first N transaction messages with a CALLERROR (InternalError)
//   --http-dir DIR (ocppmgmt): a firmware/diagnostics HTTP server beside it, see its block at the end
//   --commands FILE (ocppmgmt): call commands read from a file instead of stdin, see its block at the end
//   stdout also (ocppmgmt): {"event":"firmwareStatus"|"diagnosticsStatus","status":..}, {"event":"http","port":N},
//           {"event":"download",..}, {"event":"upload",..}
//   stdout also: {"event":"tx","action":..,"params":..,"transactionId":..} for every transaction message received
//   stdout: one JSON object a line: {"event":"listening","port":N}, {"event":"connected","identity":..,"protocol":..},
//           {"event":"message","outbound":bool,"message":"<raw frame>"}, {"event":"strictValidationFailure",..},
//           {"event":"badMessage",..}, {"event":"result","tag":..,"result"|"error":..}, {"event":"disconnected"},
//           {"event":"pingReceived"} (a WebSocket ping of the charge point)
//   stdin:  one JSON object a line: {"cmd":"call","tag":T,"method":M,"params":P} (a strict call to the charge point),
//           {"cmd":"raw","message":"<frame>"} (sent as it is: malformed frames), {"cmd":"close"} (drop the client),
//           {"cmd":"freeze"} (stop reading the client's socket, TCP left open: a dead link, no pongs, no answers).
'use strict';
const { RPCServer } = require('ocpp-rpc');
const readline = require('readline');

function arg(name, dflt) {
    const i = process.argv.indexOf('--' + name);
    return i > 0 ? process.argv[i + 1] : dflt;
}
const port = Number(arg('port', '0'));
const bootAnswers = arg('boot', 'Accepted').split(',');
const bootInterval = Number(arg('interval', '1'));
const heartbeat = Number(arg('heartbeat', '2'));
const malformed = process.argv.includes('--malformed');
let nextTransactionId = Number(arg('tx-base', '1'));
const authorizeStatus = arg('authorize', 'Accepted');
let txErrors = Number(arg('tx-error', '0'));
const { RPCError } = require('ocpp-rpc');
setTimeout(() => process.exit(0), 1000 * Number(arg('exit-after', '900'))).unref();

function out(o) { process.stdout.write(JSON.stringify(o) + '\n'); }

const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true, callTimeoutMs: 10000,
                               pingIntervalMs: Number(arg('ping-ms', '30000')) });
let current = null;
let boots = 0;

server.on('client', (client) => {
    current = client;
    out({ event: 'connected', identity: client.identity, protocol: client.protocol,
          authorization: client.handshake.headers['authorization'] || null,
          password: client.handshake.password ? client.handshake.password.toString() : null });
    client.on('message', ({ message, outbound }) => out({ event: 'message', outbound, message: String(message) }));
    client.on('strictValidationFailure', (e) => out({ event: 'strictValidationFailure', method: e.method,
        outbound: e.outbound, isCall: e.isCall, error: String(e.error && e.error.message) }));
    client.on('badMessage', (e) => out({ event: 'badMessage', error: String(e.error && e.error.message) }));
    client.on('ping', ({ rtt }) => out({ event: 'pong', rtt }));
    // the charge point's own pings (WebSocketPingInterval); ws answers them by itself
    client._ws.on('ping', () => out({ event: 'pingReceived' }));
    client.on('close', () => { out({ event: 'disconnected' }); if (current === client) current = null; });
    client.handle('BootNotification', () => {
        const status = bootAnswers[Math.min(boots++, bootAnswers.length - 1)];
        out({ event: 'boot', status });
        return { status, currentTime: new Date().toISOString(),
                 interval: status === 'Accepted' ? heartbeat : bootInterval };
    });
    client.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
    let malformedSent = false;
    client.handle('StatusNotification', ({ params }) => {
        out({ event: 'status', connectorId: params.connectorId, status: params.status, errorCode: params.errorCode,
              vendorErrorCode: params.vendorErrorCode || null });
        if (malformed && !malformedSent) {
            malformedSent = true;
            setImmediate(() => {
                client.sendRaw('[2,"malformed-1","ChangeConfiguration",{"key":"HeartbeatInterval","value":30}]');
                client.sendRaw('[2,"malformed-2","FlyToTheMoon",{}]');
            });
        }
        return {};
    });
    function refuseSome(method, params) {
        if (txErrors > 0) {
            txErrors--;
            out({ event: 'txRefused', action: method, params });
            throw new RPCError('InternalError', 'refused by --tx-error');
        }
    }
    client.handle('MeterValues', ({ params }) => {
        refuseSome('MeterValues', params);
        out({ event: 'tx', action: 'MeterValues', params });
        return {};
    });
    client.handle('StartTransaction', ({ params }) => {
        refuseSome('StartTransaction', params);
        const transactionId = nextTransactionId++;
        out({ event: 'tx', action: 'StartTransaction', params, transactionId });
        return { transactionId, idTagInfo: { status: 'Accepted' } };
    });
    client.handle('StopTransaction', ({ params }) => {
        refuseSome('StopTransaction', params);
        out({ event: 'tx', action: 'StopTransaction', params });
        return { idTagInfo: { status: 'Accepted' } };
    });
    client.handle('Authorize', ({ params }) => {
        out({ event: 'authorize', idTag: params.idTag, status: authorizeStatus });
        return { idTagInfo: { status: authorizeStatus } };
    });
    client.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
    // ---- ocppmgmt (issue 17: Remote Trigger, Reservation, Firmware Management) ----
    client.handle('FirmwareStatusNotification', ({ params }) => {
        out({ event: 'firmwareStatus', status: params.status });
        return {};
    });
    client.handle('DiagnosticsStatusNotification', ({ params }) => {
        out({ event: 'diagnosticsStatus', status: params.status });
        return {};
    });
    // ---- end ocppmgmt ----
});

// ---- ocppmgmt: --http-dir DIR starts a plain HTTP server beside the central system, as the firmware and
// diagnostics servers of a real one: GET /<name> serves DIR/<name>; POST /<anything> takes the body and tells
// {"event":"upload","path":..,"bytes":N,"contentType":..,"disposition":..,"sha256":..}; stdout {"event":"http","port":N}
const httpDir = arg('http-dir', null);
if (httpDir) {
    const http = require('http');
    const fs = require('fs');
    const path = require('path');
    const crypto = require('crypto');
    const files = http.createServer((req, res) => {
        if (req.method === 'GET') {
            const file = path.join(httpDir, path.basename(decodeURIComponent(req.url)));
            fs.readFile(file, (err, data) => {
                out({ event: 'download', path: req.url, found: !err });
                if (err) { res.writeHead(404); res.end(); return; }
                res.writeHead(200, { 'Content-Type': 'application/java-archive', 'Content-Length': data.length });
                res.end(data);
            });
            return;
        }
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const body = Buffer.concat(chunks);
            out({ event: 'upload', path: req.url, bytes: body.length, contentType: req.headers['content-type'] || null,
                  disposition: req.headers['content-disposition'] || null,
                  sha256: crypto.createHash('sha256').update(body).digest('hex') });
            res.writeHead(200); res.end();
        });
    });
    files.listen(0, '127.0.0.1', () => out({ event: 'http', port: files.address().port }));
}
// ---- end ocppmgmt ----

async function command(line) {
    let cmd;
    try { cmd = JSON.parse(line); } catch (e) { out({ event: 'badCommand', line }); return; }
    if (!current) { out({ event: 'result', tag: cmd.tag, error: 'no charge point connected' }); return; }
    if (cmd.cmd === 'raw') { current.sendRaw(cmd.message); return; }
    if (cmd.cmd === 'close') { await current.close({ code: 1000, force: true }); return; }
    if (cmd.cmd === 'freeze') { current._ws._socket.pause(); out({ event: 'frozen' }); return; }
    try {
        const result = await current.call(cmd.method, cmd.params || {});
        out({ event: 'result', tag: cmd.tag, result });
    } catch (e) {
        out({ event: 'result', tag: cmd.tag, error: e.rpcErrorCode || String(e.message) });
    }
}
readline.createInterface({ input: process.stdin }).on('line', (line) => command(line));
// ---- Local Auth List Management (issue 17, ocppauth) ----
//   --local-list TAG[,TAG]: once the charge point's first StatusNotification came, sends SendLocalList Full version 1
//                           with each TAG Accepted; stdout {"event":"localList","result"|"error":..}
//   --exit-after-local-list: then ends (the central system is gone: the charge point decides offline), for a test that
//                            cannot type commands (Pax Exam)
const localListTags = arg('local-list', '');
const exitAfterLocalList = process.argv.includes('--exit-after-local-list');
let localListSent = false;
server.on('client', (client) => {
    if (!localListTags) return;
    client.on('message', ({ message, outbound }) => {
        if (outbound || localListSent || !String(message).includes('"StatusNotification"')) return;
        localListSent = true;
        const localAuthorizationList = localListTags.split(',').map((idTag) => ({ idTag,
            idTagInfo: { status: 'Accepted' } }));
        setImmediate(async () => {
            try {
                const result = await client.call('SendLocalList', { listVersion: 1, updateType: 'Full',
                                                                    localAuthorizationList });
                out({ event: 'localList', result });
            } catch (e) {
                out({ event: 'localList', error: e.rpcErrorCode || String(e.message) });
            }
            if (exitAfterLocalList) setTimeout(() => process.exit(0), 100);
        });
    });
});
// ---- end of the local list block ----

// ---- ocppsmart: --command-file PATH ----
// Commands as on stdin ("call", "close"), one JSON line each, appended to PATH by a test that cannot write to our
// stdin (Pax Exam: the test runs in the charger's JVM); the file is read every 200 ms from where the last read ended.
const commandFile = arg('command-file', null);
if (commandFile) {
    const fs = require('fs');
    let done = 0;
    let pending = '';
    setInterval(() => {
        let text;
        try { text = fs.readFileSync(commandFile, 'utf8'); } catch (e) { return; }
        pending += text.slice(done);
        done = text.length;
        const lines = pending.split('\n');
        pending = lines.pop();
        lines.filter((l) => l.trim()).forEach((line) => command(line));
    }, 200).unref();
}
// ---- end ocppsmart ----
// The test ends us by closing stdin or killing us; never outlive it.
process.stdin.on('end', () => process.exit(0));

// ---- ocppsec: TLS (security profile 2), a control port, a silent central system, exit ----------------------------
//   --tls-pfx FILE --tls-pass P: wss:// — node's https server with the PKCS#12 key and certificate chain FILE (the
//                                 tests make it with the JDK's keytool); stdout {"event":"tlsError","error":..} for
//                                 each handshake the charge point broke off (a certificate it did not accept)
//   --control-port N: the stdin commands also as HTTP POST bodies to 127.0.0.1:N (one command a request), for a
//                     test that runs where it cannot reach our stdin (Pax Exam: inside the charger's JVM)
//   --silent-after-boot: answers BootNotification and StatusNotification, then never answers anything the charge
//                        point calls (the call is logged, no CALLRESULT, no CALLERROR): a central system that hangs
//   stdin {"cmd":"exit"}: ends at once (sockets dropped with the process, as a crash), for an outage
const tlsPfx = arg('tls-pfx', null);
const controlPort = Number(arg('control-port', '0'));
if (process.argv.includes('--silent-after-boot')) {
    server.on('client', (client) => {
        for (const method of ['Heartbeat', 'MeterValues', 'StartTransaction', 'StopTransaction', 'Authorize',
                              'DataTransfer']) {
            client.handle(method, ({ params }) => {
                out({ event: 'unanswered', method, params });
                return new Promise(() => {});
            });
        }
    });
}
const baseCommand = command;
command = async (line) => {
    let cmd = null;
    try { cmd = JSON.parse(line); } catch (e) { /* answered below */ }
    if (cmd && cmd.cmd === 'exit') { out({ event: 'exit' }); process.exit(0); }
    return baseCommand(line);
};
if (controlPort > 0) {
    require('http').createServer((req, res) => {
        let body = '';
        req.on('data', (c) => { body += c; });
        req.on('end', () => { res.end('{}'); command(body.trim()); });
    }).listen(controlPort, '127.0.0.1');
}
function listening(http) { out({ event: 'listening', port: http.address().port, tls: !!tlsPfx }); }
if (tlsPfx) {
    const https = require('https').createServer({ pfx: require('fs').readFileSync(tlsPfx),
                                                   passphrase: arg('tls-pass', '') });
    https.on('upgrade', server.handleUpgrade);
    https.on('tlsClientError', (e) => out({ event: 'tlsError', error: String(e && e.message) }));
    https.listen(port, '127.0.0.1', () => listening(https));
} else {
// ---- end of ocppsec's block --------------------------------------------------------------------------------------
server.listen(port, '127.0.0.1').then(listening);
}
