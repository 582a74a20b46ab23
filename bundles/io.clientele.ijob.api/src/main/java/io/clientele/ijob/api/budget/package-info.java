/**
 * How iJob reaches the budget module when it is installed. The bundle {@code io.clientele.ijob.budget} implements
 * {@link io.clientele.ijob.api.budget.JobBudgetPort} on the budget module's API; the feature {@code clientele-ijob}
 * installs it only while {@code clientele-budget} is installed (a Karaf conditional). So the iJob implementation never
 * imports the budget module's packages, and installing or removing the budget module adds or removes that small
 * bundle instead of refreshing (restarting) iJob with its endpoints and its persistence unit.
 * 2.0.0: amounts are the platform's {@link io.clientele.platform.api.money.Money} (were BigDecimal and decimal strings).
 * 2.1.0: {@code commit} documents that the budget module's refusals pass.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package io.clientele.ijob.api.budget;
