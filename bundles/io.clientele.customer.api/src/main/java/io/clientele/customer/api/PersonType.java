package io.clientele.customer.api;

/** Whether a customer is a company (CNPJ in Brazil) or a person (CPF). */
public enum PersonType {
    COMPANY, PERSON
}
