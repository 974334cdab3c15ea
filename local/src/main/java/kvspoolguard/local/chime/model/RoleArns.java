package kvspoolguard.local.chime.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM role ARNs: {@code arn:aws:iam::123456789012:role/optional/path/Name}. */
public final class RoleArns {

    private static final Pattern ROLE = Pattern.compile(
            "^arn:aws(?:-cn|-us-gov)?:iam::(\\d{12}):role/(?:[\\x21-\\x7E]{1,512}/)?([\\w+=,.@-]{1,64})$");

    private RoleArns() {
    }

    public static boolean valid(String arn) {
        return arn != null && ROLE.matcher(arn).matches();
    }

    /** The account the role belongs to; the ARN must be {@link #valid}. */
    public static String account(String arn) {
        return parts(arn).group(1);
    }

    /** The role's name, without its path. */
    public static String name(String arn) {
        return parts(arn).group(2);
    }

    private static Matcher parts(String arn) {
        Matcher m = ROLE.matcher(arn);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a role ARN: " + arn);
        }
        return m;
    }
}
