package dev.kubestate.exporter.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded odd fabric8 model objects, built from the model's structure by reflection: any field may
 * be null (metadata included) and any list may hold null or duplicated elements; strings are
 * empty, huge (4 KB and more), from every Unicode plane (U+0000, U+FFFF, lone surrogates, emoji,
 * private use), or carry quotes, backslashes and newlines; numbers are extreme or negative;
 * quantities and times are odd or unparsable ({@code 0.000001m}, {@code 1e400}, {@code -0}, Go's
 * zero time, {@code U+FFFF}); map keys are odd label keys. Unlike {@link RandomObjects} nothing
 * here is what an API server would send: it is what a generator must survive. Reproducible: the
 * same seed gives the same objects. Not thread-safe.
 */
final class OddObjects {

  private static final int MAX_DEPTH = 6;

  private static final String HUGE = "\u00E9x\"\\\n".repeat(820);

  private static final String[] STRINGS = {
    "",
    "a",
    "\u0000",
    "nul\u0000inside",
    "\uFFFF",
    "\uFFFE",
    "\uD800",
    "\uDFFF",
    "lone \uDC00 low",
    "\uDE80\uD83D",
    "\uD83D\uDE80",
    "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
    "\uD834\uDD1E",
    "\uD840\uDC00",
    "\uDB40\uDC01",
    "\uDB80\uDC00",
    "\uDBFF\uDFFF",
    "\u202Eright-to-left",
    "\uFEFFbom",
    "\u4E2D\u6587",
    "quote\"back\\slash\nnewline",
    "\"",
    "\\",
    "\\n",
    "trailing\\",
    "\r\n\t",
    "} 1\nfake_metric 1",
    "\"} 1\n# HELP x y\n",
    "# EOF",
    "-1",
    "1e400",
    "NaN",
    "+Inf",
    "0",
    "True",
    "False",
    "Unknown",
    "true",
    "Running",
    "Pending",
    "Failed",
    "Succeeded",
    "Ready",
    "Available",
    "Progressing",
    "Complete",
    "ClusterIP",
    "NodePort",
    "LoadBalancer",
    "ExternalName",
    "RollingUpdate",
    "OnDelete",
    "Recreate",
    "Resource",
    "Pods",
    "Object",
    "External",
    "ContainerResource",
    "Utilization",
    "AverageValue",
    "Value",
    "Approved",
    "Denied",
    "cpu",
    "memory",
    "storage",
    "nvidia.com/gpu",
    "requests.cpu",
    "limits.memory",
    "hugepages-2Mi",
    "Container",
    "Pod",
    "PersistentVolumeClaim",
    "ReplicaSet",
    "Deployment",
    "StatefulSet",
    "Job",
    "CronJob",
    "Node",
    "IPv4",
    "IPv6",
    "10.0.0.1",
    "::1",
    "fe80::1%eth0",
    "256.1.1.1",
    "25%",
    "%",
    "-5%",
    "1e3%",
    "*/5 * * * *",
    "@every 1h",
    "@hourly",
    "CRON_TZ=Mars/Olympus 0 * * * *",
    "TZ=UTC 0 0 31 2 *",
    "60 24 32 13 8",
    "0 0 * * * * *",
    "1-0/0 * * * *",
    "Europe/Berlin",
    "Nowhere/Land",
    "kube-system",
    "web-0",
    "x/y",
    "app.kubernetes.io/name",
  };

  private static final String[] TIMES = {
    "0001-01-01T00:00:00Z",
    "0001-01-01T01:00:00+01:00",
    "",
    "\uFFFF",
    "not a time",
    "2017-07-14T02:40:00Z",
    "1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59.5Z",
    "2024-02-30T00:00:00Z",
    "2016-12-31T23:59:60Z",
    "9999-12-31T23:59:59.999999999Z",
    "0000-01-01T00:00:00Z",
    "-0001-01-01T00:00:00Z",
    "+10000-01-01T00:00:00Z",
    "2024-01-01T00:00:00+14:00",
    "2024-01-01T00:00:00-12:00",
    "2024-01-01 00:00:00",
    "2024-01-01T00:00:00",
    "2024-01-01T00:00:00.1234567891234Z",
    "2024-01-01t00:00:00z",
  };

  private static final String[] QUANTITY_AMOUNTS = {
    "0.000001", "1e400", "-0", "1e-400", "9223372036854775807", "-9223372036854775808",
    "99999999999999999999999", "0.1", "abc", "", "1.5.5", "0x10", " 1", "NaN", "+Inf", "-1",
    "1.0000000000000000001", "100", "5", ".5", "5.", "+5", "--5", "\uFFFF", "1e", "1e18",
  };

  private static final String[] QUANTITY_FORMATS = {
    "", "m", "u", "n", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3",
    "e-3", "E400", "e9223372036854775807", "mi", "x", "\u0000",
  };

  private static final String[] QUANTITY_TEXTS = {
    "0.000001m", "1e400", "-0", "100m", "2Gi", "1e3", "0", "-1Gi", "512Mi", "250u", "1Ei",
  };

  private static final String[] LABEL_KEYS = {
    "", "a", "A", "9a", "a-b", "a_b", "__x", "\u00FC", "a.b/c", "label_x", "x", "X", "app",
    "\u0000", "a\"b", "a\nb", "\uD800", "\uD83D\uDE80", "k".repeat(300), "namespace", "uid",
    "__name__",
  };

