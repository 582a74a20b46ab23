/** Module "ijob": jobs, their pieces and the customer-approval workflow of each piece. 1.2.0: {@link io.clientele.ijob.api.JobService#piecesAwaitingCustomer}.
 * 1.3.0: {@link io.clientele.ijob.api.IJobEvents#PIECE_FILE_UPLOADED}; timeline actions FILE_UPLOADED and FILE_DELETED. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.clientele.ijob.api;
