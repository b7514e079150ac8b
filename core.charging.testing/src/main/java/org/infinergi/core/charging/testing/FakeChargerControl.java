package org.infinergi.core.charging.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ChargerControl;

/**
 * A {@link ChargerControl} that records each request by name ({@code pause}, {@code resume}, {@code recovery},
 * {@code outOfService=true|false}, {@code authorize=<idTag>}, {@code beginUpdate=<what>}, {@code endUpdate}, since 1.8.0
 * {@code endCharge=<reason>} and {@code unlockConnector}) and accepts it, unless told to refuse the recovery or the
 * unlock.
 */
public final class FakeChargerControl implements ChargerControl {

    private final Consumer<String> record;
    private volatile Result recovery = new Result(true, "recovered");
    private volatile Result unlock = new Result(true, "connector unlocked");

    /** {@code record} receives the name of each request, in order. */
    public FakeChargerControl(Consumer<String> record) {
        this.record = record;
    }

    /** From now on a recovery attempt is refused with {@code message}, as the core does while a cause persists. */
    public FakeChargerControl refuseRecovery(String message) {
        recovery = new Result(false, message);
        return this;
    }

    /** From now on an unlock is answered {@code answer} (e.g. refused as on a tethered model, or a jammed lock). */
    public FakeChargerControl answerUnlock(Result answer) {
        unlock = answer;
        return this;
    }

    @Override
    public Result pause() {
        record.accept("pause");
        return new Result(true, "paused by the user");
    }

    @Override
    public Result resume() {
        record.accept("resume");
        return new Result(true, "resumed");
    }

    @Override
    public Result attemptRecovery() {
        record.accept("recovery");
        return recovery;
    }

    @Override
    public Result setOutOfService(boolean outOfService) {
        record.accept("outOfService=" + outOfService);
        return new Result(true, outOfService ? "out of service" : "in service");
    }

    @Override
    public Result authorize(String idTag) {
        record.accept("authorize=" + idTag);
        return new Result(true, "authorized " + idTag);
    }

    @Override
    public Result beginUpdate(String what) {
        record.accept("beginUpdate=" + what);
        return new Result(true, "updating " + what);
    }

    @Override
    public Result endUpdate() {
        record.accept("endUpdate");
        return new Result(true, "update over");
    }

    @Override
    public Result endCharge(String reason) {
        record.accept("endCharge=" + reason);
        return new Result(true, "charging terminated: " + reason);
    }

    @Override
    public CompletionStage<Result> unlockConnector() {
        record.accept("unlockConnector");
        return CompletableFuture.completedFuture(unlock);
    }
}
