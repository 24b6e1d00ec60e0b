package io.meridian.resolver.store;

import io.meridian.resolver.control.ControlLimits;
import io.meridian.resolver.control.ZoneService;
import io.meridian.resolver.zone.ServingView;

import java.nio.file.Path;

/** Run in a child JVM by {@link ZoneStoreCrashTest}: imports one zone file into a data dir. */
public final class ImportChild {
    private ImportChild() {
    }

    public static void main(String[] args) throws Exception {
        try (ZoneStore store = ZoneStore.open(Path.of(args[0]), ZoneStore.StoreSizing.DEFAULT)) {
            System.out.println("importing");
            new ZoneService(store, new ServingView(), ControlLimits.ROUTE53).importFile(Path.of(args[1]), null);
            System.out.println("imported");
        }
    }
}
