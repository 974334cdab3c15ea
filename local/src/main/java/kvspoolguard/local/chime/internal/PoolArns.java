package kvspoolguard.local.chime.internal;

/** Pool ARNs as AWS forms them: {@code arn:aws:chime:us-east-1:111122223333:media-pipeline-kinesis-video-stream-pool/Name}. */
public final class PoolArns {

    static final String RESOURCE_TYPE = "media-pipeline-kinesis-video-stream-pool/";

    private PoolArns() {
    }

    public static String of(String region, String accountId, String name) {
        return "arn:" + partition(region) + ":chime:" + region + ":" + accountId + ":" + RESOURCE_TYPE + name;
    }

    static String of(AccountRegion where, String name) {
        return of(where.region(), where.accountId(), name);
    }

    /** The pool name an ARN designates in this account and region, or null when it designates none there. */
    static String nameIn(String arn, AccountRegion where) {
        String prefix = "arn:" + partition(where.region()) + ":chime:" + where.region() + ":" + where.accountId()
                + ":" + RESOURCE_TYPE;
        if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
            return null;
        }
        String name = arn.substring(prefix.length());
        return name.contains("/") ? null : name;
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
