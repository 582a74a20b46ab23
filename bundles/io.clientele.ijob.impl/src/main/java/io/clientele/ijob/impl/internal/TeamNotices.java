package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tells a customer's agency team what its contacts did in the portal: in-app notifications and e-mails, in the caller's transaction. */
@Component(service = TeamNotices.class)
public class TeamNotices {

    private final NotificationService notifications;
    private final UserDirectory users;
    private final MailTemplates mail;
    private final MailTemplate changesRequestedMail;

    @Activate
    public TeamNotices(@Reference NotificationService notifications, @Reference UserDirectory users, @Reference MailTemplates mail) {
        this.notifications = notifications;
        this.users = users;
        this.mail = mail;
        this.changesRequestedMail = mail.load(TeamNotices.class, "changes-requested");
    }

    /** The customer's service manager, assistant and followers get an in-app notification and an e-mail with the comment. */
    void changesRequested(Customer customer, String pieceId, String pieceTitle, String comment) {
        Set<String> team = new LinkedHashSet<>();
        if (customer.serviceManagerId() != null) {
            team.add(customer.serviceManagerId());
        }
        if (customer.assistantId() != null) {
            team.add(customer.assistantId());
        }
        team.addAll(customer.followerIds());
        if (team.isEmpty()) {
            return;
        }
        Principal caller = RequestContext.principal();
        String title = "Changes requested on " + pieceTitle;
        String body = caller.name() + " (" + customer.name() + ") requested changes:\n\n" + comment;
        notifications.notify(team, "ijob_changes_requested", title, body, "/v1/pieces/" + pieceId);
        for (String userId : team) {
            users.find(userId).filter(User::active).filter(u -> u.email() != null && !u.email().isBlank()).ifPresent(u ->
                    mail.send(changesRequestedMail, u.email(), null, Map.of("userName", u.name(), "pieceTitle", pieceTitle,
                            "requesterName", caller.name(), "customerName", customer.name(), "comment", comment == null ? "" : comment)));
        }
    }

    /** The customer's service manager and assistant get an in-app notification of a contact's job request. */
    void jobRequested(Customer customer, String contactName, String jobId, String title) {
        Set<String> team = new LinkedHashSet<>();
        if (customer.serviceManagerId() != null) {
            team.add(customer.serviceManagerId());
        }
        if (customer.assistantId() != null) {
            team.add(customer.assistantId());
        }
        if (!team.isEmpty()) {
            notifications.notify(team, "ijob_job_requested", "Job request from " + contactName + ": " + title,
                    "Customer " + customer.name() + " requested a job through the portal.", "/v1/jobs/" + jobId);
        }
    }
}
