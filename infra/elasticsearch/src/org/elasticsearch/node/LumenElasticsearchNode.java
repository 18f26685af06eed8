package org.elasticsearch.node;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Elasticsearch node inside this JVM from the server and plugin jars on the
 * classpath, the way Elasticsearch's own test framework builds its nodes: the public
 * constructor of Node would look for plugins on disk, so this class, being in Node's
 * package, goes through the package-private construction path and supplies a plugins
 * service that takes its plugins from the classpath.
 *
 * Usage: java -cp ... org.elasticsearch.node.LumenElasticsearchNode HOME [key=value ...]
 * HOME holds config/elasticsearch.yml and config/log4j2.properties; each key=value
 * overrides a setting of the first.
 * The plugins loaded are named by -Dlumen.es.plugins (default transport-netty4, which
 * brings the HTTP and transport layers).
 */
public final class LumenElasticsearchNode extends Node {

    private LumenElasticsearchNode(Environment env, List<String> plugins) {
        super(NodeConstruction.prepareConstruction(env, noBundles(), new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment environment, PluginsLoader loader) {
                try {
                    return new ClasspathPluginsService(environment, loader, plugins);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, true));
    }

    // A loader of no bundles. false: skip the qualified exports of the server module,
    // which does not exist here (the server jar is on the classpath, not the module path).
    private static PluginsLoader noBundles() {
        return PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LumenElasticsearchNode HOME [key=value ...]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("not a key=value setting: " + arg);
                System.exit(2);
            }
            overrides.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<String> plugins = List.of(System.getProperty("lumen.es.plugins", "transport-netty4").split(","));

        Environment env = InternalSettingsPreparer.prepareEnvironment(
            Settings.builder().put("path.home", home.toString()).build(),
            overrides,
            home.resolve("config"),
            () -> "lumen-es"
        );
        // Log4j from HOME/config/log4j2.properties (console output, which the start
        // script sends to the node's log file).
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(env.settings()));
        LogConfigurator.configure(env, true);

        Node node;
        try {
            node = new LumenElasticsearchNode(env, plugins).start();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // the node's threads could otherwise keep a half-built JVM alive
            return;
        }

        // Every thread of the node is a daemon: this main thread holds the JVM until a
        // signal (TERM, INT) runs the hook, which closes the node cleanly.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "lumen-es-shutdown"));
        stopped.await();
    }
}
