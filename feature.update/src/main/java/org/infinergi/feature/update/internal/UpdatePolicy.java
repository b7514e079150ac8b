package org.infinergi.feature.update.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which installed bundle a verified JAR replaces, and whether it may (this feature updates installed bundles only;
 * the framework and the updater itself belong to the whole-image update).
 */
final class UpdatePolicy {

    private UpdatePolicy() {
    }

    static InstalledBundle target(SignedBundle candidate, List<InstalledBundle> installed, long ownId,
            boolean allowDowngrade) throws UpdateRejected {
        String bsn = candidate.symbolicName();
        List<InstalledBundle> same = installed.stream().filter(b -> bsn.equals(b.symbolicName()))
                .collect(Collectors.toList());
        if (same.isEmpty()) {
            throw new UpdateRejected("unknown symbolic name " + bsn
                    + ": no such bundle is installed (this updates installed bundles only; a new bundle is refused)");
        }
        if (same.size() > 1) {
            throw new UpdateRejected("bundle " + bsn + " is installed in " + same.size()
                    + " versions: which one to replace is ambiguous");
        }
        InstalledBundle target = same.get(0);
        if (target.id() == 0) {
            throw new UpdateRejected("bundle " + bsn
                    + " is the system bundle (the OSGi framework): it is replaced by a whole-image update only");
        }
        if (target.id() == ownId) {
            throw new UpdateRejected("bundle " + bsn
                    + " is the updater itself: it cannot replace itself (it would stop halfway)");
        }
        int order = candidate.version().compareTo(target.version());
        if (order == 0) {
            throw new UpdateRejected("version " + target.version() + " of " + bsn + " is already installed");
        }
        if (order < 0 && !allowDowngrade) {
            throw new UpdateRejected("downgrade of " + bsn + " from " + target.version() + " to "
                    + candidate.version() + " refused (allowDowngrade is off in PID " + UpdateConfig.PID + ")");
        }
        return target;
    }
}
