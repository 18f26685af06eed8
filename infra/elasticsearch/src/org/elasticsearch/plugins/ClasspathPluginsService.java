package org.elasticsearch.plugins;

import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Plugins taken from the JVM's classpath (the jars Maven resolved) rather than from the
 * modules/ and plugins/ folders of a distribution. Each plugin is named by the
 * descriptor its jar carries (META-INF/es-plugins/NAME/plugin-descriptor.properties).
 *
 * It sits in this package because the record of a loaded plugin and the helper that
 * instantiates a plugin class are package-private.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Environment env, PluginsLoader noBundles, List<String> names) throws IOException {
        // The loader passed up holds no bundles: the parent then loads nothing itself.
        super(env.settings(), env.configDir(), noBundles);
        ClassLoader classLoader = ClasspathPluginsService.class.getClassLoader();
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (String name : names) {
            String resource = "META-INF/es-plugins/" + name + "/" + PluginDescriptor.INTERNAL_DESCRIPTOR_FILENAME;
            PluginDescriptor descriptor;
            try (InputStream in = classLoader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("plugin [" + name + "] is not on the classpath (no " + resource + ")");
                }
                descriptor = PluginDescriptor.readInternalDescriptorFromStream(in);
            }
            Class<? extends Plugin> pluginClass;
            try {
                pluginClass = Class.forName(descriptor.getClassname(), true, classLoader).asSubclass(Plugin.class);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("plugin [" + name + "] names a missing class", e);
            }
            Plugin instance = loadPlugin(pluginClass, env.settings(), env.configDir());
            plugins.add(new LoadedPlugin(descriptor, instance, classLoader));
        }
        this.loaded = List.copyOf(plugins);
    }

    // Every lookup of the parent (filterPlugins, map, forEach ...) goes through this.
    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    // The parent builds its info from its own (empty) list; report ours (GET _nodes/plugins).
    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(loaded.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }
}
