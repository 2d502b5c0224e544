package dev.ladder.rulebase;

import dev.ladder.model.Group;
import dev.ladder.model.Scenario;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads fact properties by name, as rules and reason templates name them. */
public final class Beans {
    private static final Map<Class<?>, Map<String, Method>> GETTERS = new ConcurrentHashMap<>();

    private Beans() {
    }

    /** The readable properties of a class, by name, in a stable order. */
    public static Map<String, Method> getters(Class<?> type) {
        return GETTERS.computeIfAbsent(type, t -> {
            try {
                Map<String, Method> getters = new LinkedHashMap<>();
                for (PropertyDescriptor property : Introspector.getBeanInfo(t, Object.class).getPropertyDescriptors()) {
                    if (property.getReadMethod() != null) {
                        getters.put(property.getName(), property.getReadMethod());
                    }
                }
                return Collections.unmodifiableMap(getters);
            } catch (IntrospectionException e) {
                throw new IllegalStateException("cannot introspect " + t, e);
            }
        });
    }

    public static Object read(Object bean, String property) {
        Method getter = getters(bean.getClass()).get(property);
        if (getter == null) {
            throw new IllegalArgumentException(bean.getClass().getSimpleName() + " has no property " + property);
        }
        try {
            return getter.invoke(bean);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + property, e);
        }
    }

    /** Whether {@code path} (e.g. {@code usage.requestsPerDay}) names a scenario fact. */
    public static boolean isScenarioPath(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return false;
        }
        return Group.named(path.substring(0, dot))
                .filter(group -> getters(group.type()).containsKey(path.substring(dot + 1))).isPresent();
    }

    /** The value of a scenario fact path, null when unknown. */
    public static Object scenarioValue(Scenario scenario, String path) {
        int dot = path.indexOf('.');
        return read(Group.named(path.substring(0, dot)).orElseThrow().of(scenario), path.substring(dot + 1));
    }
}
