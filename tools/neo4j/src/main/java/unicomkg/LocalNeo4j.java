package unicomkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j Community, embedded, with Bolt on 127.0.0.1.
 *
 * <p>Prints one line "READY bolt://127.0.0.1:PORT" on stdout once Bolt accepts connections. Stops
 * cleanly on SIGINT/SIGTERM (shutdown hook) and also when its stdin closes, so that it never
 * outlives the Node process that started it, even one killed with SIGKILL.
 */
public final class LocalNeo4j {
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    if (opts.containsKey("help")) {
      System.out.println(
          "usage: java ... unicomkg.LocalNeo4j --data DIR --port PORT [--pagecache-mb 256]");
      return;
    }
    Path data = Path.of(require(opts, "data")).toAbsolutePath();
    int port = Integer.parseInt(require(opts, "port"));
    long pagecacheMb = Long.parseLong(opts.getOrDefault("pagecache-mb", "256"));

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(data)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024L * 1024L)
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .build();

    Thread stopper = new Thread(() -> stop(dbms), "neo4j-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    // Warm the default database so that the first Bolt request does not pay for it.
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();

    // The parent keeps our stdin open; when it goes away (exit, crash, SIGKILL) stdin reaches EOF.
    InputStream in = System.in;
    try {
      while (in.read() != -1) {
        // Ignore input; we only wait for end-of-file.
      }
    } catch (IOException ignored) {
      // Treat a broken pipe like end-of-file.
    }
    System.exit(0);
  }

  private static synchronized void stop(DatabaseManagementService dbms) {
    try {
      dbms.shutdown();
      System.err.println("neo4j-local: stopped");
    } catch (RuntimeException e) {
      System.err.println("neo4j-local: error during shutdown: " + e);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + a);
      String key = a.substring(2);
      if (key.equals("help")) m.put(key, "");
      else if (i + 1 < args.length) m.put(key, args[++i]);
      else throw new IllegalArgumentException("missing value for " + a);
    }
    return m;
  }

  private static String require(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) throw new IllegalArgumentException("missing --" + key);
    return v;
  }
}
