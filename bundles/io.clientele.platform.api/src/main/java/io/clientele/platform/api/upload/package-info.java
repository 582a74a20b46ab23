/**
 * Uploads streamed to a temporary file with their byte limit enforced as the bytes arrive: the one way a resource
 * receives a file ({@code multipart/form-data} part {@code file}, or a raw request body). 1.1.0: refusals are
 * {@link io.clientele.platform.api.upload.UploadService.Refused}.
 * 1.2.0: {@link io.clientele.platform.api.upload.UploadService.Refused.Reason} is a
 * {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with
 * {@link io.clientele.platform.api.domain.Refusal.As}.
 * 1.3.0: {@link io.clientele.platform.api.upload.FileTypes} (a file's type by its bytes, {@code require} refusing
 * {@code EMPTY_FILE} or {@code UNACCEPTED_TYPE} naming the field {@code file}) and
 * {@link io.clientele.platform.api.upload.FileNames}, moved here from the customer module.
 * 1.4.0: {@link io.clientele.platform.api.upload.FileTypes} also knows MP4 and WebM videos and plain zip archives
 * ({@code MP4}, {@code WEBM}, {@code ZIP}, {@code VIDEOS}, {@code OFFICE}); {@code ALL} keeps its 1.3.0 types.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.clientele.platform.api.upload;
