package vn.par.infra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonBodyBufferTest {

    @Test
    void jsonTypesWithOrWithoutParameters() {
        assertTrue(JsonBodyBuffer.isJson("application/json"));
        assertTrue(JsonBodyBuffer.isJson("application/json; charset=UTF-8"));
        assertTrue(JsonBodyBuffer.isJson("Application/JSON"));
        assertTrue(JsonBodyBuffer.isJson("application/merge-patch+json"));
        assertFalse(JsonBodyBuffer.isJson(null));
        assertFalse(JsonBodyBuffer.isJson("multipart/form-data; boundary=x"));
        assertFalse(JsonBodyBuffer.isJson("application/x-www-form-urlencoded"));
        assertFalse(JsonBodyBuffer.isJson("text/plain"));
        assertFalse(JsonBodyBuffer.isJson("json"));
    }

    @Test
    void declaredLengthOrMinusOne() {
        assertEquals(120, JsonBodyBuffer.declaredLength("120"));
        assertEquals(120, JsonBodyBuffer.declaredLength(" 120 "));
        assertEquals(-1, JsonBodyBuffer.declaredLength(null));
        assertEquals(-1, JsonBodyBuffer.declaredLength("many"));
    }
}
