/** Module "monthly-fee" for other modules: a customer's invoices and their payments. Money is a decimal string beside its currency. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.monthlyfee.api;
