package io.clientele.platform.rest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

/**
 * Reads and writes JSON with the API's mapper. A request body is required, must be valid JSON of the right
 * types (else 400 {@code malformed_request} naming the field), and is then checked with Bean Validation (400
 * {@code validation_failed} naming every bad field at once). A body is read no further than the configured limit
 * (413 {@code payload_too_large} as soon as it is passed, or at once when {@code Content-Length} announces more), and
 * the parser refuses absurd nesting, strings and numbers before building them.
 */
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private final Supplier<JsonLimits> limits;
    private final ObjectMapper writer;
    private final Validator validator;

    public JsonProvider(Supplier<JsonLimits> limits, ObjectMapper writer, Validator validator) {
        this.limits = limits;
        this.writer = writer;
        this.validator = validator;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && type != String.class && !InputStream.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        JsonLimits current = limits.get();
        refuseAnnouncedExcess(httpHeaders, current.maxBodyBytes());
        BoundedInputStream bounded = new BoundedInputStream(entityStream, current.maxBodyBytes());
        PushbackInputStream in = new PushbackInputStream(bounded, 1);
        Object value;
        try {
            int first = in.read();
            if (first == -1) {
                throw ProblemException.malformed("A JSON request body is required.", null);
            }
            in.unread(first);
            ObjectMapper mapper = current.mapper();
            JavaType javaType = mapper.getTypeFactory().constructType(genericType == null ? type : genericType);
            value = mapper.readValue(in, javaType);
        } catch (IOException | RuntimeException e) {
            if (bounded.exceeded()) {
                throw tooLarge(current.maxBodyBytes());
            }
            throw asProblem(e);
        }
        if (value == null) {
            throw ProblemException.malformed("A JSON request body is required.", null);
        }
        validate(value);
        return value;
    }

    private static void refuseAnnouncedExcess(MultivaluedMap<String, String> headers, long max) {
        String length = headers == null ? null : headers.getFirst("Content-Length");
        if (length == null) {
            return;
        }
        try {
            if (Long.parseLong(length.trim()) > max) {
                throw tooLarge(max);
            }
        } catch (NumberFormatException e) {
            throw ProblemException.malformed("The Content-Length header is not a number.", null);
        }
    }

    private static ProblemException tooLarge(long max) {
        return ProblemException.payloadTooLarge("A JSON request body may have at most " + max + " bytes.");
    }

    /** What a failed read means to the client: always a 4xx naming the field where there is one. */
    private static RuntimeException asProblem(Exception failure) {
        try {
            throw failure;
        } catch (ProblemException e) {
            return e;
        } catch (StreamConstraintsException e) {
            return ProblemException.malformed("The request body exceeds a limit: " + e.getOriginalMessage(), null);
        } catch (JsonParseException e) {
            return ProblemException.malformed("The request body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (UnrecognizedPropertyException e) {
            return ProblemException.malformed("Unknown field '" + e.getPropertyName() + "'.", path(e));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                return asProblem(limit);
            }
            String field = path(e);
            return ProblemException.malformed(field == null ? "The request body does not have the expected shape."
                    : "Field '" + field + "' has the wrong type or format.", field);
        } catch (JsonProcessingException e) {
            return ProblemException.malformed("The request body is not valid JSON.", null);
        } catch (IOException e) {
            return new UncheckedIOException(e); // the connection failed while the body arrived: not the client's JSON
        } catch (RuntimeException e) {
            return e;
        } catch (Exception e) {
            return new IllegalStateException(e);
        }
    }

    private void validate(Object value) {
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Object> v : violations) {
            errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        throw ProblemException.validation(errors);
    }

    static String fieldName(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() == null || node.getName().startsWith("<")) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.toString();
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && !InputStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        if (value instanceof String s && mediaType != null && mediaType.getSubtype().equals("json")) {
            entityStream.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        writer.writeValue(entityStream, value);
    }

    private static boolean isJson(MediaType mediaType) {
        if (mediaType == null) {
            return true;
        }
        String sub = mediaType.getSubtype();
        return "json".equals(sub) || sub.endsWith("+json") || mediaType.isWildcardSubtype();
    }
}
