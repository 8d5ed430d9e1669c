package dev.miniats.local.lambda;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the bodies of CreateFunction and UpdateFunctionCode, which carry a zip of up to 50 MB
 * base64-encoded: larger than the runtime's general request limit and Jackson's default string
 * limit. A body over Lambda's own limit is refused with {@code RequestEntityTooLargeException}
 * without being kept in memory. Stateless.
 */
final class CodeUploads {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) FunctionValidation.MAX_CODE_REQUEST_BYTES).build());
    }

    private CodeUploads() {
    }

    static <T> T read(Context ctx, Class<T> type, String operation) {
        long declared = ctx.req().getContentLengthLong();
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > FunctionValidation.MAX_CODE_REQUEST_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                throw FunctionValidation.tooLarge(operation);
            }
            body = in.readNBytes((int) FunctionValidation.MAX_CODE_REQUEST_BYTES + 1);
            if (body.length > FunctionValidation.MAX_CODE_REQUEST_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                throw FunctionValidation.tooLarge(operation);
            }
        } catch (IOException e) {
            throw AwsException.serialization("Cannot read the request body: " + e.getMessage());
        }
        if (body.length == 0) {
            return Json.read("{}", type);
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (MismatchedInputException e) {
            throw AwsException.serialization("A member of the " + operation + " request has the wrong type: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw AwsException.serialization("The " + operation + " request is not valid JSON: " + e.getMessage());
        }
    }
}
