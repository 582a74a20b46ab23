package io.clientele.ijob.api;

/** Who did something: a staff user, a customer's contact, or the platform ({@code kind} STAFF, CONTACT, SYSTEM). */
public record Actor(String id, String name, String kind) {
}
