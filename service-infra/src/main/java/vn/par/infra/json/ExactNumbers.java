package vn.par.infra.json;

import java.io.IOException;
import java.math.BigDecimal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Points are exact decimals end to end: JSON numbers are read as {@link BigDecimal} (never through
 * {@code double}), and written without trailing zeros or exponents ({@code 15.5}, not {@code 15.5000} or
 * {@code 1E+2}).
 */
@Singleton
public class ExactNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        SimpleModule module = new SimpleModule("exact-numbers");
        module.addSerializer(BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                BigDecimal plain = value.stripTrailingZeros();
                gen.writeNumber((plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString());
            }
        });
        mapper.registerModule(module);
    }
}
