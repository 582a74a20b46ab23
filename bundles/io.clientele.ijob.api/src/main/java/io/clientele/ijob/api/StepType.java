package io.clientele.ijob.api;

/** Kinds of workflow steps: internal tasks, the customer's approval, and the rework a change request causes. */
public enum StepType {
    TASK, CUSTOMER_APPROVAL, CUSTOMER_ALTERATION
}
