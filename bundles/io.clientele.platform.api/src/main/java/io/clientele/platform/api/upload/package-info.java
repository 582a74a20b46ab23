/**
 * Uploads streamed to a temporary file with their byte limit enforced as the bytes arrive: the one way a resource
 * receives a file ({@code multipart/form-data} part {@code file}, or a raw request body). 1.1.0: refusals are
 * {@link io.clientele.platform.api.upload.UploadService.Refused}.
 * 1.2.0: {@link io.clientele.platform.api.upload.UploadService.Refused.Reason} is a
 * {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with
 * {@link io.clientele.platform.api.domain.Refusal.As}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.clientele.platform.api.upload;
