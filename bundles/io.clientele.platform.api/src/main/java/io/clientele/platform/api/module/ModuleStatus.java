package io.clientele.platform.api.module;

/** A module as an agency sees it: installed in the runtime, and enabled (subscribed) for the agency. */
public record ModuleStatus(String id, String name, String version, boolean installed, boolean enabled) {
}
