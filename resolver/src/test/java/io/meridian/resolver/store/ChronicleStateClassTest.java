package io.meridian.resolver.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The build step of src/build/PregenerateChronicleState.java: without it every start runs javac for ~1.2 s. */
class ChronicleStateClassTest {

    @Test
    void chronicleMapFindsItsGlobalStateClassPrebuiltInsteadOfCompilingIt() throws Exception {
        Class<?> prebuilt = Class.forName("net.openhft.chronicle.hash.VanillaGlobalMutableState$$Native");
        assertNotNull(prebuilt.getProtectionDomain().getCodeSource(), "loaded from the class path, not defined at run time");
        Class<?> state = Class.forName("net.openhft.chronicle.hash.VanillaGlobalMutableState");
        Object model = Class.forName("net.openhft.chronicle.values.ValueModel").getMethod("acquire", Class.class).invoke(null, state);
        assertEquals(prebuilt, model.getClass().getMethod("nativeClass").invoke(model), "the class Chronicle Map uses is ours");
    }
}
