package dev.latch.client.trust;

import java.lang.reflect.Method;
import javax.net.ssl.SSLEngine;

/**
 * The engine that names a connection to the trust manager. Netty's JDK engines that do ALPN
 * wrap the JDK's {@code SSLEngine} (its non-public {@code JdkSslEngine}, with a public
 * {@code getWrappedEngine()}), and the JDK calls the trust manager with the inner one while the
 * SslHandler holds the outer: both stand for the innermost engine here.
 */
final class EngineKey {
    private static final ClassValue<Method> UNWRAP = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("getWrappedEngine");
                if (!SSLEngine.class.isAssignableFrom(method.getReturnType())) {
                    return null;
                }
                method.setAccessible(true); // public, on a class that is not
                return method;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }
    };

    private EngineKey() {
    }

    static SSLEngine of(SSLEngine engine) {
        SSLEngine current = engine;
        for (int depth = 0; depth < 4; depth++) {
            Method unwrap = UNWRAP.get(current.getClass());
            if (unwrap == null) {
                break;
            }
            try {
                SSLEngine inner = (SSLEngine) unwrap.invoke(current);
                if (inner == null || inner == current) {
                    break;
                }
                current = inner;
            } catch (ReflectiveOperationException | RuntimeException e) {
                break;
            }
        }
        return current;
    }
}
