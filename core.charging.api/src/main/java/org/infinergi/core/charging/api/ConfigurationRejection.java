package org.infinergi.core.charging.api;

/**
 * One key of a configuration the charger refused (issue 15 "one place lists every rejected configuration"): the
 * whole PID is rejected and its previous valid configuration stays in force; {@link ChargerStatus} lists every one
 * of them, whichever bundle owns the PID ({@link ConfigurationOwner}). A value type only: the rules that produce
 * rejections (the empty-value rule, reading a PID through its Metatype annotation) live with their owners' library,
 * {@code org.infinergi.core.config} (2.0.0: moved out of this API bundle, issue 14 point 1).
 *
 * @param pid    the configuration PID, e.g. {@code org.infinergi.charging}
 * @param key    the property, e.g. {@code maxChargeRateA}
 * @param value  the value refused, as written ({@code ""} for an empty one)
 * @param reason why it was refused, e.g. {@code must be 6..32 A}
 * @since 1.5.0
 */
public record ConfigurationRejection(String pid, String key, String value, String reason) {

    /** {@code "org.infinergi.charging: maxChargeRateA=40 rejected: must be 6..32 A"}. */
    public String message() {
        return pid + ": " + key + "=" + value + " rejected: " + reason;
    }
}
