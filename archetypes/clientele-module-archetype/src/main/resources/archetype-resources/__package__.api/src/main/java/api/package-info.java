/**
 * Module "${moduleId}": {@link ${package}.api.${className}Service}, its items and events, for other modules. Exported
 * with a version: add to it with a minor bump (1.1.0), change or remove with a major one (2.0.0); bundles importing it
 * resolve against the range their build saw.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package ${package}.api;
