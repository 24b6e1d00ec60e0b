package io.meridian.resolver.store;

import io.meridian.resolver.config.ConfigException;
import io.meridian.resolver.config.ConfigLoader;
import io.meridian.resolver.config.MeridianConfig;
import io.meridian.resolver.server.DataPlane;
import io.meridian.resolver.testing.DataDirs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** store.names: what a new data directory's names map is made for (Chronicle Map chains tiers past it). */
class StoreSizingTest {
    @Test
    void storeNamesComesFromTheConfigAndBadValuesAreRefused() throws Exception {
        Path config = DataDirs.fresh("store-names").resolve("meridian.yaml");
        Files.writeString(config, "store:\n  names: 2000000\n");
        assertEquals(2_000_000, ConfigLoader.load(config).storeSizing().names());
        assertEquals(ZoneStore.StoreSizing.DEFAULT, MeridianConfig.defaults().storeSizing());
        for (String bad : new String[] {"names: 5", "names: 2.5e6", "names: many", "name: 2000000"}) {
            Files.writeString(config, "store:\n  " + bad + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config), bad);
            assertTrue(e.getMessage().contains("store.name"), e.getMessage());
        }
    }

    @Test
    void aNewDataDirectoryIsMadeForTheConfiguredNames() throws Exception {
        Path plain = DataDirs.fresh("store-default");
        Path sized = DataDirs.fresh("store-sized");
        MeridianConfig config = MeridianConfig.defaults().withDns(MeridianConfig.defaults().dns()
                .withListen(new java.net.InetSocketAddress("127.0.0.1", 0)));
        try (DataPlane a = DataPlane.start(config.withDataDir(plain));
             DataPlane b = DataPlane.start(config.withDataDir(sized).withStoreNames(400_000))) {
            // Chronicle Map lays out every segment when it creates the file: its size follows the entries it is made for.
            long ratio = Files.size(sized.resolve("names.cm")) / Files.size(plain.resolve("names.cm"));
            assertTrue(ratio >= 3, "names map made for 400k names is " + ratio + "x the default (100k)");
        }
    }
}
