/** Module "ijob": jobs, their pieces and the customer-approval workflow of each piece. 1.2.0: {@link io.clientele.ijob.api.JobService#piecesAwaitingCustomer}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.clientele.ijob.api;
