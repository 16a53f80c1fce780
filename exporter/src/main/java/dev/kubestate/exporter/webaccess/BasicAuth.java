package dev.kubestate.exporter.webaccess;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The web config's {@code basic_auth_users}: checks an {@code Authorization: Basic} header
 * against bcrypt hashes (BouncyCastle's {@link OpenBSDBCrypt}, which compares in constant time).
 * A successful check is remembered as a SHA-256 of user, hash and password, so bcrypt's cost
 * (~70 ms at cost 10) is paid once per credential, not per scrape; a changed hash or password
 * misses the cache. An unknown user still costs one bcrypt, so timing does not tell which users
 * exist. Thread-safe.
 */
final class BasicAuth {

  /** Remembered credentials before the cache starts over. */
  private static final int MAX_CACHED = 1024;

  private static final Pattern HASH = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  /** Checked for unknown users so they cost as much as known ones; matches no password given. */
  private static final String DUMMY = "$2b$10$RUnbDlJVohdeb6ESmnKzKeUPIMHLDJEujXGHQQ8sqZ8a574zPOiRW";

  private final Vertx vertx;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  BasicAuth(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Fails through {@code fail} when {@code hash} is not a bcrypt hash. */
  static void checkHash(String hash, String key, Function<String, IllegalArgumentException> fail) {
    if (!HASH.matcher(hash).matches()) {
      throw fail.apply(key + ": not a bcrypt hash");
    }
  }

  /**
   * Whether {@code authorization} carries a user of {@code users} with its password. Event-loop
   * only; a cache miss runs bcrypt on a worker thread.
   *
   * @return completes with true or false, never fails
   */
  Future<Boolean> check(Map<String, String> users, String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Future.succeededFuture(false);
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(false);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Future.succeededFuture(false);
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    String hash = users.get(user);
    String key = digest(user, hash == null ? DUMMY : hash, password);
    if (hash != null && verified.contains(key)) {
      return Future.succeededFuture(true);
    }
    return vertx.executeBlocking(
        () -> {
          boolean ok = bcrypt(hash == null ? DUMMY : hash, password) && hash != null;
          if (ok) {
            if (verified.size() >= MAX_CACHED) {
              verified.clear();
            }
            verified.add(key);
          }
          return ok;
        },
        false);
  }

  private static boolean bcrypt(String hash, String password) {
    try {
      // OpenBSDBCrypt knows $2a$, $2b$ and $2y$; htpasswd writes $2y$.
      return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String digest(String user, String hash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(hash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
