/**
 * The charging API: what the charger is doing (manual §6.1.1 display states, IEC 61851-1 pilot states),
 * why the current is what it is ({@link org.infinergi.core.charging.api.LimitProvider}), and what it did
 * (the session history), what happened ({@link org.infinergi.core.charging.api.ChargerEvents}, the Event Admin
 * topics), the charging modes in their own bundles ({@link org.infinergi.core.charging.api.ChargingModeService}), and
 * the meters' readings ({@link org.infinergi.core.charging.api.ElectricalReadings}, since 1.7.0: the signed grid
 * reading any feature may use, every meter for "Electrical readings"), the internal clock
 * ({@link org.infinergi.core.charging.api.ChargerClock}, since 1.8.0, manual §5.4) and the program a mode runs
 * ({@link org.infinergi.core.charging.api.ModeDecision#program()}, {@link org.infinergi.core.charging.api.ChargerStatus#activeProgram()},
 * since 1.8.0), the site's load without the charger at the grid reading's time
 * ({@link org.infinergi.core.charging.api.ElectricalReadings#siteLoad()}, since 1.9.0), and the green share of every stored session
 * ({@link org.infinergi.core.charging.api.SessionRecord#greenEnergyWh()}, since 1.9.0, manual §9.2) with the status
 * details the logo reads for DLM's and Green's pauses ({@link org.infinergi.core.charging.api.ChargerStatus#DETAIL_CURRENT_NOT_AVAILABLE_DLM},
 * {@link org.infinergi.core.charging.api.ChargerStatus#DETAIL_GREEN_ENERGY_NOT_AVAILABLE}, since 1.9.0, manual §8),
 * the erasure of the history by its owner ({@link org.infinergi.core.charging.api.SessionHistory#erase()}, since 1.10.0,
 * manual §6.2 factory reset), the phases the car uses as the charger's own meter shows them
 * ({@link org.infinergi.core.charging.api.CarPhases}, since 1.10.0: one rule for DLM and Green), and the manual §8 row a
 * mode's pause is shown as ({@link org.infinergi.core.charging.api.ModeDecision#manualRow()}, since 1.10.0). 2.0.0:
 * interfaces and value types only — {@code CheckedConfiguration}, {@code LastValidConfiguration} and the empty-value
 * rule of {@link org.infinergi.core.charging.api.ConfigurationRejection} moved to the library
 * {@code org.infinergi.core.config} (issue 14 point 1: no implementation class in an API bundle).
 * 2.1.0: {@link org.infinergi.core.charging.api.ChargerControl#endCharge(String)} (a charge ended for good, not a pause
 * a button resumes) and {@link org.infinergi.core.charging.api.ChargerControl#unlockConnector()} (the socket lock of
 * untethered models), for the OCPP central system's RemoteStopTransaction, Reset and UnlockConnector.
 * Also 2.1.0: the manual §8 rows of the OCPP mode as status details
 * ({@link org.infinergi.core.charging.api.ChargerStatus#DETAIL_OCPP_WAITING_FOR_TRANSACTION},
 * {@link org.infinergi.core.charging.api.ChargerStatus#DETAIL_OCPP_AUTHORIZATION_IN_PROGRESS},
 * {@link org.infinergi.core.charging.api.ChargerStatus#DETAIL_OCPP_NOT_ENABLED}), a mode's pause names them.
 * Features and user interfaces depend on this package only.
 */
@Export
@Version("2.1.0")
package org.infinergi.core.charging.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
