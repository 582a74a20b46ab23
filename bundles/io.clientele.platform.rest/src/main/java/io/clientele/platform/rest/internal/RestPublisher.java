package io.clientele.platform.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.ws.rs.Path;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.JAXRSServiceImpl;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.jaxrs.utils.InjectionUtils;
import org.apache.cxf.jaxrs.utils.ResourceUtils;
import org.apache.cxf.jaxrs.model.ClassResourceInfo;
import org.apache.cxf.jaxrs.model.URITemplate;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every service registered with {@code clientele.rest=true} as JAX-RS root resources, one CXF
 * server per root address (the first segment of the resource's {@code @Path}: {@code /v1} for the whole API).
 * The first resource of a root creates its server; later ones join the running server and leave it without
 * a restart, and the last one leaving destroys it, so installing or removing a module never interrupts
 * other endpoints. (A server per resource family, {@code /v1/users}, {@code /v1/customers}, ..., cost a cold
 * start some twenty CXF servers, each tens of milliseconds of setup and JMX registration on the thread that
 * brings the platform up; CXF matches the resource classes of one server by their own templates.) Each server gets the shared JSON provider, problem mapper and the authentication and
 * module-gate filter (which knows each resource class's {@code clientele.module}).
 */
@Component(immediate = true, service = RestPublisher.class, configurationPid = "io.clientele.rest")
@Designate(ocd = RestLimitsConfig.class)
public class RestPublisher implements SecurityServices {

    private static final Logger LOG = LoggerFactory.getLogger(RestPublisher.class);

    private final BundleContext context;
    private final ObjectMapper mapper = Json.mapper();
    private final Validator validator;
    private final Map<String, Map<ServiceReference<?>, Object>> byRoot = new TreeMap<>();
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> moduleOfClass = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ServiceTracker<Object, Object> tracker;
    private final List<Server> ownServers = new ArrayList<>();
    private volatile JsonLimits jsonLimits;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionService sessions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AgencyDirectory agencies;

    @Activate
    public RestPublisher(BundleContext context, RestLimitsConfig limits) throws InvalidSyntaxException {
        this.context = context;
        this.jsonLimits = JsonLimits.of(limits);
        this.validator = Validation.byProvider(HibernateValidator.class)
                .providerResolver(() -> List.of(new HibernateValidator()))
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        // the platform's own documents and the catch-all 404 are always there
        ownServers.add(create("/", List.of(new NotFoundResource())));
        ownServers.add(create("/openapi.json", List.of(new OpenApiResource(this))));
        ownServers.add(create("/docs", List.of(new DocsResource(context))));
        tracker = new ServiceTracker<>(context, context.createFilter("(" + RestResource.PUBLISH + "=true)"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                Object service = super.addingService(reference);
                if (service != null) {
                    publish(reference, service);
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object service) {
                unpublish(reference, service);
                super.removedService(reference, service);
            }
        };
        tracker.open(true);
    }

    @Override
    public SessionService sessions() {
        return sessions;
    }

    @Override
    public AgencyDirectory agencies() {
        return agencies;
    }

    /** New limits apply to the next request read; the running servers stay up. */
    @Modified
    void modified(RestLimitsConfig limits) {
        jsonLimits = JsonLimits.of(limits);
        LOG.info("JSON request bodies limited to {} bytes", jsonLimits.maxBodyBytes());
    }

    /** Called whenever the set of published resources changes (the OpenAPI document is rebuilt). */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The resource classes published right now. */
    synchronized Set<Class<?>> publishedClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        byRoot.values().forEach(m -> m.values().forEach(o -> classes.add(o.getClass())));
        return classes;
    }

    private synchronized void publish(ServiceReference<?> reference, Object service) {
        String root = rootOf(service.getClass());
        if (root == null) {
            LOG.error("{} is registered as a REST resource but has no usable @Path", service.getClass().getName());
            return;
        }
        Object module = reference.getProperty(RestResource.MODULE);
        if (module != null) {
            moduleOfClass.put(service.getClass(), module.toString());
        }
        byRoot.computeIfAbsent(root, r -> new HashMap<>()).put(reference, service);
        Server server = servers.get(root);
        try {
            if (server == null) {
                servers.put(root, create(root, List.of(service)));
            } else {
                // another resource under a root that is already served: add it to the running server, no restart
                liveResources(server).add(classResourceInfo(service, root));
            }
            LOG.info("published {} at /api{}", service.getClass().getSimpleName(), pathOf(service.getClass()));
        } catch (RuntimeException e) {
            LOG.error("cannot publish {} at {}: {}", service.getClass().getName(), root, e.getMessage(), e);
        }
        listeners.forEach(Runnable::run);
    }

    private synchronized void unpublish(ServiceReference<?> reference, Object service) {
        String root = rootOf(service.getClass());
        Map<ServiceReference<?>, Object> resources = root == null ? null : byRoot.get(root);
        if (resources == null || resources.remove(reference) == null) {
            return;
        }
        Server server = servers.get(root);
        if (resources.isEmpty()) {
            byRoot.remove(root);
            servers.remove(root);
            if (server != null) {
                server.destroy();
            }
        } else if (server != null) {
            liveResources(server).removeIf(cri -> cri.getResourceProvider() != null
                    && cri.getResourceProvider().getInstance(null) == service);
        }
        if (resources.isEmpty() || byRoot.values().stream().flatMap(m -> m.values().stream())
                .noneMatch(o -> o.getClass() == service.getClass())) {
            moduleOfClass.remove(service.getClass());
        }
        LOG.info("unpublished {} from /api{}", service.getClass().getSimpleName(), pathOf(service.getClass()));
        listeners.forEach(Runnable::run);
    }

    private Server create(String address, List<Object> beans) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(JAXRSServerFactoryBean.class.getClassLoader());
        try {
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus());
            factory.setAddress(address);
            factory.setServiceBeans(beans);
            for (ClassResourceInfo cri : factory.getServiceFactory().getClassResourceInfo()) {
                cri.setURITemplate(new URITemplate(templateUnder(address, cri.getServiceClass())));
            }
            factory.setProviders(List.of(new JsonProvider(() -> jsonLimits, mapper, validator), new ProblemMapper(),
                    new RequestTargetFilter(), new AuthenticationFilter(moduleOfClass::get, this), new ResponseHeadersFilter()));
            Server server = factory.create();
            makeLive(server);
            return server;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private ClassResourceInfo classResourceInfo(Object bean, String address) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(JAXRSServerFactoryBean.class.getClassLoader());
        try {
            ClassResourceInfo cri = ResourceUtils.createClassResourceInfo(bean.getClass(), bean.getClass(), true, true, bus());
            cri.setResourceProvider(new SingletonResourceProvider(bean));
            cri.setURITemplate(new URITemplate(templateUnder(address, bean.getClass())));
            InjectionUtils.injectContextProxies(cri, bean);
            return cri;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Bus bus() {
        return BusFactory.getDefaultBus(true);
    }

    /** The part of a class's {@code @Path} below the server address: {@code /v1/customers/{id}/contacts} → {@code /{id}/contacts}. */
    static String templateUnder(String address, Class<?> type) {
        String path = pathOf(type);
        String remainder = path == null || "/".equals(address) ? "/" : path.substring(Math.min(path.length(), address.length()));
        return remainder.isEmpty() ? "/" : remainder;
    }

    /**
     * CXF routes each request over the server's resource list; it is an ArrayList. Replacing it with a
     * copy-on-write list lets resources join and leave a running server safely while requests are routed.
     */
    private static void makeLive(Server server) {
        JAXRSServiceImpl service = (JAXRSServiceImpl) server.getEndpoint().getService();
        try {
            java.lang.reflect.Field field = JAXRSServiceImpl.class.getDeclaredField("classResourceInfos");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<ClassResourceInfo> current = (List<ClassResourceInfo>) field.get(service);
            if (!(current instanceof CopyOnWriteArrayList)) {
                field.set(service, new CopyOnWriteArrayList<>(current));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this CXF version does not allow resources to join a running server", e);
        }
    }

    private static List<ClassResourceInfo> liveResources(Server server) {
        return ((JAXRSServiceImpl) server.getEndpoint().getService()).getClassResourceInfos();
    }

    /** {@code /v1/users/{id}} → {@code /v1}; {@code /openapi.json} → {@code /openapi.json}. */
    static String rootOf(Class<?> type) {
        String path = pathOf(type);
        if (path == null) {
            return null;
        }
        String[] segments = path.split("/");
        StringBuilder root = new StringBuilder();
        int taken = 0;
        for (String s : segments) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains("{") || taken == 1) {
                break;
            }
            root.append('/').append(s);
            taken++;
        }
        return root.length() == 0 ? null : root.toString();
    }

    static String pathOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path p = c.getAnnotation(Path.class);
            if (p != null) {
                String v = p.value().startsWith("/") ? p.value() : "/" + p.value();
                return v.length() > 1 && v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            }
        }
        return null;
    }

    @Deactivate
    synchronized void deactivate() {
        tracker.close();
        servers.values().forEach(Server::destroy);
        servers.clear();
        byRoot.clear();
        ownServers.forEach(Server::destroy);
        ownServers.clear();
        LOG.info("REST publisher stopped ({} at {})", context.getBundle().getSymbolicName(), Constants.FRAMEWORK_VERSION);
    }
}
