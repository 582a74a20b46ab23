package io.clientele.platform.impl.internal.operator;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.context.RequestScope;
import io.clientele.platform.api.rest.ProblemException;
import javax.security.auth.login.AccountLockedException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** JAAS login module of the operator realm; loaded by Karaf's ProxyLoginModule from this bundle. */
public class OperatorLoginModule implements LoginModule {

    /** Karaf's roles for a full administrator (shell over SSH, bundles, management). */
    static final List<String> ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    private Subject subject;
    private CallbackHandler callbackHandler;
    private String user;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read credentials: " + e.getMessage());
        }
        String candidate = password.getPassword() == null ? null : new String(password.getPassword());
        password.clearPassword();
        BundleContext context = FrameworkUtil.getBundle(OperatorLoginModule.class).getBundleContext();
        ServiceReference<OperatorAccounts> ref = context == null ? null : context.getServiceReference(OperatorAccounts.class);
        OperatorAccounts accounts = ref == null ? null : context.getService(ref);
        if (accounts == null) {
            throw new LoginException("the operator accounts are not available yet");
        }
        // an SSH login has no HTTP request: its client address is the one Karaf's SSH server puts in the subject
        Optional<String> sshClient = RequestContext.client().isPresent() ? Optional.empty() : sshClientAddress(subject);
        sshClient.ifPresent(address -> RequestScope.setClient(new RequestContext.Client(address, null)));
        try {
            if (!accounts.verify(name.getName(), candidate)) {
                throw new FailedLoginException("wrong operator credentials");
            }
        } catch (ProblemException refused) {
            // throttled (429) or no free hashing slot (503): JAAS passes a LoginException subclass through unchanged,
            // and the REST filter answers this one with the status and Retry-After it carries; SSH just refuses
            throw new AccountLockedException(refusal(refused));
        } finally {
            if (sshClient.isPresent()) {
                RequestScope.setClient(null);
            }
            context.ungetService(ref);
        }
        user = name.getName();
        return true;
    }

    private static Optional<String> sshClientAddress(Subject subject) {
        return subject == null ? Optional.empty() : subject.getPrincipals(ClientPrincipal.class).stream()
                .map(ClientPrincipal::getAddress).map(OperatorLoginModule::hostOf).filter(a -> !a.isEmpty()).findFirst();
    }

    /** The host of a socket address as {@code InetSocketAddress.toString()} writes it ({@code host/1.2.3.4:port}, {@code /[::1]:port}). */
    static String hostOf(String socketAddress) {
        if (socketAddress == null) {
            return "";
        }
        String s = socketAddress.substring(socketAddress.indexOf('/') + 1);
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.lastIndexOf(':');
        boolean portOnly = colon > 0 && s.indexOf(':') == colon && s.substring(colon + 1).chars().allMatch(Character::isDigit);
        return portOnly ? s.substring(0, colon) : s;
    }

    /** The message the REST layer's filter reads back: {@code refused status=429 code=rate_limited retry-after=12}. */
    static String refusal(ProblemException e) {
        return "refused status=" + e.status() + " code=" + e.code() + " retry-after="
                + (e.retryAfterSeconds() == null ? 1 : e.retryAfterSeconds());
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principals.add(new UserPrincipal(user));
        ROLES.forEach(r -> principals.add(new RolePrincipal(r)));
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        user = null;
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        user = null;
        return true;
    }
}
