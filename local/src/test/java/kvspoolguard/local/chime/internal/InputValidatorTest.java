package kvspoolguard.local.chime.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import kvspoolguard.local.chime.model.Json;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private static final ServiceModel MODEL = ServiceModel.load();
    private final InputValidator validator = new InputValidator(MODEL);

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void validate_patternWithoutEndAnchor_matchesAsSmithyDefines() throws Exception {
        // ^[0-9a-zA-Z._-]+ is not anchored at the end: the name only has to start well
        JsonNode input = json("{\"PoolName\":\"ok then!\",\"StreamConfiguration\":{\"Region\":\"us-east-1\"}}");

        assertThatCode(() -> validator.validate("CreateMediaPipelineKinesisVideoStreamPoolRequest", input))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_sensitiveMember_doesNotEchoItsValue() throws Exception {
        JsonNode input = json("{\"PoolName\":\"p\",\"ClientRequestToken\":\"s\",\"StreamConfiguration\":{\"Region\":\"us-east-1\"}}");

        assertThatThrownBy(() -> validator.validate("CreateMediaPipelineKinesisVideoStreamPoolRequest", input))
                .isInstanceOf(ApiException.class)
                .hasMessage("1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 2");
    }

    @Test
    void validate_updateAndCreate_haveDifferentRetentionMinimums() throws Exception {
        JsonNode zero = json("{\"Identifier\":\"p\",\"StreamConfiguration\":{\"DataRetentionInHours\":0}}");
        JsonNode createZero = json("{\"PoolName\":\"p\",\"StreamConfiguration\":{\"Region\":\"us-east-1\","
                + "\"DataRetentionInHours\":0}}");

        assertThatThrownBy(() -> validator.validate("UpdateMediaPipelineKinesisVideoStreamPoolRequest", zero))
                .hasMessageContaining("greater than or equal to 1");
        assertThatCode(() -> validator.validate("CreateMediaPipelineKinesisVideoStreamPoolRequest", createZero))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_integerBeyondIntRange_isNotAnInteger() throws Exception {
        JsonNode input = json("{\"Identifier\":\"p\",\"StreamConfiguration\":{\"DataRetentionInHours\":4294967296}}");

        assertThatThrownBy(() -> validator.validate("UpdateMediaPipelineKinesisVideoStreamPoolRequest", input))
                .hasMessageContaining("Member must be an integer");
    }

    @Test
    void validate_fractionalRetention_isNotAnInteger() throws Exception {
        JsonNode input = json("{\"Identifier\":\"p\",\"StreamConfiguration\":{\"DataRetentionInHours\":1.5}}");

        assertThatThrownBy(() -> validator.validate("UpdateMediaPipelineKinesisVideoStreamPoolRequest", input))
                .hasMessageContaining("Value '1.5' at 'streamConfiguration.dataRetentionInHours'")
                .hasMessageContaining("Member must be an integer");
    }
}
