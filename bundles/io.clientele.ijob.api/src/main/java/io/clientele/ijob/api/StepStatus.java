package io.clientele.ijob.api;

/** A step waits (PENDING) until every step before it is DONE; then it is OPEN until completed. */
public enum StepStatus {
    PENDING, OPEN, DONE
}