  private static final ClassValue<List<Field>> FIELDS =
      new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
          List<Field> out = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
              if (!Modifier.isStatic(f.getModifiers())
                  && f.isAnnotationPresent(JsonProperty.class)) {
                f.setAccessible(true);
                out.add(f);
              }
            }
          }
          return List.copyOf(out);
        }
      };

  private static final ClassValue<Constructor<?>> CONSTRUCTORS =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
          try {
            return type.getDeclaredConstructor();
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      };

  private final SplittableRandom random;

  OddObjects(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A new odd instance of a fabric8 model class (never null itself; its fields may be). */
  <T> T create(Class<T> type) {
    return type.cast(model(type, 0));
  }

  private Object model(Class<?> type, int depth) {
    Object object = instance(type);
    if (object == null || (depth > 0 && random.nextInt(10) == 0)) {
      return object;
    }
    int absent = Math.min(90, 25 + 15 * depth);
    for (Field f : FIELDS.get(type)) {
      if (depth == 0 && (f.getName().equals("kind") || f.getName().equals("apiVersion"))) {
        continue;
      }
      if (random.nextInt(100) < absent) {
        if (random.nextInt(3) == 0) {
          set(object, f, null);
        }
        continue;
      }
      set(object, f, value(f.getGenericType(), f.getName(), depth + 1));
    }
    return object;
  }

  private static Object instance(Class<?> type) {
    Constructor<?> c = CONSTRUCTORS.get(type);
    if (c == null) {
      return null;
    }
    try {
      return c.newInstance();
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static void set(Object object, Field f, Object value) {
    if (value == null && f.getType().isPrimitive()) {
      return;
    }
    try {
      f.set(object, value);
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot set " + f.getDeclaringClass().getName() + "." + f.getName(), e);
    }
  }

  private Object value(Type type, String field, int depth) {
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        return depth < MAX_DEPTH ? list(args[0], field, depth) : null;
      }
      if (raw == Map.class && args[0] == String.class) {
        return depth < MAX_DEPTH ? map(args[1], field, depth) : null;
      }
      return null;
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    return scalar(c, field, depth);
  }

  private Object scalar(Class<?> c, String field, int depth) {
    if (c == String.class) {
      return string(field);
    }
    if (c == Integer.class || c == int.class) {
      return integer();
    }
    if (c == Long.class || c == long.class) {
      return longValue();
    }
    if (c == Boolean.class || c == boolean.class) {
      return random.nextBoolean();
    }
    if (c == Double.class || c == double.class) {
      return doubleValue();
    }
    if (c == Float.class || c == float.class) {
      return (float) doubleValue();
    }
    if (c == Quantity.class) {
      return quantity();
    }
    if (c == IntOrString.class) {
      return intOrString();
    }
    if (c.getName().startsWith("io.fabric8.kubernetes.api.model") && depth < MAX_DEPTH) {
      return model(c, depth);
    }
    return null;
  }

  /** 0 to 4 elements, some null, some the same element twice. */
  private List<Object> list(Type element, String field, int depth) {
    List<Object> list = new ArrayList<>();
    for (int i = random.nextInt(depth < 4 ? 5 : 3); i > 0; i--) {
      int roll = random.nextInt(10);
      if (roll == 0) {
        list.add(null);
      } else if (roll == 1 && !list.isEmpty()) {
        list.add(list.get(random.nextInt(list.size())));
      } else {
        list.add(value(element, field, depth + 1));
      }
    }
    return list;
  }

  /** 0 to 4 entries with odd label keys, some values null. */
  private Map<String, Object> map(Type valueType, String field, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      String key = random.nextInt(4) == 0 ? pick(STRINGS) : pick(LABEL_KEYS);
      map.put(key, random.nextInt(10) == 0 ? null : value(valueType, field, depth + 1));
    }
    return map;
  }

  private String string(String field) {
    boolean timeLike =
        field.endsWith("Timestamp")
            || field.endsWith("Time")
            || field.endsWith("At")
            || field.equals("time");
    int roll = random.nextInt(20);
    if (timeLike && roll < 14) {
      return pick(TIMES);
    }
    if (field.equals("resourceVersion") && roll < 10) {
      return Long.toString(longValue());
    }
    if (roll == 0) {
      return HUGE.substring(random.nextInt(16));
    }
    if (roll == 1) {
      return pick(STRINGS) + pick(STRINGS);
    }
    if (roll == 2) {
      return Character.toString(random.nextInt(0, Character.MAX_CODE_POINT + 1));
    }
    return pick(STRINGS);
  }

  private int integer() {
    switch (random.nextInt(6)) {
      case 0:
        return Integer.MIN_VALUE;
      case 1:
        return Integer.MAX_VALUE;
      case 2:
        return random.nextInt();
      default:
        return random.nextInt(-2, 5);
    }
  }

  private long longValue() {
    switch (random.nextInt(6)) {
      case 0:
        return Long.MIN_VALUE;
      case 1:
        return Long.MAX_VALUE;
      case 2:
        return random.nextLong();
      default:
        return random.nextInt(-2, 5);
    }
  }

  private double doubleValue() {
    double[] odd = {
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
      Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 0.1
    };
    return random.nextBoolean() ? odd[random.nextInt(odd.length)] : random.nextDouble(-1e9, 1e9);
  }

  private Quantity quantity() {
    switch (random.nextInt(4)) {
      case 0:
        return new Quantity();
      case 1:
        String text = pick(QUANTITY_TEXTS);
        try {
          return new Quantity(text);
        } catch (IllegalArgumentException e) {
          return new Quantity(text, null);
        }
      default:
        return new Quantity(pick(QUANTITY_AMOUNTS), pick(QUANTITY_FORMATS));
    }
  }

  private IntOrString intOrString() {
    switch (random.nextInt(4)) {
      case 0:
        return new IntOrString();
      case 1:
        return new IntOrString(integer());
      default:
        return new IntOrString(random.nextBoolean() ? pick(STRINGS) : integer() + "%");
    }
  }

  private String pick(String[] pool) {
    return pool[random.nextInt(pool.length)];
  }
}
