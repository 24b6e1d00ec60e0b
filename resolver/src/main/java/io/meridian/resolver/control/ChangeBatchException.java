package io.meridian.resolver.control;

import java.util.List;

/**
 * A change batch refused whole (Route 53's InvalidChangeBatch): every reason in {@link #reasons()},
 * and all of them as "[m1, m2]" in the message, the form Terraform and the SDKs print.
 */
public final class ChangeBatchException extends ControlException {
    public ChangeBatchException(List<String> reasons) {
        super("InvalidChangeBatch", "[" + String.join(", ", reasons) + "]", reasons);
    }
}
