package dev.kubestate.exporter.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded random fabric8 model objects: every JSON property of every nested model class is randomly
 * absent or filled, down to a depth limit; one nested object in eight is left empty ({@code {}});
 * lists and maps may be empty, and absent ones are sometimes null rather than fabric8's empty
 * default. Values are well-typed as the API server would send them (RFC 3339 times, valid
 * quantities, numeric resource versions, base64 text for the bytes fabric8 keeps as strings, no
 * null list items: Go serialises struct lists without them) but otherwise arbitrary, including
 * empty and hostile strings. Not thread-safe.
 */
final class RandomObjects {

  private static final int MAX_DEPTH = 7;

  private static final String[] WORDS = {
    "",
    "a",
    "True",
    "False",
    "Unknown",
    "Running",
    "Pending",
    "Ready",
    "Available",
    "Active",
    "ClusterIP",
    "NodePort",
    "LoadBalancer",
    "ExternalName",
    "RollingUpdate",
    "Recreate",
    "kube-system",
    "web-0",
    "x/y",
    "app.kubernetes.io/name",
    "10.0.0.1",
    "::1",
    "25%",
    "quote\"back\\slash\nnewline",
    "} 1\nfake_metric 1",
    "\u00E9\u20AC\uD83D\uDE80",
    "\uD800"
  };

  private static final String[] QUANTITIES = {
    "0", "1", "100m", "1.5", "250m", "2Gi", "512Mi", "1e3", "10k", "0.1", "3Ti", "128974848"
  };

  private final SplittableRandom random;

  RandomObjects(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A new random instance of a fabric8 model class. */
  <T> T create(Class<T> type) {
    return type.cast(model(type, 0));
  }

  private Object model(Class<?> type, int depth) {
    Object object;
    try {
      object = type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      return null;
    }
    if (depth > 0 && random.nextInt(8) == 0) {
      // an empty nested object ({}), as in `state: {}` or a list of `- {}`
      return object;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || !f.isAnnotationPresent(JsonProperty.class)) {
          continue;
        }
        if (depth == 0 && (f.getName().equals("kind") || f.getName().equals("apiVersion"))) {
          // the constructor sets the object's own kind, as the API server would
          continue;
        }
        if (random.nextInt(100) < 25 + 8 * depth) {
          // absent: fabric8's default (an empty list or map), or sometimes null, which is what
          // Go writes for a nil slice or map without omitempty
          if ((f.getType() == List.class || f.getType() == Map.class) && random.nextBoolean()) {
            set(object, f, null);
          }
          continue;
        }
        Object value = value(f.getGenericType(), f.getName(), depth + 1);
        if (value != null) {
          set(object, f, value);
        }
      }
    }
    return object;
  }

  private static void set(Object object, Field f, Object value) {
    try {
      f.setAccessible(true);
      f.set(object, value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot set " + f.getDeclaringClass().getName() + "." + f.getName(), e);
    }
  }

  private Object value(Type type, String field, int depth) {
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class && depth < MAX_DEPTH) {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          Object item = value(args[0], field, depth + 1);
          if (item != null) {
            list.add(item);
          }
        }
        return list;
      }
      if (raw == Map.class && args[0] == String.class && depth < MAX_DEPTH) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          Object v = value(args[1], field, depth + 1);
          if (v != null) {
            map.put(pick(WORDS), v);
          }
        }
        return map;
      }
      return null;
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    if (c == String.class) {
      return string(field);
    }
    if (c == Integer.class || c == int.class) {
      return random.nextBoolean() ? random.nextInt(-2, 5) : random.nextInt();
    }
    if (c == Long.class || c == long.class) {
      return random.nextBoolean() ? (long) random.nextInt(-2, 5) : random.nextLong();
    }
    if (c == Boolean.class || c == boolean.class) {
      return random.nextBoolean();
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      double d = random.nextDouble(-1e6, 1e6);
      return c == Float.class || c == float.class ? (Object) (float) d : (Object) d;
    }
    if (c == Quantity.class) {
      return new Quantity(pick(QUANTITIES));
    }
    if (c == IntOrString.class) {
      return random.nextBoolean()
          ? new IntOrString(random.nextInt(0, 20))
          : new IntOrString(random.nextInt(0, 101) + "%");
    }
    if (c.getName().startsWith("io.fabric8.kubernetes.api.model") && depth < MAX_DEPTH) {
      return model(c, depth);
    }
    return null;
  }

  private String string(String field) {
    if (field.endsWith("Timestamp") || field.endsWith("Time") || field.endsWith("At")) {
      return Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L)).toString();
    }
    if (field.equals("resourceVersion")) {
      return Long.toString(random.nextLong(0, 100_000_000L));
    }
    if (field.equals("uid")) {
      return new UUID(random.nextLong(), random.nextLong()).toString();
    }
    if (field.equals("certificate")) {
      // Go []byte (a CSR's issued certificate): the API server sends padded standard base64.
      return Base64.getEncoder().encodeToString(pick(WORDS).getBytes(StandardCharsets.UTF_8));
    }
    return pick(WORDS);
  }

  private String pick(String[] pool) {
    return pool[random.nextInt(pool.length)];
  }
}
